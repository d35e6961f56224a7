package dev.continuum.hibernate.history;

import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.WithProperties;

/** {@link ScopeUndoRedoTest}'s tests under the subquery strategy: no end column, ends derived by every read. */
@WithProperties("continuum.strategy=subquery")
class ScopeUndoRedoSubqueryTest extends ScopeUndoRedoTest {

    /** Not a test here: pruning needs the validity strategy (see {@link SubqueryStrategyTest}). */
    @Override
    void pruningTheVersionsAScopesPositionNamesStartsANewSeries(Db db) {
    }
}
