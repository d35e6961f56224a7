/**
 * What applications may implement to extend Continuum: the
 * {@link dev.continuum.spi.TransactionContextProvider} that tells who made a change, and the
 * {@link dev.continuum.spi.VersionHistoryFactory} through which a provider integration serves
 * {@link dev.continuum.VersionHistory}, and the {@link dev.continuum.spi.VersionBinding} through
 * which it gives loaded typed version classes their {@link dev.continuum.Version} API.
 */
package dev.continuum.spi;
