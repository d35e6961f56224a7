package dev.continuum.hibernate.relations;

import dev.continuum.hibernate.testing.WithProperties;

/** {@link LazyRelationsTest}'s tests under the subquery strategy: no end column, ends derived by every read. */
@WithProperties("continuum.strategy=subquery")
class LazyRelationsSubqueryTest extends LazyRelationsTest {
}
