/**
 * Spring Data JPA support: {@link dev.continuum.spring.data.VersionedRepository}, a repository
 * fragment that gives a repository the version history of its entities.
 */
package dev.continuum.spring.data;
