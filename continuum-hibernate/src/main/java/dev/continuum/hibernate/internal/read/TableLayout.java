package dev.continuum.hibernate.internal.read;

import dev.continuum.hibernate.internal.model.EntityModel;
import dev.continuum.hibernate.internal.model.TableNames;
import dev.continuum.hibernate.internal.model.ValidityStrategy;

import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.DiscriminatorValue;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.type.BasicType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the versions of one entity hierarchy lie, by inheritance strategy: the FROM clause that
 * reads them (aliased {@code v}), the columns it selects and the entity type of each row.
 * {@link VersionSql} builds every statement over any layout.
 */
sealed interface TableLayout permits SingleTableLayout, JoinedLayout, UnionLayout {

    /**
     * The layout of the entities of {@code group}, which share a root version table: a single
     * table (a lone entity, a SINGLE_TABLE hierarchy, one TABLE_PER_CLASS table), or the root
     * table with the level tables of a JOINED hierarchy.
     */
    static TableLayout of(TableNames names, List<EntityModel> group) {
        List<EntityModel> ordered = rootFirst(group);
        return ordered.stream().anyMatch(entity -> !entity.subclassLevels().isEmpty())
                ? JoinedLayout.of(names, ordered) : SingleTableLayout.of(ordered);
    }

    /**
     * The layout of a TABLE_PER_CLASS entity whose versions lie in the tables of its concrete
     * classes {@code concrete}.
     */
    static TableLayout union(TableNames names, EntityPersister entity, List<EntityModel> concrete,
            BasicType<String> stringType) {
        return UnionLayout.of(names, entity, rootFirst(concrete), stringType);
    }

    /** The table (or union) that counting statements read, without the joins of {@link #from()}. */
    String table();

    /** The FROM clause, the version table aliased {@code v}. */
    String from();

    SelectedColumns columns();

    RowTypes rowTypes();

    int idColumnCount();

    /**
     * Whether one transaction may record two versions of one identifier (a TABLE_PER_CLASS entity
     * that became another class: the old class's delete and the new one's insert), which reads
     * then order delete first.
     */
    default boolean twoVersionsPerTransaction() {
        return false;
    }

    /**
     * The select expression of the end of a row {@code v}: its end column, or the transaction of
     * the next version of its identifier, as {@link TableNames#validity()} has it.
     */
    default String end(TableNames names) {
        return names.validity().end("v", table(), ValidityStrategy.sameKey("v", idColumns()));
    }

    /**
     * The condition that a row {@code v} was valid at some transaction between {@code lower} and
     * {@code upper} (SQL expressions, {@code upper} rendered first).
     */
    default String validWithin(TableNames names, String upper, String lower) {
        return names.validity().validWithin("v", table(), ValidityStrategy.sameKey("v", idColumns()), upper, lower);
    }

    /** The names of the identifier columns, which come first. */
    private List<String> idColumns() {
        return columns().names().subList(0, idColumnCount());
    }

    /**
     * The select expression of a data column of the rows of {@code persister}'s entities (a JOINED
     * subclass's column in its own level table), or empty when they have no such column.
     */
    default Optional<String> expression(EntityPersister persister, String column) {
        if (!rowTypes().reads(persister)) {
            return columns().expression(column);
        }
        return rowTypes().position(persister, column).map(columns().expressions()::get);
    }

    /** The root entity of the group first (its columns come first), then the others in order. */
    private static List<EntityModel> rootFirst(List<EntityModel> group) {
        EntityModel first = group.stream()
                .filter(entity -> entity.entityName().equals(entity.persister().getRootEntityName()))
                .findFirst().orElse(group.get(0));
        List<EntityModel> ordered = new ArrayList<>(group);
        ordered.remove(first);
        ordered.add(0, first);
        return ordered;
    }

    /** The versioned attributes of an entity: its root level's, then each subclass level's. */
    static List<AttributeMapping> attributes(EntityModel entity) {
        List<AttributeMapping> attributes = new ArrayList<>(entity.root().attributes());
        entity.subclassLevels().forEach(level -> attributes.addAll(level.attributes()));
        return attributes;
    }

    /**
     * {@code positions} with the entity's identifier columns, by the names its identifier mapping
     * gives them, at the positions of the root's key columns: the identifier is read from those
     * whatever names a subclass gives its key.
     */
    static Map<String, Integer> withIdentifier(EntityPersister persister, Map<String, Integer> positions) {
        Map<String, Integer> all = new LinkedHashMap<>(positions);
        persister.getIdentifierMapping().forEachSelectable((index, selectable) ->
                all.put(selectable.getSelectionExpression(), index));
        return all;
    }

    /** The discriminator value of an entity in a table with a discriminator column, or null. */
    static Object discriminatorValue(EntityPersister persister) {
        return persister.getDiscriminatorValue() instanceof DiscriminatorValue.Literal literal ? literal.value() : null;
    }
}
