package dev.continuum.hibernate.internal.read;

import dev.continuum.PropertyChange;

import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.type.descriptor.java.JavaType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Rebuilds the versioned state of one entity type from version rows: domain values of its
 * versioned attributes, the detached snapshot, and per-attribute comparison of two rows by the
 * JDBC types' own equality (as the write path compares).
 */
final class EntityDecoder {

    private final EntityPersister persister;
    private final AttributeMapping[] attributes;
    private final ModelPartDecoder[] parts;
    private final int[][] columns;
    private final JdbcMapping[] mappings;
    private final ModelPartDecoder id;
    private final Map<String, Integer> indexByName = new LinkedHashMap<>();

    EntityDecoder(EntityPersister persister, List<AttributeMapping> attributes, Map<String, Integer> positions,
            JdbcMapping[] mappings) {
        this(persister, attributes, positions, attribute -> positions, mappings);
    }

    /**
     * @param positions the position in a row of each column, by name: the identifier's columns and
     *        those of attributes {@code positionsOf} gives no map of their own
     * @param positionsOf the column positions of an attribute (a JOINED subclass's attributes are
     *        read from its own level table, whose column names may repeat the root table's)
     */
    EntityDecoder(EntityPersister persister, List<AttributeMapping> attributes, Map<String, Integer> positions,
            Function<AttributeMapping, Map<String, Integer>> positionsOf, JdbcMapping[] mappings) {
        this.persister = persister;
        this.attributes = attributes.toArray(AttributeMapping[]::new);
        this.mappings = mappings;
        this.parts = new ModelPartDecoder[this.attributes.length];
        this.columns = new int[this.attributes.length][];
        for (int i = 0; i < this.attributes.length; i++) {
            AttributeMapping attribute = this.attributes[i];
            Map<String, Integer> at = positionsOf.apply(attribute);
            parts[i] = ModelPartDecoder.of(attribute, at);
            List<Integer> own = new ArrayList<>();
            attribute.forEachSelectable((index, selectable) -> {
                Integer position = selectable.isFormula() ? null : at.get(selectable.getSelectionExpression());
                if (position != null) {
                    own.add(position);
                }
            });
            columns[i] = own.stream().mapToInt(Integer::intValue).toArray();
            indexByName.put(attribute.getAttributeName(), i);
        }
        this.id = ModelPartDecoder.of(persister.getIdentifierMapping(), positions);
    }

    EntityPersister persister() {
        return persister;
    }

    int attributeCount() {
        return attributes.length;
    }

    String attributeName(int index) {
        return attributes[index].getAttributeName();
    }

    /** The index of a versioned attribute, or -1. */
    int indexOf(String name) {
        Integer index = indexByName.get(name);
        return index == null ? -1 : index;
    }

    Iterable<String> attributeNames() {
        return indexByName.keySet();
    }

    /** The target of the versioned attribute at {@code index} when it is a to-one read by the target's identifier. */
    Optional<EntityPersister> toOneTarget(int index) {
        return parts[index] instanceof ModelPartDecoder.ToOne toOne && toOne.byId() ? Optional.of(toOne.target())
                : Optional.empty();
    }

    /** The identifier the to-one attribute at {@code index} refers to in a row, or null. */
    Object foreignKey(int index, Object[] row, SessionImplementor session) {
        return parts[index] instanceof ModelPartDecoder.ToOne toOne ? toOne.key().assemble(row, ModelPartDecoder.Mode.SNAPSHOT, session)
                : null;
    }

    Object id(Object[] row, SessionImplementor session) {
        return id.assemble(row, ModelPartDecoder.Mode.SNAPSHOT, session);
    }

    /** The domain values of the versioned attributes of a row. */
    Object[] values(Object[] row, ModelPartDecoder.Mode mode, SessionImplementor session) {
        Object[] values = new Object[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = parts[i].assemble(row, mode, session);
        }
        return values;
    }

    /** A new, unmanaged instance holding the identifier and the given versioned values. */
    Object snapshot(Object identifier, Object[] values, SessionImplementor session) {
        Object entity = persister.instantiate(identifier, session);
        apply(entity, values);
        return entity;
    }

    /** Sets every versioned attribute of {@code entity} to the given values. */
    void apply(Object entity, Object[] values) {
        for (int i = 0; i < attributes.length; i++) {
            persister.setValue(entity, attributes[i].getStateArrayPosition(), values[i]);
        }
    }

    /** Writes the given versioned values into a full state array of the entity. */
    void applyToState(Object[] state, Object[] values) {
        for (int i = 0; i < attributes.length; i++) {
            state[attributes[i].getStateArrayPosition()] = values[i];
        }
    }

    /** Whether the attribute has equal JDBC values in both rows. */
    @SuppressWarnings("unchecked")
    boolean same(int attribute, Object[] a, Object[] b) {
        for (int column : columns[attribute]) {
            Object x = a[column];
            Object y = b[column];
            if (x != y && (x == null || y == null
                    || !((JavaType<Object>) mappings[column].getJdbcJavaType()).areEqual(x, y))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The changes from one state to another: {@code before} null means the entity did not exist,
     * {@code after} null that it was deleted.
     */
    Map<String, PropertyChange<?>> changes(Object[] beforeRow, Object[] beforeValues, Object[] afterRow,
            Object[] afterValues) {
        Map<String, PropertyChange<?>> changes = new LinkedHashMap<>();
        for (int i = 0; i < attributes.length; i++) {
            Object old = beforeValues == null ? null : beforeValues[i];
            Object current = afterValues == null ? null : afterValues[i];
            boolean changed = beforeRow == null || afterRow == null ? old != null || current != null
                    : !same(i, beforeRow, afterRow);
            if (changed) {
                changes.put(attributes[i].getAttributeName(), PropertyChange.of(old, current));
            }
        }
        return changes;
    }
}
