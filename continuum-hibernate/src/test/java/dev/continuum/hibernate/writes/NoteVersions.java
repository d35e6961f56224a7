package dev.continuum.hibernate.writes;

import dev.continuum.hibernate.testing.Db;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The version rows of a {@code Note}, and the check that its history ends where its live row is. */
final class NoteVersions {

    private NoteVersions() {
    }

    /** The version rows of note {@code id}, oldest first. */
    static List<Map<String, Object>> of(Db db, long id) {
        return db.rows("select text, operation_type, transaction_id, end_transaction_id from note_version "
                + "where id = ? order by transaction_id", id);
    }

    /** Asserts that note {@code id} has one open version, holding what its live row holds (nothing when deleted). */
    static void assertOpenVersionMatchesLiveRow(Db db, long id) {
        List<Map<String, Object>> live = db.rows("select text from note where id = ?", id);
        List<Map<String, Object>> open = of(db, id).stream().filter(row -> row.get("end_transaction_id") == null)
                .toList();
        assertThat(open).hasSize(1);
        if (live.isEmpty()) {
            assertThat(((Number) open.get(0).get("operation_type")).intValue()).isEqualTo(2);
        } else {
            assertThat(open.get(0).get("text")).isEqualTo(live.get(0).get("text"));
        }
    }
}
