package dev.continuum.hibernate.internal.read;

import org.hibernate.StatelessSession;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.persister.entity.EntityPersister;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the entities relations point to as of transactions, for a whole batch in one statement per
 * 500 identifiers: for a versioned target type its versions, as related snapshots; for one that is
 * not versioned, detached copies of the live rows (nothing else is recorded of them).
 */
final class TargetSnapshots {

    /** A target entity wanted as of a transaction. */
    record Request(Object id, long at) {
    }

    /** Looked-up targets. */
    @FunctionalInterface
    interface Found {
        /** The target {@code id} as of {@code at}, or null when there is none to give. */
        Object at(Object id, long at);
    }

    private final ReadSession reads;

    TargetSnapshots(ReadSession reads) {
        this.reads = reads;
    }

    /** The targets of {@code requests}; versioned ones become snapshots of {@code related}. */
    Found find(EntityPersister target, List<Request> requests, RelatedSnapshots related) {
        if (requests.isEmpty()) {
            return (id, at) -> null;
        }
        Optional<TableReader> versioned = reads.model.table(target.getEntityName());
        return versioned.isPresent() ? versions(versioned.get(), requests, related) : live(target, requests);
    }

    private Found versions(TableReader table, List<Request> requests, RelatedSnapshots related) {
        SessionImplementor session = reads.session;
        List<Object[]> ids = KeyBatches.distinct(requests.stream().map(r -> table.idValues(r.id(), session)).toList());
        long earliest = requests.stream().mapToLong(Request::at).min().orElseThrow();
        long latest = requests.stream().mapToLong(Request::at).max().orElseThrow();
        List<VersionRow> rows = new ArrayList<>();
        KeyBatches.readInWindow(reads.jdbc, ids, earliest, latest,
                count -> table.sql().window(table.idExpressions(), count, false), table.afterTenant((statement, first, chunk) -> {
                    int next = first;
                    for (Object[] id : chunk) {
                        next = table.bindId(statement, next, id, session);
                    }
                    return next;
                }, session), rs -> rows.addAll(table.readAll(rs, session)));
        Map<List<Object>, List<VersionRow>> byId = new HashMap<>();
        for (VersionRow row : rows) {
            byId.computeIfAbsent(KeyBatches.hashKey(Arrays.copyOf(row.values(), table.idColumnCount())),
                    k -> new ArrayList<>()).add(row);
        }
        return (id, at) -> {
            for (VersionRow row : byId.getOrDefault(KeyBatches.hashKey(table.idValues(id, session)), List.of())) {
                if (row.validAt(at)) {
                    return related.snapshot(table, row, at).snapshot();
                }
            }
            return null;
        };
    }

    private Found live(EntityPersister target, List<Request> requests) {
        SessionImplementor session = reads.session;
        List<Object> ids = new ArrayList<>(new LinkedHashSet<>(requests.stream().map(Request::id).toList()));
        Map<Object, Object> found = new HashMap<>();
        Connection connection = session.getJdbcCoordinator().getLogicalConnection().getPhysicalConnection();
        try (StatelessSession stateless = session.getFactory().withStatelessOptions().connection(connection)
                .openStatelessSession()) {
            for (Object entity : stateless.getMultiple(target.getMappedClass(), ids)) {
                if (entity != null) {
                    found.put(target.getIdentifier(entity, session), entity);
                }
            }
        }
        return (id, at) -> found.get(id);
    }
}
