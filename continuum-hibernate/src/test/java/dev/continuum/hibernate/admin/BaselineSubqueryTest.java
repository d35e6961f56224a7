package dev.continuum.hibernate.admin;

import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.WithProperties;

/** {@link BaselineTest}'s tests under the subquery strategy: no end column, ends derived by every read. */
@WithProperties("continuum.strategy=subquery")
class BaselineSubqueryTest extends BaselineTest {

    /** Not a test here: it counts open versions by the end column, which the subquery strategy has not. */
    @Override
    void writersDuringTheBaselineKeepOneOpenVersionPerEntity(Db db) {
    }
}
