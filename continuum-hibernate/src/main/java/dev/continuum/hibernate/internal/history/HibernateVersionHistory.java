package dev.continuum.hibernate.internal.history;

import dev.continuum.ContinuumException;
import dev.continuum.HistoryLookupException;
import dev.continuum.Operation;
import dev.continuum.PropertyChange;
import dev.continuum.PropertyRevision;
import dev.continuum.Transaction;
import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.VersionOf;
import dev.continuum.Versioned;
import dev.continuum.binding.VersionBinding;

import jakarta.persistence.metamodel.SingularAttribute;
import org.hibernate.HibernateException;
import org.hibernate.dialect.pagination.LimitHandler;
import org.hibernate.engine.internal.Versioning;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.event.spi.EventSource;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.event.spi.PostInsertEventListener;
import org.hibernate.metamodel.mapping.NonAggregatedIdentifierMapping;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.query.spi.Limit;
import org.hibernate.query.spi.QueryOptions;
import org.hibernate.query.spi.QueryOptionsAdapter;
import org.hibernate.resource.jdbc.spi.StatementInspector;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * {@link VersionHistory} on a Hibernate session: plain JDBC on the session's connection, every
 * statement passed through the session's {@link StatementInspector}, a fixed number of statements
 * per call.
 */
final class HibernateVersionHistory implements VersionHistory {

    private final SessionImplementor session;
    private final HistoryModel model;
    private RelationReader relationReader;

    /** @param model the factory's history model, or null when the factory versions nothing */
    HibernateVersionHistory(SessionImplementor session, HistoryModel model) {
        this.session = session;
        this.model = model;
    }

    // ---------------------------------------------------------------- reading

    @Override
    public <T> List<Version<T>> versions(T entity) {
        Target<T> target = target(entity);
        return load(target);
    }

    @Override
    public <T> List<Version<T>> versions(Class<T> type, Object id) {
        return load(target(type, id));
    }

    @Override
    public <T> List<Version<T>> versions(Class<T> type, Object id, int firstResult, int maxResults) {
        if (firstResult < 0 || maxResults <= 0) {
            throw new IllegalArgumentException("versions needs firstResult >= 0 and maxResults > 0, got "
                    + firstResult + " and " + maxResults);
        }
        Target<T> target = target(type, id);
        Object[] idValues = target.table.idValues(target.id, session);
        LimitHandler limits = session.getJdbcServices().getDialect().getLimitHandler();
        Limit limit = new Limit(firstResult, maxResults);
        QueryOptions options = new QueryOptionsAdapter() {
            @Override
            public Limit getLimit() {
                return limit;
            }
        };
        String sql = limits.processSql(target.table.versionsSql, target.table.idColumnCount(), null, options);
        List<VersionRow> rows = query(sql, ps -> {
            int next = 1 + limits.bindLimitParametersAtStartOfQuery(limit, ps, 1);
            next = target.table.bindId(ps, next, idValues, session);
            limits.bindLimitParametersAtEndOfQuery(limit, ps, next);
            limits.setMaxRows(limit, ps);
        }, rs -> target.table.readAll(rs, session));
        List<Version<T>> versions = versionsOf(target.type, target.table, rows);
        HibernateVersion.link(versions, firstResult);
        return versions;
    }

    @Override
    public <V extends Version<?>> List<V> typedVersions(Class<V> versionClass, Object id) {
        Objects.requireNonNull(versionClass, "versionClass");
        VersionOf versionOf = versionClass.getAnnotation(VersionOf.class);
        if (versionOf == null) {
            throw new HistoryLookupException(versionClass.getName() + " is not a typed version class (it is not "
                    + "annotated @" + VersionOf.class.getSimpleName() + "); pass the class the annotation processor "
                    + "generated for a @Versioned entity, such as ArticleVersion for Article");
        }
        EntityPersister versionPersister = session.getFactory().getMappingMetamodel().findEntityDescriptor(versionClass);
        if (versionPersister == null) {
            throw new HistoryLookupException(versionClass.getName() + " is not an entity of this persistence unit; "
                    + "add it to the managed classes next to " + versionOf.value().getName());
        }
        Target<?> target = target(versionOf.value(), id);
        String idProperty = target.persister.getIdentifierPropertyName();
        if (idProperty == null) {
            // An @IdClass entity: its version class maps the whole identifier read-only, as an attribute of the
            // id class (an @EmbeddedId's is named like the entity's, so idProperty names it already).
            Class<?> idClass = idType(target.persister);
            for (int i = 0; i < versionPersister.getNumberOfAttributeMappings() && idProperty == null; i++) {
                if (versionPersister.getAttributeMapping(i).getJavaType().getJavaTypeClass() == idClass) {
                    idProperty = versionPersister.getAttributeMapping(i).getAttributeName();
                }
            }
            if (idProperty == null) {
                throw new HistoryLookupException(versionClass.getName() + " has no attribute of "
                        + idClass.getSimpleName() + ", the identifier class of " + simpleName(target.persister)
                        + "; it is stale: recompile so that the annotation processor generates it anew");
            }
        }
        List<V> typed = session.createQuery("select v from " + versionPersister.getEntityName() + " v where v."
                + idProperty + " = :id order by v.transactionId", versionClass)
                .setParameter("id", id)
                .getResultList();
        bindTogether(typed, target);
        return typed;
    }

    /**
     * Binds typed versions of one entity to versions read together, in one statement, the first
     * time any of them needs more than its columns: their navigation and changesets then run none.
     */
    private <T> void bindTogether(List<?> typed, Target<T> target) {
        if (typed.isEmpty() || !(typed.get(0) instanceof VersionBinding.Bindable)) {
            return;
        }
        Map<Long, Version<T>> byTransaction = new HashMap<>();
        boolean[] loaded = new boolean[1];
        VersionBinding binding = new VersionBinding() {
            @Override
            @SuppressWarnings("unchecked")
            public <E> Version<E> versionOf(Class<E> type, Object id, long transactionId) {
                return new LazyVersion<>(() -> {
                    if (!loaded[0]) {
                        loaded[0] = true;
                        load(target).forEach(version -> byTransaction.put(version.transactionId(), version));
                    }
                    Version<T> version = byTransaction.get(transactionId);
                    return version != null ? (Version<E>) version
                            : SessionVersionBinding.read(session, type, id, transactionId);
                });
            }
        };
        for (Object version : typed) {
            ((VersionBinding.Bindable) version).continuumBind(binding);
        }
    }

    @Override
    public <T> Optional<Version<T>> recordedIn(Class<T> type, Object id, long transactionId) {
        Target<T> target = target(type, id);
        Object[] idValues = target.table.idValues(id, session);
        List<VersionRow> rows = query(target.table.versionSql, ps -> {
            int next = target.table.bindId(ps, 1, idValues, session);
            ps.setLong(next, transactionId);
        }, rs -> target.table.readAll(rs, session));
        return versionsOf(target.type, target.table, rows).stream().findFirst();
    }

    @Override
    public long count(Object entity) {
        return count(target(entity));
    }

    @Override
    public long count(Class<?> type, Object id) {
        return count(target(type, id));
    }

    private long count(Target<?> target) {
        Object[] idValues = target.table.idValues(target.id, session);
        return query(target.table.countSql, ps -> target.table.bindId(ps, 1, idValues, session),
                rs -> rs.next() ? rs.getLong(1) : 0L);
    }

    @Override
    public <T> Optional<Version<T>> asOf(Class<T> type, Object id, long transactionId) {
        Target<T> target = target(type, id);
        Object[] idValues = target.table.idValues(id, session);
        List<VersionRow> rows = query(target.table.asOfSql, ps -> {
            int next = target.table.bindId(ps, 1, idValues, session);
            ps.setLong(next, transactionId);
            ps.setLong(next + 1, transactionId);
        }, rs -> target.table.readAll(rs, session));
        return current(target, rows);
    }

    @Override
    public <T> Optional<Version<T>> asOf(Class<T> type, Object id, Instant instant) {
        Objects.requireNonNull(instant, "instant");
        Target<T> target = target(type, id);
        Object[] idValues = target.table.idValues(id, session);
        List<VersionRow> rows = query(target.table.asOfInstantSql, ps -> {
            int next = target.table.bindId(ps, 1, idValues, session);
            target.table.bindInstant(ps, next, instant, session);
            target.table.bindInstant(ps, next + 1, instant, session);
        }, rs -> target.table.readAll(rs, session));
        return current(target, rows);
    }

    private <T> Optional<Version<T>> current(Target<T> target, List<VersionRow> rows) {
        return versionsOf(target.type, target.table, rows).stream()
                .filter(version -> version.operation() != Operation.DELETE)
                .findFirst();
    }

    @Override
    public <T> List<Version<T>> allAsOf(Class<T> type, long transactionId, int firstResult, int maxResults) {
        return allAsOf(type, false, transactionId, null, firstResult, maxResults);
    }

    @Override
    public <T> List<Version<T>> allAsOf(Class<T> type, Instant instant, int firstResult, int maxResults) {
        Objects.requireNonNull(instant, "instant");
        return allAsOf(type, true, 0, instant, firstResult, maxResults);
    }

    private <T> List<Version<T>> allAsOf(Class<T> type, boolean atInstant, long transactionId, Instant instant,
            int firstResult, int maxResults) {
        if (firstResult < 0 || maxResults <= 0) {
            throw new IllegalArgumentException("allAsOf needs firstResult >= 0 and maxResults > 0, got "
                    + firstResult + " and " + maxResults);
        }
        EntityPersister persister = persister(type);
        TableReader table = table(persister);
        List<Object> discriminators = table.discriminatorFilter(persister.getEntityName());
        LimitHandler limits = session.getJdbcServices().getDialect().getLimitHandler();
        Limit limit = new Limit(firstResult, maxResults);
        QueryOptions options = new QueryOptionsAdapter() {
            @Override
            public Limit getLimit() {
                return limit;
            }
        };
        String sql = limits.processSql(table.allAsOfSql(persister.getEntityName(), atInstant),
                2 + discriminators.size(), null, options);
        List<VersionRow> rows = query(sql, ps -> {
            int next = 1 + limits.bindLimitParametersAtStartOfQuery(limit, ps, 1);
            if (atInstant) {
                table.bindInstant(ps, next++, instant, session);
                table.bindInstant(ps, next++, instant, session);
            } else {
                ps.setLong(next++, transactionId);
                ps.setLong(next++, transactionId);
            }
            next = table.bindDiscriminators(ps, next, discriminators, session);
            limits.bindLimitParametersAtEndOfQuery(limit, ps, next);
            limits.setMaxRows(limit, ps);
        }, rs -> table.readAll(rs, session));
        return versionsOf(type, table, rows);
    }

    @Override
    public Optional<Transaction> transaction(long transactionId) {
        if (model == null) {
            return Optional.empty();
        }
        String sql = "select t.issued_at, t.user_id, t.remote_addr from " + model.access().transactionTable()
                + " t where t.id = ?";
        TableReader any = model.tables().iterator().next();
        return query(sql, ps -> ps.setLong(1, transactionId),
                rs -> rs.next() ? Optional.of(any.transaction(rs, 1, transactionId, session)) : Optional.empty());
    }

    @Override
    public List<Version<?>> changedIn(long transactionId) {
        List<Version<?>> changed = new ArrayList<>();
        if (model == null) {
            return changed;
        }
        for (TableReader table : model.tables()) {
            List<VersionRow> rows = query(table.changedInSql, ps -> ps.setLong(1, transactionId),
                    rs -> table.readAll(rs, session));
            changed.addAll(versionsOf(Object.class, table, rows));
        }
        return changed;
    }

    @Override
    public <T> List<PropertyRevision<?>> propertyHistory(Class<T> type, Object id, String property) {
        return new ArrayList<>(revisions(type, id, property));
    }

    @Override
    public <T, V> List<PropertyRevision<V>> propertyHistory(Class<T> type, Object id,
            SingularAttribute<? super T, V> attribute) {
        return revisions(type, id, attribute.getName());
    }

    @SuppressWarnings("unchecked")
    private <T, V> List<PropertyRevision<V>> revisions(Class<T> type, Object id, String property) {
        Target<T> target = target(type, id);
        EntityDecoder decoder = target.table.decoder(target.persister.getEntityName()).orElseThrow();
        if (decoder.indexOf(property) < 0) {
            List<String> names = new ArrayList<>();
            decoder.attributeNames().forEach(names::add);
            throw new HistoryLookupException(simpleName(target.persister) + " has no versioned property '" + property
                    + "', so it has no history of it; its versioned properties are " + names
                    + " (excluded and @NotVersioned properties are not recorded)");
        }
        List<PropertyRevision<V>> revisions = new ArrayList<>();
        for (Version<T> version : load(target)) {
            PropertyChange<V> change = (PropertyChange<V>) version.changeset().asMap().get(property);
            if (change != null) {
                revisions.add(new PropertyRevision<>(version.transaction(),
                        version.operation(), change));
            }
        }
        return revisions;
    }

    // ---------------------------------------------------------------- navigation of standalone versions

    <T> int indexOf(HibernateVersion<T> version) {
        TableReader table = version.table();
        Object[] row = version.row().values();
        long count = query(table.indexSql, ps -> {
            int next = table.bindId(ps, 1, row, session);
            ps.setLong(next, version.transactionId());
        }, rs -> rs.next() ? rs.getLong(1) : 0L);
        return Math.toIntExact(count);
    }

    /**
     * The values of {@code row} by the attributes of {@code decoder}: those of a version of another
     * subclass (the entity took its identifier in the same transaction), to compare with.
     */
    Object[] valuesOf(EntityDecoder decoder, VersionRow row) {
        return decoder.values(row.values(), Part.Mode.SNAPSHOT, session);
    }

    <T> Optional<Version<T>> previousOf(HibernateVersion<T> version) {
        return neighbour(version, version.table().previousSql, version.transactionId());
    }

    <T> Optional<Version<T>> nextOf(HibernateVersion<T> version) {
        return neighbour(version, version.table().nextSql, version.row().endTransactionId());
    }

    @SuppressWarnings("unchecked")
    private <T> Optional<Version<T>> neighbour(HibernateVersion<T> version, String sql, long transactionId) {
        TableReader table = version.table();
        Object[] row = version.row().values();
        List<VersionRow> rows = query(sql, ps -> {
            int next = table.bindId(ps, 1, row, session);
            ps.setLong(next, transactionId);
        }, rs -> table.readAll(rs, session));
        Class<T> type = (Class<T>) version.snapshot().getClass();
        return versionsOf(type, table, rows).stream().findFirst();
    }

    // ---------------------------------------------------------------- rewinding

    @SuppressWarnings("unchecked")
    <T> Optional<T> revert(HibernateVersion<T> version) {
        requireTransaction("revert()");
        EntityPersister persister = version.decoder().persister();
        Class<T> type = (Class<T>) persister.getMappedClass();
        T live = session.find(type, version.id());
        if (version.operation() == Operation.DELETE) {
            if (live != null) {
                session.remove(live);
            }
            return Optional.empty();
        }
        Object[] values = version.decoder().values(version.table().copy(version.row().values()), Part.Mode.LIVE,
                session);
        if (live != null) {
            version.decoder().apply(live, values);
            return Optional.of(live);
        }
        recreate(version, persister, values);
        return Optional.ofNullable(session.find(type, version.id()));
    }

    /** Reverts the entity and the named relations (dotted paths for depth), see {@link RelationReverter}. */
    <T> Optional<T> revert(HibernateVersion<T> version, String... relations) {
        requireTransaction("revert()");
        return new RelationReverter(this, session, model, relations()).revert(version, relations);
    }

    /**
     * Inserts a deleted entity again with its identifier, which {@code persist} cannot do for a
     * generated identifier: the row goes out through the persister's insert coordinator (the SQL
     * Hibernate itself uses), then the post-insert event is fired so that listeners, Continuum's
     * own write path included, see an ordinary insert.
     */
    private void recreate(HibernateVersion<?> version, EntityPersister persister, Object[] values) {
        session.flush();
        if (persister.getGenerator().generatedOnExecution()) {
            throw new ContinuumException("Cannot re-create " + simpleName(persister) + " with id " + version.id()
                    + ": its identifier is generated by the database on insert (identity column), so it cannot be"
                    + " inserted with its old value; use a sequence or table generator (@GeneratedValue(strategy ="
                    + " SEQUENCE)) or an assigned identifier to revert deletions");
        }
        Object id = version.id();
        Object instance = persister.instantiate(id, session);
        Object[] state = persister.getValues(instance);
        version.decoder().applyToState(state, values);
        if (persister.isVersioned()) {
            Versioning.seedVersion(instance, state, persister, session);
        }
        persister.setValues(instance, state);
        persister.getInsertCoordinator().insert(instance, id, state, session);
        // the insert may wait in a JDBC batch; the find that follows must see the row
        session.getJdbcCoordinator().executeBatch();
        if (session instanceof EventSource source) {
            session.getFactory().getEventListenerGroups().eventListenerGroup_POST_INSERT.fireLazyEventOnEachListener(
                    () -> new PostInsertEvent(instance, id, state, persister, source),
                    PostInsertEventListener::onPostInsert);
        }
        model.access().recreated(session, persister, id);
    }

    @Override
    public <T> Optional<Version<T>> undo(T entity) {
        return step(target(entity), true);
    }

    @Override
    public <T> Optional<Version<T>> undo(Class<T> type, Object id) {
        return step(target(type, id), true);
    }

    @Override
    public <T> Optional<Version<T>> redo(T entity) {
        return step(target(entity), false);
    }

    @Override
    public <T> Optional<Version<T>> redo(Class<T> type, Object id) {
        return step(target(type, id), false);
    }

    /**
     * One undo or redo step. The timeline is the entity's versions up to {@code origin} (its latest
     * version when the first undo of the series ran); {@code position} is the timeline version the
     * entity shows. The series is still open only while the entity's latest version is the one the
     * last step recorded, that is, while the version before the latest is the {@code base} stored
     * with the step; any other change closes it and clears the redo path.
     */
    private <T> Optional<Version<T>> step(Target<T> target, boolean undo) {
        requireTransaction(undo ? "undo()" : "redo()");
        List<Version<T>> versions = load(target);
        if (versions.isEmpty()) {
            throw new HistoryLookupException(simpleName(target.persister) + " with id " + target.id
                    + " has no recorded history, so there is nothing to " + (undo ? "undo" : "redo")
                    + "; only changes committed while it is @Versioned are recorded");
        }
        String entityName = target.persister.getRootEntityName();
        String entityId = idKey(target.table.idValues(target.id, session));
        UndoPosition position = readPosition(entityName, entityId);
        Version<T> latest = versions.get(versions.size() - 1);
        boolean open = position != null && versions.size() >= 2
                && versions.get(versions.size() - 2).transactionId() == position.base;
        long origin;
        long at;
        if (open) {
            origin = position.origin;
            at = position.position;
        } else if (undo) {
            origin = latest.transactionId();
            at = origin;
        } else {
            return Optional.empty();
        }
        int current = -1;
        for (int i = 0; i < versions.size(); i++) {
            if (versions.get(i).transactionId() == at) {
                current = i;
            }
        }
        int step = undo ? current - 1 : current + 1;
        if (current < 0 || step < 0 || step >= versions.size() || versions.get(step).transactionId() > origin) {
            return Optional.empty();
        }
        Version<T> destination = versions.get(step);
        destination.revert();
        writePosition(entityName, entityId, new UndoPosition(origin, destination.transactionId(),
                latest.transactionId()), position != null);
        return Optional.of(destination);
    }

    private record UndoPosition(long origin, long position, long base) {
    }

    private UndoPosition readPosition(String entityName, String entityId) {
        String sql = "select origin_transaction_id, position_transaction_id, base_transaction_id from "
                + model.access().undoTable() + " where entity_name = ? and entity_id = ?";
        return query(sql, ps -> {
            ps.setString(1, entityName);
            ps.setString(2, entityId);
        }, rs -> rs.next() ? new UndoPosition(rs.getLong(1), rs.getLong(2), rs.getLong(3)) : null);
    }

    private void writePosition(String entityName, String entityId, UndoPosition position, boolean exists) {
        String table = model.access().undoTable();
        if (exists) {
            update("update " + table + " set origin_transaction_id = ?, position_transaction_id = ?, "
                    + "base_transaction_id = ? where entity_name = ? and entity_id = ?", ps -> {
                        ps.setLong(1, position.origin);
                        ps.setLong(2, position.position);
                        ps.setLong(3, position.base);
                        ps.setString(4, entityName);
                        ps.setString(5, entityId);
                    });
        } else {
            update("insert into " + table + " (entity_name, entity_id, origin_transaction_id, "
                    + "position_transaction_id, base_transaction_id) values (?, ?, ?, ?, ?)", ps -> {
                        ps.setString(1, entityName);
                        ps.setString(2, entityId);
                        ps.setLong(3, position.origin);
                        ps.setLong(4, position.position);
                        ps.setLong(5, position.base);
                    });
        }
    }

    private static String idKey(Object[] idValues) {
        StringJoiner key = new StringJoiner(",");
        for (Object value : idValues) {
            key.add(String.valueOf(value));
        }
        return key.toString();
    }

    private void requireTransaction(String operation) {
        if (!session.isTransactionInProgress()) {
            throw new ContinuumException(operation + " writes the live entity and records where undo/redo stand, "
                    + "so it must run inside a transaction; begin one, call " + operation + ", then commit");
        }
    }

    // ---------------------------------------------------------------- rows to versions

    private <T> List<Version<T>> load(Target<T> target) {
        Object[] idValues = target.table.idValues(target.id, session);
        List<VersionRow> rows = query(target.table.versionsSql, ps -> target.table.bindId(ps, 1, idValues, session),
                rs -> target.table.readAll(rs, session));
        List<Version<T>> versions = versionsOf(target.type, target.table, rows);
        HibernateVersion.link(versions);
        return versions;
    }

    @SuppressWarnings("unchecked")
    private <T> List<Version<T>> versionsOf(Class<T> type, TableReader table, List<VersionRow> rows) {
        List<Version<T>> versions = new ArrayList<>(rows.size());
        for (VersionRow row : rows) {
            EntityDecoder decoder = table.decoderOf(row.values());
            Object id = decoder.id(row.values(), session);
            Object[] values = decoder.values(row.values(), Part.Mode.SNAPSHOT, session);
            Object entity = decoder.snapshot(id, values, session);
            if (type.isInstance(entity)) {
                versions.add(new HibernateVersion<>(this, table, decoder, row, id, values, (T) entity));
            }
        }
        resolveRelationsTogether(versions);
        return versions;
    }

    /**
     * Makes the first {@code entity()} of any version of {@code versions} resolve the to-ones of
     * all their snapshots as of each version's transaction, in one batch, and give them lazy
     * collections read for all of them on first use (see {@link RelationReader}).
     */
    private <T> void resolveRelationsTogether(List<Version<T>> versions) {
        if (versions.isEmpty()) {
            return;
        }
        List<HibernateVersion<?>> list = new ArrayList<>(versions.size());
        versions.forEach(version -> list.add((HibernateVersion<?>) version));
        boolean[] done = new boolean[1];
        Runnable resolve = () -> {
            if (!done[0]) {
                done[0] = true;
                relations().resolve(list);
            }
        };
        list.forEach(version -> version.resolveRelationsWith(resolve));
    }

    private RelationReader relations() {
        if (relationReader == null) {
            relationReader = new RelationReader(this, session, model);
        }
        return relationReader;
    }

    // ---------------------------------------------------------------- lookups

    /** An entity type, its version table and an identifier. */
    private record Target<T>(Class<T> type, EntityPersister persister, TableReader table, Object id) {
    }

    @SuppressWarnings("unchecked")
    private <T> Target<T> target(T entity) {
        if (entity == null) {
            throw new HistoryLookupException("An entity is needed to look up its history, got null");
        }
        EntityPersister persister;
        try {
            persister = session.getEntityPersister(null, entity);
        } catch (HibernateException e) {
            throw new HistoryLookupException(entity.getClass().getName() + " is not an entity of this persistence "
                    + "unit, so it has no history; pass an instance of a @Versioned entity");
        }
        TableReader table = table(persister);
        Object id = persister.getIdentifier(entity, session);
        if (id == null) {
            throw new HistoryLookupException("This " + simpleName(persister) + " has no identifier yet (it was never "
                    + "persisted), so it has no history; persist it and commit first");
        }
        return new Target<>((Class<T>) persister.getMappedClass(), persister, table, id);
    }

    private <T> Target<T> target(Class<T> type, Object id) {
        EntityPersister persister = persister(type);
        TableReader table = table(persister);
        if (id == null) {
            throw new HistoryLookupException("An identifier is needed to look up the history of "
                    + simpleName(persister) + ", got null");
        }
        Class<?> idType = idType(persister);
        if (!idType.isInstance(id)) {
            throw new HistoryLookupException("The identifier of " + simpleName(persister) + " is a "
                    + idType.getSimpleName() + ", but a " + id.getClass().getSimpleName() + " (" + id
                    + ") was given; pass the " + idType.getSimpleName() + " identifier");
        }
        return new Target<>(type, persister, table, id);
    }

    /**
     * The class of the identifiers of {@code persister}'s entities: the {@code @IdClass} for an entity
     * mapped with one (Hibernate's identifier mapping reports its internal virtual-id type there).
     */
    private static Class<?> idType(EntityPersister persister) {
        if (persister.getIdentifierMapping() instanceof NonAggregatedIdentifierMapping composite
                && composite.getIdClassEmbeddable() != null) {
            return composite.getIdClassEmbeddable().getMappedJavaType().getJavaTypeClass();
        }
        return wrap(persister.getIdentifierMapping().getJavaType().getJavaTypeClass());
    }

    private EntityPersister persister(Class<?> type) {
        Objects.requireNonNull(type, "type");
        EntityPersister persister = session.getFactory().getMappingMetamodel().findEntityDescriptor(type);
        if (persister == null) {
            throw new HistoryLookupException(type.getName() + " is not an entity of this persistence unit, so it "
                    + "has no history; pass a @Versioned entity class");
        }
        return persister;
    }

    private TableReader table(EntityPersister persister) {
        Optional<TableReader> table = model == null ? Optional.empty() : model.table(persister.getEntityName());
        return table.orElseThrow(() -> new HistoryLookupException(simpleName(persister) + " is not @"
                + Versioned.class.getSimpleName() + ", so no history is recorded for it; annotate "
                + persister.getMappedClass().getName() + " with @" + Versioned.class.getName()
                + " to record its changes from then on"));
    }

    private static String simpleName(EntityPersister persister) {
        return persister.getJpaEntityName() != null ? persister.getJpaEntityName() : persister.getEntityName();
    }

    private static Class<?> wrap(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return java.lang.invoke.MethodType.methodType(type).wrap().returnType();
    }

    // ---------------------------------------------------------------- JDBC

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    interface Reader<R> {
        R read(ResultSet rs) throws SQLException;
    }

    <R> R query(String sql, Binder binder, Reader<R> reader) {
        session.checkOpen();
        Connection connection = session.getJdbcCoordinator().getLogicalConnection().getPhysicalConnection();
        try (PreparedStatement statement = connection.prepareStatement(inspect(sql))) {
            binder.bind(statement);
            try (ResultSet rs = statement.executeQuery()) {
                return reader.read(rs);
            }
        } catch (SQLException e) {
            throw new ContinuumException("Could not read version history (" + e.getMessage() + ")",
                    session.getJdbcServices().getSqlExceptionHelper().convert(e, "Continuum could not read history", sql));
        } finally {
            session.getJdbcCoordinator().afterStatementExecution();
        }
    }

    private void update(String sql, Binder binder) {
        Connection connection = session.getJdbcCoordinator().getLogicalConnection().getPhysicalConnection();
        try (PreparedStatement statement = connection.prepareStatement(inspect(sql))) {
            binder.bind(statement);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new ContinuumException("Could not record the undo/redo position (" + e.getMessage() + ")",
                    session.getJdbcServices().getSqlExceptionHelper().convert(e, "Continuum could not write", sql));
        } finally {
            session.getJdbcCoordinator().afterStatementExecution();
        }
    }

    private String inspect(String sql) {
        StatementInspector inspector = session.getJdbcSessionContext().getStatementInspector();
        if (inspector == null) {
            return sql;
        }
        String inspected = inspector.inspect(sql);
        return inspected == null ? sql : inspected;
    }

    // ---------------------------------------------------------------- versions by key

    /** Keys per statement of {@link #versionsByKey}; more are read in several statements. */
    private static final int KEYS_PER_STATEMENT = 500;

    /** Names one version: the entity's identifier and the transaction that recorded it. */
    record VersionKey(Object id, long transactionId) {
    }

    /**
     * The versions of {@code type} that the transactions of {@code keys} recorded for their
     * identifiers, read together: one statement per 500 keys, and the relations of all of them
     * resolved together on the first {@code entity()} of any. A key without a version row has no
     * version in the result, which is in no particular order.
     */
    <T> List<Version<T>> versionsByKey(Class<T> type, List<VersionKey> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        TableReader table = table(persister(type));
        List<String> keyExpressions = new ArrayList<>(table.idExpressions());
        keyExpressions.add("v." + model.access().transactionIdColumn());
        List<VersionRow> rows = new ArrayList<>();
        for (int first = 0; first < keys.size(); first += KEYS_PER_STATEMENT) {
            List<VersionKey> chunk = keys.subList(first, Math.min(keys.size(), first + KEYS_PER_STATEMENT));
            long earliest = chunk.stream().mapToLong(VersionKey::transactionId).min().orElseThrow();
            long latest = chunk.stream().mapToLong(VersionKey::transactionId).max().orElseThrow();
            // every wanted row is valid at its own transaction, so at some point of [earliest, latest]
            rows.addAll(query(table.windowSql(keyExpressions, chunk.size(), false), ps -> {
                int next = 1;
                for (VersionKey key : chunk) {
                    next = table.bindId(ps, next, table.idValues(key.id(), session), session);
                    ps.setLong(next++, key.transactionId());
                }
                ps.setLong(next, latest);
                ps.setLong(next + 1, earliest);
            }, rs -> table.readAll(rs, session)));
        }
        return versionsOf(type, table, rows);
    }
}
