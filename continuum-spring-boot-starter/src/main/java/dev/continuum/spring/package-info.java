/**
 * Continuum for Spring applications: {@link dev.continuum.spring.TransactionalVersionHistory}, a
 * {@link dev.continuum.VersionHistory} bound to the current transaction that services inject, and
 * {@link dev.continuum.spring.SpringTransactionContextProvider}, which records the Spring Security
 * user and the request's client address with each change. The Spring Boot starter registers both.
 */
package dev.continuum.spring;
