package dev.continuum.hibernate.internal.read;

/**
 * Names one version: the entity's identifier and the transaction that recorded it.
 *
 * @param id the identifier
 * @param transactionId the recording transaction
 */
record VersionKey(Object id, long transactionId) {
}
