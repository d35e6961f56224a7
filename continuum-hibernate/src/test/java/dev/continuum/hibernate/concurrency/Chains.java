package dev.continuum.hibernate.concurrency;

import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.VersionRows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The validity chains of a version table, key by key: the versions of a key ordered by
 * transaction id, each ended by the transaction of the next, the last one open.
 */
final class Chains {

    private final Map<List<Object>, List<Map<String, Object>>> byKey = new LinkedHashMap<>();

    /** The versions of {@code table}, keyed by {@code keyColumns}. */
    Chains(Db db, String table, String... keyColumns) {
        String key = String.join(", ", keyColumns);
        for (Map<String, Object> row : db.rows("select " + key + ", transaction_id, end_transaction_id from " + table
                + " order by " + key + ", transaction_id")) {
            List<Object> values = new ArrayList<>();
            for (String column : keyColumns) {
                values.add(row.get(column));
            }
            byKey.computeIfAbsent(values, k -> new ArrayList<>()).add(row);
        }
    }

    /** The versions of a key, in transaction order. */
    List<Map<String, Object>> versions(Object... key) {
        return byKey.getOrDefault(List.of(key), List.of());
    }

    /** The keys whose versions are not one intact chain, each with what is wrong. */
    List<String> breaks() {
        List<String> breaks = new ArrayList<>();
        byKey.forEach((key, versions) -> {
            for (int i = 0; i < versions.size(); i++) {
                Long transaction = VersionRows.number(versions.get(i).get("transaction_id"));
                Long end = VersionRows.number(versions.get(i).get("end_transaction_id"));
                Long next = i + 1 < versions.size() ? VersionRows.number(versions.get(i + 1).get("transaction_id")) : null;
                boolean last = i + 1 == versions.size();
                if (last ? end != null : !Objects.equals(end, next)) {
                    breaks.add(key + ": version of transaction " + transaction + " ends at " + end + ", the next begins at "
                            + next);
                } else if (end != null && end <= transaction) {
                    breaks.add(key + ": version of transaction " + transaction + " ends at " + end + ", not after it");
                }
            }
        });
        return breaks;
    }

    /** The number of open versions of each key that has more than one. */
    Map<List<Object>, Long> severalOpen() {
        Map<List<Object>, Long> several = new LinkedHashMap<>();
        byKey.forEach((key, versions) -> {
            long count = versions.stream().filter(v -> v.get("end_transaction_id") == null).count();
            if (count > 1) {
                several.put(key, count);
            }
        });
        return several;
    }
}
