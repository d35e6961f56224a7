/**
 * The JSON form of versions, changesets and transactions for Jackson 3:
 * {@link dev.continuum.spring.jackson.ContinuumJacksonModule}.
 */
package dev.continuum.spring.jackson;
