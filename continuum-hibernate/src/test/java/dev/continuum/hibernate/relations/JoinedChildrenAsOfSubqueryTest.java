package dev.continuum.hibernate.relations;

import dev.continuum.hibernate.testing.WithProperties;

/** {@link JoinedChildrenAsOfTest}'s tests under the subquery strategy: no end column, ends derived by every read. */
@WithProperties("continuum.strategy=subquery")
class JoinedChildrenAsOfSubqueryTest extends JoinedChildrenAsOfTest {
}
