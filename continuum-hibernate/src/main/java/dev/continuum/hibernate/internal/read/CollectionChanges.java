package dev.continuum.hibernate.internal.read;

import dev.continuum.CollectionChange;
import dev.continuum.HistoryLookupException;
import dev.continuum.Operation;

import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.metamodel.CollectionClassification;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.metamodel.mapping.ModelPart;
import org.hibernate.metamodel.mapping.PluralAttributeMapping;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.type.descriptor.java.JavaType;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The collection part of changesets: for each version, which elements each of its entity's
 * collections gained and lost against the previous version. Each collection is read as of both
 * versions' transactions ({@link SnapshotRelation#read}, as the snapshots read it), for a whole
 * batch of versions at once. The versions of a loaded list are one batch, and the collections of
 * their snapshots are what the changesets compare: one read per collection relation (two for a
 * many-to-many) serves both, whatever the number of versions and whichever is used first. A
 * version read on its own is a batch with its previous version, read together. Elements are told
 * apart by their JDBC values (an entity's by its identifier), with the Java types' own equality,
 * as many times as they occur.
 */
final class CollectionChanges {

    /** The versions whose collection changes are read together, on the first changeset of any. */
    static final class Batch {

        private final List<HibernateVersion<?>> versions;
        /** Whether the versions are a loaded list, whose snapshots' collections hold what the changesets compare. */
        private final boolean linked;
        private Map<HibernateVersion<?>, Map<String, CollectionChange<?>>> changes;

        Batch(List<HibernateVersion<?>> versions, boolean linked) {
            this.versions = versions;
            this.linked = linked;
        }
    }

    /** The collections of version {@code state}'s row as of transaction {@code at}. */
    private record Side(HibernateVersion<?> state, long at) {
    }

    /** The two states of a version's collections to compare; a null side is no collection at all. */
    private record Sides(Side before, Side after) {
    }

    private final ReadSession reads;

    CollectionChanges(ReadSession reads) {
        this.reads = reads;
    }

    /** The collection changes of {@code version}, read with those of the rest of {@code batch}. */
    Map<String, CollectionChange<?>> of(HibernateVersion<?> version, Batch batch) {
        if (batch.changes == null) {
            batch.changes = read(batch);
        }
        return batch.changes.getOrDefault(version, Map.of());
    }

    private Map<HibernateVersion<?>, Map<String, CollectionChange<?>>> read(Batch batch) {
        Map<HibernateVersion<?>, Map<String, CollectionChange<?>>> changes = new IdentityHashMap<>();
        Map<EntityDecoder, List<HibernateVersion<?>>> byType = new LinkedHashMap<>();
        batch.versions.forEach(version -> byType.computeIfAbsent(version.decoder(), d -> new ArrayList<>()).add(version));
        Set<HibernateVersion<?>> listed = Collections.newSetFromMap(new IdentityHashMap<>());
        if (batch.linked) {
            listed.addAll(batch.versions);
        }
        RelatedSnapshots related = new RelatedSnapshots(reads);
        byType.forEach((decoder, ofType) -> {
            List<SnapshotRelation> collections = reads.model.relations(decoder).all().stream()
                    .filter(relation -> relation.collection().isPresent()
                            && SnapshotCollections.kind(relation.collection().get()) != CollectionClassification.ARRAY)
                    .toList();
            if (collections.isEmpty()) {
                return;
            }
            Map<HibernateVersion<?>, Sides> sides = new LinkedHashMap<>();
            ofType.forEach(version -> sides.put(version, sides(version)));
            for (SnapshotRelation relation : collections) {
                Map<Side, Object> values = values(relation, sides, listed, related);
                sides.forEach((version, side) -> compare(relation, values, side).ifPresent(change -> changes
                        .computeIfAbsent(version, v -> new LinkedHashMap<>())
                        .put(relation.attribute().getAttributeName(), change)));
            }
        });
        related.attachRelations();
        return changes;
    }

    /**
     * The collection {@code relation} at every side: from the snapshots of the loaded list where a
     * side is the state a listed version's snapshot shows, else read now, for all the other sides
     * in one statement (two for a many-to-many).
     */
    private Map<Side, Object> values(SnapshotRelation relation, Map<HibernateVersion<?>, Sides> sides,
            Set<HibernateVersion<?>> listed, RelatedSnapshots related) {
        Map<Side, Object> values = new HashMap<>();
        Map<Side, RelationOwner> unread = new LinkedHashMap<>();
        Map<RelationResolver.VersionRelations, Optional<Map<HibernateVersion<?>, Object>>> fromSnapshots =
                new IdentityHashMap<>();
        sides.forEach((version, pair) -> {
            for (Side side : new Side[] {pair.before(), pair.after()}) {
                if (side == null || values.containsKey(side) || unread.containsKey(side)) {
                    continue;
                }
                HibernateVersion<?> state = side.state();
                Optional<Map<HibernateVersion<?>, Object>> shown = listed.contains(state)
                        && state.relationsAt() == side.at()
                        ? fromSnapshots.computeIfAbsent(state.relations(), list -> list.collections(relation))
                        : Optional.empty();
                if (shown.isPresent()) {
                    values.put(side, shown.get().get(state));
                } else {
                    unread.put(side, new RelationOwner(version.decoder(), version.table(), state.snapshot(),
                            version.id(), state.row().values(), side.at(), side.at()));
                }
            }
        });
        if (!unread.isEmpty()) {
            if (!reads.session.isOpen()) {
                throw closed(sides.keySet().iterator().next(), relation);
            }
            Map<RelationOwner, Object> read = relation.read(new ArrayList<>(unread.values()), related, reads);
            unread.forEach((side, owner) -> values.put(side, read.get(owner)));
        }
        return values;
    }

    private static HistoryLookupException closed(HibernateVersion<?> version, SnapshotRelation relation) {
        String type = EntityLookup.name(version.decoder().persister());
        return new HistoryLookupException("Cannot tell what the version of " + type + " with id " + version.id()
                + " of transaction " + version.transactionId() + " changed in its collection "
                + relation.attribute().getAttributeName() + ": it is read as of this version and the previous one "
                + "on the first changeset(), and the EntityManager that read the version is closed. Call "
                + "changeset() while the EntityManager is open");
    }

    /**
     * The states a version's changeset compares: none before an insert (or a re-insert), the
     * previous version's after anything else; its own after an insert or update, none after a
     * delete (whose state before is its own last one, as its snapshot shows).
     */
    private static Sides sides(HibernateVersion<?> version) {
        if (version.operation() == Operation.DELETE) {
            return new Sides(new Side(version, version.transactionId() - 1), null);
        }
        Side after = new Side(version, version.transactionId());
        if (version.operation() == Operation.INSERT) {
            return new Sides(null, after);
        }
        HibernateVersion<?> previous = (HibernateVersion<?>) version.previous().orElse(null);
        return previous == null || previous.operation() == Operation.DELETE ? new Sides(null, after)
                : new Sides(new Side(previous, previous.transactionId()), after);
    }

    /** The change of one collection between the sides, or empty when it holds the same elements in the same order. */
    private Optional<CollectionChange<?>> compare(SnapshotRelation relation, Map<Side, Object> values, Sides sides) {
        PluralAttributeMapping attribute = relation.collection().orElseThrow();
        List<Object> before = elements(sides.before() == null ? null : values.get(sides.before()));
        List<Object> after = elements(sides.after() == null ? null : values.get(sides.after()));
        List<ElementKey> beforeKeys = keys(relation, attribute, before);
        List<ElementKey> afterKeys = keys(relation, attribute, after);
        List<Object> added = unmatched(after, afterKeys, beforeKeys);
        List<Object> removed = unmatched(before, beforeKeys, afterKeys);
        boolean moved = added.isEmpty() && removed.isEmpty()
                && SnapshotCollections.kind(attribute) == CollectionClassification.LIST && !beforeKeys.equals(afterKeys);
        return added.isEmpty() && removed.isEmpty() && !moved ? Optional.empty()
                : Optional.of(new CollectionChange<>(added, removed));
    }

    /** The elements of {@code elements} whose keys {@code others} does not hold as many times. */
    private static List<Object> unmatched(List<Object> elements, List<ElementKey> keys, List<ElementKey> others) {
        Map<ElementKey, Integer> left = new HashMap<>();
        others.forEach(key -> left.merge(key, 1, Integer::sum));
        List<Object> unmatched = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            Integer count = left.get(keys.get(i));
            if (count == null || count == 0) {
                unmatched.add(elements.get(i));
            } else {
                left.put(keys.get(i), count - 1);
            }
        }
        return unmatched;
    }

    /** The elements of a collection value: a collection's own, a map's entries. */
    private static List<Object> elements(Object value) {
        if (value instanceof Collection<?> collection) {
            return new ArrayList<>(collection);
        }
        if (value instanceof Map<?, ?> map) {
            List<Object> entries = new ArrayList<>(map.size());
            map.forEach((key, element) -> entries.add(new AbstractMap.SimpleImmutableEntry<>(key, element)));
            return entries;
        }
        return List.of();
    }

    private List<ElementKey> keys(SnapshotRelation relation, PluralAttributeMapping attribute, List<Object> elements) {
        List<ElementKey> keys = new ArrayList<>(elements.size());
        for (Object element : elements) {
            ElementKey key = new ElementKey();
            if (element instanceof Map.Entry<?, ?> entry) {
                key.add(attribute.getIndexDescriptor(), entry.getKey(), reads.session);
                element = entry.getValue();
            }
            Optional<EntityPersister> target = relation.target();
            if (target.isPresent() && element != null) {
                key.add(target.get().getIdentifierMapping(), target.get().getIdentifier(element, reads.session),
                        reads.session);
            } else {
                key.add(attribute.getElementDescriptor(), element, reads.session);
            }
            keys.add(key);
        }
        return keys;
    }

    /** The JDBC values of an element (and of its map key), equal by their Java types' equality. */
    private static final class ElementKey {

        private final List<Object> values = new ArrayList<>();
        private final List<JdbcMapping> mappings = new ArrayList<>();

        void add(ModelPart part, Object value, SessionImplementor session) {
            if (value == null) {
                values.add(null);
                mappings.add(null);
                return;
            }
            part.breakDownJdbcValues(value, 0, values, mappings, (index, jdbcValues, jdbcMappings, jdbcValue, selectable) -> {
                jdbcValues.add(jdbcValue);
                jdbcMappings.add(selectable.getJdbcMapping());
            }, session);
        }

        @Override
        @SuppressWarnings("unchecked")
        public boolean equals(Object other) {
            if (!(other instanceof ElementKey that) || that.values.size() != values.size()) {
                return false;
            }
            for (int i = 0; i < values.size(); i++) {
                Object x = values.get(i);
                Object y = that.values.get(i);
                if (x != y && (x == null || y == null || mappings.get(i) == null
                        || !((JavaType<Object>) mappings.get(i).getJdbcJavaType()).areEqual(x, y))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        @SuppressWarnings("unchecked")
        public int hashCode() {
            int hash = 1;
            for (int i = 0; i < values.size(); i++) {
                Object value = values.get(i);
                hash = 31 * hash + (value == null || mappings.get(i) == null ? 0
                        : ((JavaType<Object>) mappings.get(i).getJdbcJavaType()).extractHashCode(value));
            }
            return hash;
        }

        @Override
        public String toString() {
            return Objects.toString(values);
        }
    }
}
