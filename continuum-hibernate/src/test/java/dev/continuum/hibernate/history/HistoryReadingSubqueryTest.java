package dev.continuum.hibernate.history;

import dev.continuum.hibernate.testing.WithProperties;

/** {@link HistoryReadingTest}'s tests under the subquery strategy: no end column, ends derived by every read. */
@WithProperties("continuum.strategy=subquery")
class HistoryReadingSubqueryTest extends HistoryReadingTest {
}
