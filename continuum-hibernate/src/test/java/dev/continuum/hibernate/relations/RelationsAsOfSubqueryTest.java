package dev.continuum.hibernate.relations;

import dev.continuum.hibernate.testing.WithProperties;

/** {@link RelationsAsOfTest}'s tests under the subquery strategy: no end column, ends derived by every read. */
@WithProperties("continuum.strategy=subquery")
class RelationsAsOfSubqueryTest extends RelationsAsOfTest {
}
