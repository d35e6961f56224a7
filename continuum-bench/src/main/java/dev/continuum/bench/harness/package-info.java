/**
 * What the benchmarks run on: the variants and databases, one persistence unit per variant, the
 * statement and JDBC counters, and the write workloads themselves.
 */
package dev.continuum.bench.harness;
