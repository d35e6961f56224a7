package dev.continuum.clusters.testing;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks of the validity chain of one entity's versions, read with plain JDBC. */
public final class ValidityChain {

    private ValidityChain() {
    }

    /**
     * The versions of one entity ordered by transaction id, after checking that they form one
     * chain: each version's {@code end_transaction_id} is the next version's
     * {@code transaction_id}, and only the last one is open.
     *
     * @param columns further columns to read, comma-separated (or empty)
     */
    public static List<Map<String, Object>> versions(Connection connection, String table, Object id, String columns) {
        List<Map<String, Object>> versions = Jdbc.rows(connection, "select transaction_id, end_transaction_id, "
                + "operation_type" + (columns.isEmpty() ? "" : ", " + columns) + " from " + table
                + " where id = ? order by transaction_id", id);
        assertThat(versions).as("versions of %s %s", table, id).isNotEmpty();
        for (int n = 0; n + 1 < versions.size(); n++) {
            assertThat(number(versions.get(n).get("end_transaction_id")))
                    .as("end_transaction_id of version %d of %s %s", n, table, id)
                    .isEqualTo(number(versions.get(n + 1).get("transaction_id")));
        }
        assertThat(versions).filteredOn(v -> v.get("end_transaction_id") == null)
                .as("open versions of %s %s", table, id).hasSize(1);
        assertThat(versions.get(versions.size() - 1).get("end_transaction_id"))
                .as("end_transaction_id of the last version of %s %s", table, id).isNull();
        return versions;
    }

    private static Long number(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
