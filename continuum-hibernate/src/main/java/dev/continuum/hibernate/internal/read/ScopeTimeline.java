package dev.continuum.hibernate.internal.read;

import dev.continuum.HistoryLookupException;
import dev.continuum.UndoScope;
import dev.continuum.Version;
import dev.continuum.hibernate.internal.model.CollectionTable;
import dev.continuum.hibernate.internal.model.TableNames;

import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.metamodel.mapping.JdbcMapping;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * The history of an {@link UndoScope} as undo and redo step through it: the root's versions, the
 * version rows of every child that ever belonged to it through a named one-to-many, and the
 * transactions that changed any part of it (the root, such a child, a row of a named many-to-many
 * or element collection), oldest first: its steps. One statement for the root and one per
 * relation, whatever the number of versions.
 *
 * @param root the root entity
 * @param rootVersions the root's versions, oldest first
 * @param relations the named relations, with the version rows of the children of each one-to-many
 * @param steps the transactions that changed the scope, oldest first, each once
 */
record ScopeTimeline(EntityRef<?> root, List<Version<?>> rootVersions, List<Member> relations, List<Long> steps) {

    /**
     * One named relation of the scope.
     *
     * @param relation the relation
     * @param childRows for a one-to-many, every version row of a child that holds the root's key
     *        (every state in which the child belonged to the root); empty for the other kinds
     */
    record Member(SnapshotRelation relation, List<VersionRow> childRows) {
    }

    static ScopeTimeline read(ReadSession reads, UndoScope scope) {
        EntityRef<?> root = reads.lookup.of(scope.type(), scope.id());
        EntityDecoder decoder = root.table().decoder(root.persister().getEntityName()).orElseThrow();
        EntityRelations known = reads.model.relations(decoder);
        List<Member> relations = new ArrayList<>();
        for (String name : scope.relations()) {
            SnapshotRelation relation = known.named(name).orElseThrow(() -> new HistoryLookupException(root.name()
                    + " has no relation '" + name + "' whose history is recorded, so it cannot be part of an UndoScope;"
                    + " its relations are " + known.names()));
            relations.add(new Member(relation, List.of()));
        }
        List<Version<?>> versions = new ArrayList<>(reads.queries.all(root));
        TreeSet<Long> steps = new TreeSet<>();
        versions.forEach(version -> steps.add(version.transactionId()));
        for (int i = 0; i < relations.size(); i++) {
            SnapshotRelation relation = relations.get(i).relation();
            if (relation instanceof ChildrenRelation children) {
                List<VersionRow> rows = childRows(reads, root, children.rows());
                rows.forEach(row -> addSteps(steps, row.transactionId(), row.endTransactionId()));
                relations.set(i, new Member(relation, rows));
            } else if (relation instanceof CollectionRowsRelation rows) {
                collectionSteps(reads, root, rows, steps);
            } else {
                throw new HistoryLookupException(root.name() + "." + relation.attribute().getAttributeName()
                        + " is a to-one relation; an UndoScope holds the root's collections (one-to-many, many-to-many,"
                        + " element collections), so name only those of " + known.names()
                        + " that are collections, or undo the related entity on its own");
            }
        }
        return new ScopeTimeline(root, versions, List.copyOf(relations), List.copyOf(steps));
    }

    /** The root's version valid right after transaction {@code at}, unless the root did not exist then. */
    Optional<HibernateVersion<?>> rootAt(long at) {
        for (Version<?> version : rootVersions) {
            HibernateVersion<?> candidate = (HibernateVersion<?>) version;
            if (candidate.row().validAt(at)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Every version row of a child that holds the root's key, whenever it was valid. */
    private static List<VersionRow> childRows(ReadSession reads, EntityRef<?> root, ChildRows rows) {
        SessionImplementor session = reads.session;
        List<VersionRow> found = new ArrayList<>();
        KeyBatches.readInWindow(reads.jdbc, List.<Object[]>of(root.idValues(session)), Long.MIN_VALUE, Long.MAX_VALUE,
                count -> rows.children().sql().window(rows.keyExpressions(), count, true),
                rows.children().afterTenant(KeyBatches.binder(rows.keyMappings(), session), session),
                rs -> found.addAll(rows.children().readAll(rs, session, rows.keyMappings(), new ArrayList<>())));
        return found;
    }

    /** The transactions that added or removed a row of the root's collection. */
    private static void collectionSteps(ReadSession reads, EntityRef<?> root, CollectionRowsRelation relation,
            TreeSet<Long> steps) {
        SessionImplementor session = reads.session;
        CollectionTable table = relation.table();
        int[] keyColumns = relation.keyColumns();
        JdbcMapping[] keyMappings = Arrays.stream(keyColumns).mapToObj(table::jdbcMapping).toArray(JdbcMapping[]::new);
        StringJoiner where = new StringJoiner(" and ");
        for (int column : keyColumns) {
            where.add("c." + table.columnNames().get(column) + " = ?");
        }
        TableNames names = reads.model.names();
        String endOfRow = names.validity().end("c", table.name(),
                names.validity().sameKeyOf("c", table.columns().subList(0, table.identityWidth())));
        String sql = "select c." + names.transactionId() + ", " + endOfRow + " from " + table.name() + " c where " + where;
        reads.jdbc.query(sql, ps -> KeyBatches.binder(keyMappings, session).bind(ps, 1,
                List.<Object[]>of(root.idValues(session))), rs -> {
                    while (rs.next()) {
                        long transactionId = rs.getLong(1);
                        long end = rs.getLong(2);
                        addSteps(steps, transactionId, rs.wasNull() ? null : end);
                    }
                    return null;
                });
    }

    private static void addSteps(TreeSet<Long> steps, long transactionId, Long endTransactionId) {
        steps.add(transactionId);
        if (endTransactionId != null) {
            steps.add(endTransactionId);
        }
    }
}
