package dev.continuum.hibernate.history;

import dev.continuum.hibernate.testing.WithProperties;

/** {@link UndoRedoTest}'s tests under the subquery strategy: no end column, ends derived by every read. */
@WithProperties("continuum.strategy=subquery")
class UndoRedoSubqueryTest extends UndoRedoTest {
}
