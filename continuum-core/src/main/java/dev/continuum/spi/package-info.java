/**
 * What applications and integrations may implement to extend Continuum: the
 * {@link dev.continuum.spi.TransactionContextProvider} that tells who made a change, and the
 * {@link dev.continuum.spi.VersionHistoryFactory} through which a JPA provider's integration serves
 * {@link dev.continuum.VersionHistory}.
 */
package dev.continuum.spi;
