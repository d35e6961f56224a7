/**
 * The copy of the benchmark model for variants E and EV: every entity {@code @Audited} by Hibernate
 * Envers (the two variants differ only in the audit strategy setting).
 */
package dev.continuum.bench.model.envers;
