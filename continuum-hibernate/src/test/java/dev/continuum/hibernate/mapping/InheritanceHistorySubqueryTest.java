package dev.continuum.hibernate.mapping;

import dev.continuum.hibernate.testing.WithProperties;

/** {@link InheritanceHistoryTest}'s tests under the subquery strategy: no end column, ends derived by every read. */
@WithProperties("continuum.strategy=subquery")
class InheritanceHistorySubqueryTest extends InheritanceHistoryTest {
}
