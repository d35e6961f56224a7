package dev.continuum.hibernate.mapping;

import dev.continuum.hibernate.mapping.NamingModel.Ledger;
import dev.continuum.hibernate.mapping.NamingModel.Memo;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;

import java.util.List;
import java.util.Map;

import static dev.continuum.hibernate.testing.VersionRows.number;
import static org.assertj.core.api.Assertions.assertThat;

/** The table suffix, {@code @Versioned(table)} and the bookkeeping column names are configurable. */
@Model(value = {Memo.class, Ledger.class}, properties = {
        "continuum.transaction_table=map_names_tx", "continuum.transaction_sequence=map_names_tx_seq",
        "continuum.table_suffix=_history", "continuum.transaction_id_column=tx",
        "continuum.end_transaction_id_column=tx_end", "continuum.operation_type_column=op"})
class CustomNamesTest {

    @DatabaseTest
    void theSuffixAndTheColumnNamesAreUsedForWritingAndClosing(Db db) {
        db.run(em -> {
            Memo memo = new Memo();
            memo.id = 1L;
            memo.text = "draft";
            em.persist(memo);
        });
        db.run(em -> em.find(Memo.class, 1L).text = "final");

        List<Map<String, Object>> rows = db.rows("select text, tx, tx_end, op from map_memo_history order by tx");
        assertThat(rows).extracting(r -> r.get("text")).containsExactly("draft", "final");
        assertThat(number(rows.get(0).get("tx_end"))).isEqualTo(number(rows.get(1).get("tx")));
        assertThat(rows.get(1).get("tx_end")).isNull();
        assertThat(number(rows.get(1).get("op"))).isEqualTo(1L);
        assertThat(db.count("map_names_tx")).isEqualTo(2);
    }

    @DatabaseTest
    void anExplicitTableNameWinsOverTheSuffix(Db db) {
        db.run(em -> {
            Ledger ledger = new Ledger();
            ledger.id = 1L;
            ledger.balance = 100;
            em.persist(ledger);
        });
        db.run(em -> em.find(Ledger.class, 1L).balance = 50);

        List<Map<String, Object>> rows = db.rows("select balance, tx, tx_end, op from map_ledger_audit order by tx");
        assertThat(rows).extracting(r -> number(r.get("balance"))).containsExactly(100L, 50L);
        assertThat(rows.get(0).get("tx_end")).isNotNull();
    }
}
