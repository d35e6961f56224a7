package dev.continuum.hibernate.internal.read;

import dev.continuum.hibernate.internal.model.EntityModel;
import dev.continuum.hibernate.internal.model.EntityTable;

import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.metamodel.mapping.EntityIdentifierMapping;
import org.hibernate.metamodel.mapping.ForeignKeyDescriptor;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.persister.entity.EntityPersister;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Where the version rows of related entities carry their owner's key (the children of a
 * one-to-many, the target of a {@code mappedBy} one-to-one): in a column of their own (whichever
 * JOINED level declares it), or one they take from the live row (a {@code @JoinColumn} one-to-many).
 * Reads the related snapshots of a batch of owners in one statement per 500 owners.
 *
 * @param child the related entity type
 * @param children the reader of its version table
 * @param keyExpressions the select expressions of the owner's key in its rows
 * @param keyMappings the JDBC mappings of the key columns
 */
record ChildRows(EntityPersister child, TableReader children, List<String> keyExpressions, JdbcMapping[] keyMappings) {

    /**
     * The rows of {@code child} entities that hold the owner's key in the columns of {@code key},
     * or empty when they are not versioned or their rows lack a key column.
     */
    static Optional<ChildRows> of(ForeignKeyDescriptor key, EntityPersister child, HistoryModel model) {
        if (!(key.getTargetPart() instanceof EntityIdentifierMapping)) {
            return Optional.empty();
        }
        Optional<TableReader> children = model.table(child.getEntityName());
        Optional<EntityModel> table = model.versions().entity(child.getEntityName());
        if (children.isEmpty() || table.isEmpty()) {
            return Optional.empty();
        }
        List<String> expressions = new ArrayList<>();
        List<JdbcMapping> mappings = new ArrayList<>();
        key.getKeyPart().forEachSelectable((index, selectable) -> {
            String name = selectable.getSelectionExpression();
            Optional<String> own = children.get().expression(child, name);
            if (own.isPresent()) {
                expressions.add(own.get());
            } else {
                liveColumn(children.get(), table.get(), name, model).ifPresent(expressions::add);
            }
            mappings.add(selectable.getJdbcMapping());
        });
        if (expressions.size() != mappings.size()) {
            return Optional.empty();
        }
        return Optional.of(new ChildRows(child, children.get(), List.copyOf(expressions),
                mappings.toArray(JdbcMapping[]::new)));
    }

    /**
     * The expression of a column a child's version rows take from its live row (the key of a
     * join-column one-to-many): a column of the root's version table, or of the version table of
     * the JOINED level whose live table holds it, read by a scalar subquery on the version's key
     * and transaction, since the reader does not select such columns.
     */
    private static Optional<String> liveColumn(TableReader reader, EntityModel table, String name, HistoryModel model) {
        for (String column : table.root().liveColumns()) {
            if (unquoted(column).equals(unquoted(name))) {
                return Optional.of("v." + column);
            }
        }
        for (EntityTable level : table.subclassLevels()) {
            for (String column : level.liveColumns()) {
                if (unquoted(column).equals(unquoted(name))) {
                    StringJoiner where = new StringJoiner(" and ", " where ", ")");
                    List<String> ids = reader.idExpressions();
                    for (int i = 0; i < level.idColumnCount(); i++) {
                        where.add("lv." + level.columnNames().get(i) + " = " + ids.get(i));
                    }
                    String tx = model.names().transactionId();
                    where.add("lv." + tx + " = v." + tx);
                    return Optional.of("(select lv." + column + " from " + level.name() + " lv" + where);
                }
            }
        }
        return Optional.empty();
    }

    private static String unquoted(String name) {
        return name.replace("\"", "").replace("`", "").toLowerCase(Locale.ROOT);
    }

    /**
     * The related snapshots of each owner, valid at its transaction, in identifier order; owners
     * without any are left out.
     */
    Map<RelationOwner, List<RelationOwner>> of(List<RelationOwner> owners, RelatedSnapshots related,
            ReadSession reads) {
        SessionImplementor session = reads.session;
        List<VersionRow> rows = new ArrayList<>();
        List<Object[]> rowKeys = new ArrayList<>();
        List<Object[]> keys = KeyBatches.distinct(owners.stream().map(owner -> owner.key(session)).toList());
        KeyBatches.readInWindow(reads.jdbc, keys, RelationOwner.earliest(owners), RelationOwner.latest(owners),
                count -> children.sql().window(keyExpressions, count, true),
                children.afterTenant(KeyBatches.binder(keyMappings, session), session),
                rs -> rows.addAll(children.readAll(rs, session, keyMappings, rowKeys)));
        Map<List<Object>, List<VersionRow>> byOwner = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            byOwner.computeIfAbsent(KeyBatches.hashKey(rowKeys.get(i)), k -> new ArrayList<>()).add(rows.get(i));
        }
        Map<RelationOwner, List<RelationOwner>> found = new IdentityHashMap<>();
        for (RelationOwner owner : owners) {
            for (VersionRow row : byOwner.getOrDefault(KeyBatches.hashKey(owner.key(session)), List.of())) {
                if (row.validAt(owner.at())) {
                    found.computeIfAbsent(owner, o -> new ArrayList<>()).add(related.snapshot(children, row, owner.at()));
                }
            }
        }
        return found;
    }
}
