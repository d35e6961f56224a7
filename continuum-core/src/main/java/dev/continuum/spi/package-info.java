/**
 * What applications may implement to extend Continuum: the
 * {@link dev.continuum.spi.TransactionContextProvider} that tells who made a change.
 */
package dev.continuum.spi;
