package dev.continuum.hibernate.nativemode;

import dev.continuum.hibernate.testing.Db;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.continuum.hibernate.testing.VersionRows.number;
import static org.assertj.core.api.Assertions.assertThat;

/** What the triggers wrote into {@code ticket_version}, and the validity chain they must keep. */
final class TicketRows {

    /** One version row of a ticket. */
    record Row(long id, String title, Integer priority, long transactionId, Long endTransactionId, int operation) {
    }

    private TicketRows() {
    }

    /** The version rows of ticket {@code id}, oldest first. */
    static List<Row> of(Db db, long id) {
        return all(db).stream().filter(row -> row.id() == id).toList();
    }

    /** Every version row, by ticket and then transaction. */
    static List<Row> all(Db db) {
        List<Row> rows = new ArrayList<>();
        for (Map<String, Object> row : db.rows("select id, title, priority, transaction_id, end_transaction_id, "
                + "operation_type from ticket_version order by id, transaction_id")) {
            rows.add(new Row(number(row.get("id")), (String) row.get("title"),
                    row.get("priority") == null ? null : number(row.get("priority")).intValue(),
                    number(row.get("transaction_id")), row.get("end_transaction_id") == null ? null
                            : number(row.get("end_transaction_id")), number(row.get("operation_type")).intValue()));
        }
        return rows;
    }

    /** The operations of ticket {@code id}'s versions, oldest first. */
    static List<Integer> operations(Db db, long id) {
        return of(db, id).stream().map(Row::operation).toList();
    }

    /**
     * Asserts the validity chain of every ticket: each version ends where the next begins, the last
     * one is open, and a ticket whose row exists has its last version not a deletion; every
     * transaction id has its transaction row.
     */
    static void assertChains(Db db) {
        Map<Long, List<Row>> byTicket = new TreeMap<>();
        all(db).forEach(row -> byTicket.computeIfAbsent(row.id(), key -> new ArrayList<>()).add(row));
        List<Long> live = db.rows("select id from ticket").stream().map(row -> number(row.get("id"))).toList();
        byTicket.forEach((id, versions) -> {
            for (int i = 0; i + 1 < versions.size(); i++) {
                assertThat(versions.get(i).endTransactionId()).as("ticket %d version %d", id, i)
                        .isEqualTo(versions.get(i + 1).transactionId());
            }
            Row last = versions.get(versions.size() - 1);
            assertThat(last.endTransactionId()).as("ticket %d's last version is open", id).isNull();
            assertThat(last.operation() != 2).as("ticket %d's live row and its last version", id)
                    .isEqualTo(live.contains(id));
        });
        assertThat(byTicket.keySet()).containsAll(live);
        assertThat(db.rows("select v.transaction_id from ticket_version v left join transaction t "
                + "on t.id = v.transaction_id where t.id is null")).isEmpty();
    }
}
