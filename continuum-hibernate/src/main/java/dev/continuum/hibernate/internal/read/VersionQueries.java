package dev.continuum.hibernate.internal.read;

import dev.continuum.HistoryLookupException;
import dev.continuum.Operation;
import dev.continuum.PropertyChange;
import dev.continuum.PropertyRevision;
import dev.continuum.Transaction;
import dev.continuum.Version;
import dev.continuum.hibernate.internal.model.EntityTable;
import dev.continuum.hibernate.internal.model.TransactionExtraTables;

import org.hibernate.dialect.pagination.LimitHandler;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.query.spi.Limit;
import org.hibernate.query.spi.QueryOptions;
import org.hibernate.query.spi.QueryOptionsAdapter;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The questions asked of version tables, one statement each (one per version table for
 * {@link #changedIn}, one per 500 keys for {@link #byKeys}): the versions of an entity, whole or a
 * page, its count, the version valid at a point in time, all entities of a type at a point in time,
 * a transaction and what it changed, the history of one property.
 */
final class VersionQueries {

    /** Binds the parameters of a statement from a first index; returns the next one. */
    @FunctionalInterface
    private interface Parameters {
        int bind(PreparedStatement statement, int first) throws SQLException;
    }

    private final ReadSession reads;

    VersionQueries(ReadSession reads) {
        this.reads = reads;
    }

    /** All versions of an entity, oldest first, linked to each other. */
    <T> List<Version<T>> all(EntityRef<T> entity) {
        List<Version<T>> versions = versions(entity.type(), entity.table(),
                rows(entity.table(), entity.table().sql().versions, identifier(entity)));
        HibernateVersion.link(versions);
        return versions;
    }

    /** The versions of an entity with index {@code firstResult} on, at most {@code maxResults}, linked to each other. */
    <T> List<Version<T>> page(EntityRef<T> entity, int firstResult, int maxResults) {
        TableReader table = entity.table();
        List<Version<T>> versions = versions(entity.type(), table, paged(table, table.sql().versions,
                table.tenantParameterCount() + table.idColumnCount(), identifier(entity), firstResult, maxResults));
        HibernateVersion.link(versions, firstResult);
        return versions;
    }

    /** The version transaction {@code transactionId} recorded for an entity. */
    <T> Optional<Version<T>> recordedIn(EntityRef<T> entity, long transactionId) {
        return versions(entity.type(), entity.table(), rows(entity.table(), entity.table().sql().recordedIn,
                then(identifier(entity), (ps, next) -> {
                    ps.setLong(next, transactionId);
                    return next + 1;
                }))).stream().findFirst();
    }

    long count(EntityRef<?> entity) {
        return reads.jdbc.query(entity.table().sql().count, ps -> identifier(entity).bind(ps, 1),
                rs -> rs.next() ? rs.getLong(1) : 0L);
    }

    /**
     * The version of an entity valid at a point in time, unless it was deleted then; its relations
     * are read as of that point, not as of the transaction that recorded it.
     */
    <T> Optional<Version<T>> asOf(EntityRef<T> entity, PointInTime point) {
        TableReader table = entity.table();
        SessionImplementor session = reads.session;
        List<Object[]> selected = new ArrayList<>();
        List<VersionRow> rows = reads.jdbc.query(table.sql().asOf(point),
                ps -> then(selected(point, table), then(identifier(entity), at(point, table))).bind(ps, 1),
                rs -> table.readAll(rs, session, selectedMappings(point, table), selected));
        return reads.assembler.versions(entity.type(), table, rows, transactionOf(point, selected)).stream()
                .filter(version -> version.operation() != Operation.DELETE)
                .findFirst();
    }

    /**
     * A page of the entities of {@code type} (subclasses included) that existed at a point in
     * time, by identifier, their relations read as of that point.
     */
    <T> List<Version<T>> allAsOf(Class<T> type, PointInTime point, int firstResult, int maxResults) {
        EntityPersister persister = reads.lookup.persister(type);
        TableReader table = reads.lookup.table(persister);
        List<Object> discriminators = table.discriminatorFilter(persister.getEntityName());
        SessionImplementor session = reads.session;
        List<Object[]> selected = new ArrayList<>();
        List<VersionRow> rows = paged(table.sql().allAsOf(point, persister.getEntityName(), discriminators),
                point.selectedParameterCount() + table.tenantParameterCount() + 2 + discriminators.size(),
                then(selected(point, table), then(tenant(table), then(at(point, table),
                        (ps, next) -> table.bindDiscriminators(ps, next, discriminators, session)))),
                firstResult, maxResults, rs -> table.readAll(rs, session, selectedMappings(point, table), selected));
        return reads.assembler.versions(type, table, rows, transactionOf(point, selected));
    }

    /** The parameters of what a point-in-time statement selects to learn the point's transaction. */
    private Parameters selected(PointInTime point, TableReader table) {
        return (ps, next) -> point.bindSelected(ps, next, table.transactions(), reads.session);
    }

    /** The mappings of the values a point-in-time statement selects after the versions' columns, or null for none. */
    private static JdbcMapping[] selectedMappings(PointInTime point, TableReader table) {
        return point.selectedParameterCount() == 0 ? null : new JdbcMapping[] {table.transactions().idMapping()};
    }

    /** The point's transaction id, from what its statement selected. */
    private static long transactionOf(PointInTime point, List<Object[]> selected) {
        return point.transactionId(selected.isEmpty() ? null : (Long) selected.get(0)[0]);
    }

    /** A transaction by id. */
    Optional<Transaction> transaction(long transactionId) {
        HistoryModel model = reads.model;
        return reads.jdbc.query(model.transactions().byIdSql(),
                ps -> ps.setLong(model.transactions().tenant().bind(ps, 1, reads.session), transactionId),
                rs -> rs.next() ? Optional.of(model.transactions().read(rs, 1, transactionId, reads.session))
                        : Optional.empty());
    }

    /**
     * The transactions whose metadata has {@code key} set to {@code value}, newest first, at most
     * {@code maxResults}, with their metadata (one more statement).
     */
    List<Transaction> withMetadata(String key, String value, int maxResults) {
        TransactionReader transactions = reads.model.transactions();
        TransactionMetadata.Batch batch = transactions.metadataBatch(reads.session);
        return reads.jdbc.query(transactions.withMetadataSql(), ps -> {
            int next = transactions.tenant().bind(ps, 1, reads.session);
            ps.setString(next, key);
            ps.setString(next + 1, value);
            ps.setMaxRows(maxResults);
        }, rs -> {
            List<Transaction> found = new ArrayList<>();
            while (rs.next()) {
                found.add(transactions.read(rs, 2, rs.getLong(1), reads.session, batch));
            }
            return found;
        }).stream().peek(transaction -> transaction.metadata().size()).toList(); // asked for by metadata: read it now
    }

    /**
     * The versions a transaction recorded, table by table, by identifier: only the tables of the
     * entity types the transaction recorded as changed, when it did (see
     * {@code continuum.transaction_changes}), else every table.
     */
    List<Version<?>> changedIn(long transactionId) {
        List<Version<?>> changed = new ArrayList<>();
        Set<String> touched = reads.model.changesTable().map(table -> reads.jdbc.query("select "
                + TransactionExtraTables.ENTITY_NAME + " from " + table + " where "
                + TransactionExtraTables.TRANSACTION_ID + " = ?", ps -> ps.setLong(1, transactionId), rs -> {
                    Set<String> names = new HashSet<>();
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                    return names;
                })).orElse(Set.of());
        for (TableReader table : reads.model.tables()) {
            if (!touched.isEmpty() && touched.stream().noneMatch(name -> name.equals(table.root().getEntityName())
                    || table.root().isSubclassEntityName(name))) {
                continue;
            }
            List<VersionRow> rows = rows(table, table.sql().changedIn, (ps, next) -> {
                int parameter = table.bindChangedInTenant(ps, next, reads.session);
                ps.setLong(parameter, transactionId);
                return parameter + 1;
            });
            changed.addAll(versions(Object.class, table, rows));
        }
        return changed;
    }

    /**
     * The versions whose changeset holds {@code property}, with their transaction and operation.
     *
     * @throws HistoryLookupException if the entity has no versioned property of that name
     */
    @SuppressWarnings("unchecked")
    <T, V> List<PropertyRevision<V>> revisions(EntityRef<T> entity, String property) {
        EntityDecoder decoder = entity.table().decoder(entity.persister().getEntityName()).orElseThrow();
        if (decoder.indexOf(property) < 0) {
            List<String> names = new ArrayList<>();
            decoder.attributeNames().forEach(names::add);
            throw new HistoryLookupException(entity.name() + " has no versioned property '" + property
                    + "', so it has no history of it; its versioned properties are " + names
                    + " (excluded and @NotVersioned properties are not recorded)");
        }
        List<PropertyRevision<V>> revisions = new ArrayList<>();
        Map<Long, Boolean> flags = new HashMap<>();
        for (Version<T> version : flaggedVersions(entity, property, flags).orElseGet(() -> all(entity))) {
            if (version.operation() == Operation.UPDATE
                    && Boolean.FALSE.equals(flags.get(version.transactionId()))) {
                continue; // the flag says the property did not change: no need to compare values
            }
            // the values' changes only: the changeset's collections would cost statements for nothing
            PropertyChange<V> change = (PropertyChange<V>) ((HibernateVersion<T>) version).propertyChanges().get(property);
            if (change != null) {
                revisions.add(new PropertyRevision<>(version.transaction(), version.operation(), change));
            }
        }
        return revisions;
    }

    /**
     * All versions of an entity, as {@link #all}, read with the modification flag of
     * {@code property}, which goes into {@code flags} by transaction id (a version written before
     * flags were on has none); empty when the property has no flag.
     */
    private <T> Optional<List<Version<T>>> flaggedVersions(EntityRef<T> entity, String property,
            Map<Long, Boolean> flags) {
        EntityPersister persister = entity.persister();
        Optional<String> flag = reads.model.versions().entity(persister.getEntityName()).flatMap(model -> {
            for (EntityTable level : model.levels()) {
                String column = level.flagColumn(property);
                int index = level.attributes().indexOf(persister.findAttributeMapping(property));
                List<Integer> positions = index < 0 ? List.of() : level.attributePositions().get(index);
                Optional<Integer> first = positions.stream().filter(p -> p >= 0).findFirst();
                if (column != null && first.isPresent()) {
                    // the flag sits in the same table, so under the same alias, as the property's first column
                    return entity.table().expression(persister, level.columns().get(first.get()).name())
                            .map(expression -> expression.substring(0, expression.indexOf('.') + 1) + column);
                }
            }
            return Optional.empty();
        });
        if (flag.isEmpty()) {
            return Optional.empty();
        }
        TableReader table = entity.table();
        SessionImplementor session = reads.session;
        JdbcMapping[] extra = {session.getFactory().getTypeConfiguration().getBasicTypeForJavaType(Boolean.class)};
        List<Object[]> values = new ArrayList<>();
        List<VersionRow> rows = reads.jdbc.query(table.sql().versionsWith(flag.get()),
                ps -> identifier(entity).bind(ps, 1), rs -> table.readAll(rs, session, extra, values));
        for (int i = 0; i < rows.size(); i++) {
            if (values.get(i)[0] != null) {
                flags.put(rows.get(i).transactionId(), (Boolean) values.get(i)[0]);
            }
        }
        List<Version<T>> versions = versions(entity.type(), table, rows);
        HibernateVersion.link(versions);
        return Optional.of(versions);
    }

    /**
     * The versions of {@code type} that the transactions of {@code keys} recorded for their
     * identifiers, read together: one statement per 500 keys, and the relations of all of them
     * resolved together on the first {@code entity()} of any. A key without a version row has no
     * version in the result, which is in no particular order.
     */
    <T> List<Version<T>> byKeys(Class<T> type, List<VersionKey> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        TableReader table = reads.lookup.table(reads.lookup.persister(type));
        SessionImplementor session = reads.session;
        List<String> keyExpressions = new ArrayList<>(table.idExpressions());
        keyExpressions.add("v." + reads.model.names().transactionId());
        List<VersionRow> rows = new ArrayList<>();
        // every wanted row is valid at its own transaction, so at some point of its chunk's window
        KeyBatches.readInWindows(reads.jdbc, keys,
                chunk -> chunk.stream().mapToLong(VersionKey::transactionId).min().orElseThrow(),
                chunk -> chunk.stream().mapToLong(VersionKey::transactionId).max().orElseThrow(),
                count -> table.sql().window(keyExpressions, count, false), table.afterTenant((ps, next, chunk) -> {
                    for (VersionKey key : chunk) {
                        next = table.bindId(ps, next, table.idValues(key.id(), session), session);
                        ps.setLong(next++, key.transactionId());
                    }
                    return next;
                }, session), rs -> rows.addAll(table.readAll(rs, session)));
        return versions(type, table, rows);
    }

    private <T> List<Version<T>> versions(Class<T> type, TableReader table, List<VersionRow> rows) {
        return reads.assembler.versions(type, table, rows);
    }

    private List<VersionRow> rows(TableReader table, String sql, Parameters parameters) {
        return reads.jdbc.query(sql, ps -> parameters.bind(ps, 1), rs -> table.readAll(rs, reads.session));
    }

    /** Runs {@code sql} for one page of its rows, in the dialect's own paging syntax. */
    private List<VersionRow> paged(TableReader table, String sql, int parameterCount, Parameters parameters,
            int firstResult, int maxResults) {
        return paged(sql, parameterCount, parameters, firstResult, maxResults, rs -> table.readAll(rs, reads.session));
    }

    /** Runs {@code sql} for one page of its rows, in the dialect's own paging syntax, read by {@code reader}. */
    private <R> R paged(String sql, int parameterCount, Parameters parameters, int firstResult, int maxResults,
            SessionJdbc.Reader<R> reader) {
        LimitHandler limits = reads.session.getJdbcServices().getDialect().getLimitHandler();
        Limit limit = new Limit(firstResult, maxResults);
        QueryOptions options = new QueryOptionsAdapter() {
            @Override
            public Limit getLimit() {
                return limit;
            }
        };
        return reads.jdbc.query(limits.processSql(sql, parameterCount, null, options), ps -> {
            int next = 1 + limits.bindLimitParametersAtStartOfQuery(limit, ps, 1);
            next = parameters.bind(ps, next);
            limits.bindLimitParametersAtEndOfQuery(limit, ps, next);
            limits.setMaxRows(limit, ps);
        }, reader);
    }

    /** The session's tenant and the entity's identifier, which every statement on one entity's versions opens with. */
    private Parameters identifier(EntityRef<?> entity) {
        Object[] idValues = entity.idValues(reads.session);
        TableReader table = entity.table();
        return (ps, next) -> table.bindId(ps, table.bindTenant(ps, next, reads.session), idValues, reads.session);
    }

    /** The session's tenant. */
    private Parameters tenant(TableReader table) {
        return (ps, next) -> table.bindTenant(ps, next, reads.session);
    }

    /** A point in time. */
    private Parameters at(PointInTime point, TableReader table) {
        return (ps, next) -> point.bind(ps, next, table.transactions(), reads.session);
    }

    private static Parameters then(Parameters first, Parameters second) {
        return (ps, next) -> second.bind(ps, first.bind(ps, next));
    }
}
