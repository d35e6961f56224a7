/**
 * Tamper evidence ({@code continuum.integrity=hash-chain}): the SHA-256 hashes that the write path
 * gives every version row and transaction row, the tables that hold transaction hashes, seals and
 * the hashes of rows that retention removed, and the check that finds a row changed, inserted or
 * deleted outside the library. Reads the version model; the write path and maintenance call into
 * it at one point each.
 */
package dev.continuum.hibernate.internal.integrity;
