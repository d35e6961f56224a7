/**
 * JMH benchmarks of Continuum's write path against plain Hibernate, Hibernate Envers (default and
 * validity strategies) and Hibernate ORM 7.4's own audit log, plus the programs that print the
 * statement counts and the summary table. See {@code docs/performance.md}.
 */
package dev.continuum.bench;
