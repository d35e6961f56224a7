package dev.continuum.hibernate.mapping;

import dev.continuum.hibernate.testing.WithProperties;

/** {@link SubclassChangeTest}'s tests under the subquery strategy: no end column, ends derived by every read. */
@WithProperties("continuum.strategy=subquery")
class SubclassChangeSubqueryTest extends SubclassChangeTest {
}
