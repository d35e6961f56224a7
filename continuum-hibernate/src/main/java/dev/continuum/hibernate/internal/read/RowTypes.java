package dev.continuum.hibernate.internal.read;

import org.hibernate.persister.entity.EntityPersister;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The entity types whose versions one read of a version table returns: the decoder of each, which
 * of them a row is, and where each finds its columns. A row is of the deepest JOINED subclass whose
 * level rows are all present, else of the type its discriminator (the entity name column of a
 * TABLE_PER_CLASS union) names, else of the root type. Built once by a {@link TableLayout}.
 */
final class RowTypes {

    private final EntityPersister root;
    private final Map<String, EntityDecoder> decoders;
    /** The position of each column of an entity's rows, by entity name. */
    private final Map<String, Map<String, Integer>> positions;
    private final int discriminatorPosition;
    private final Map<Object, EntityDecoder> byDiscriminator;
    private final Map<String, Object> discriminatorValues;
    /** JOINED entities, deepest first, with the positions of the key column of each of their levels. */
    private final List<Map.Entry<EntityDecoder, int[]>> byLevels;
    /** The key column expression of each JOINED subclass's own level. */
    private final Map<String, String> ownLevelKeys;

    private RowTypes(Builder builder) {
        this.root = builder.root;
        this.decoders = Map.copyOf(builder.decoders);
        this.positions = Map.copyOf(builder.positions);
        this.discriminatorPosition = builder.discriminatorPosition;
        this.byDiscriminator = Map.copyOf(builder.byDiscriminator);
        this.discriminatorValues = Map.copyOf(builder.discriminatorValues);
        List<Map.Entry<EntityDecoder, int[]>> levels = new ArrayList<>(builder.byLevels);
        // deepest first: a row belongs to the entity with the most levels that are all present
        levels.sort(Comparator.comparingInt((Map.Entry<EntityDecoder, int[]> entry) -> entry.getValue().length)
                .reversed());
        this.byLevels = List.copyOf(levels);
        this.ownLevelKeys = Map.copyOf(builder.ownLevelKeys);
    }

    /** The root of the types: the hierarchy's root, or the entity a TABLE_PER_CLASS table or union is read for. */
    EntityPersister root() {
        return root;
    }

    Optional<EntityDecoder> decoder(String entityName) {
        return Optional.ofNullable(decoders.get(entityName));
    }

    /** The decoder of the entity type a row belongs to. */
    EntityDecoder decoderOf(Object[] row) {
        for (Map.Entry<EntityDecoder, int[]> entity : byLevels) {
            boolean present = true;
            for (int position : entity.getValue()) {
                present &= row[position] != null;
            }
            if (present) {
                return entity.getKey();
            }
        }
        if (discriminatorPosition >= 0) {
            EntityDecoder decoder = byDiscriminator.get(row[discriminatorPosition]);
            if (decoder != null) {
                return decoder;
            }
        }
        return decoders.get(root.getEntityName());
    }

    /** The position of a column in the rows of an entity, or empty when they have no such column. */
    Optional<Integer> position(EntityPersister persister, String column) {
        Map<String, Integer> own = positions.get(persister.getEntityName());
        return own == null ? Optional.empty() : Optional.ofNullable(own.get(column));
    }

    /** Whether the rows of {@code persister}'s entities have positions of their own (it is one of these types). */
    boolean reads(EntityPersister persister) {
        return positions.containsKey(persister.getEntityName());
    }

    /** The position of the discriminator column, or -1 when rows have none. */
    int discriminatorPosition() {
        return discriminatorPosition;
    }

    /** Discriminator values that select {@code entityName} and its subclasses; empty for the root (no filter). */
    List<Object> discriminatorFilter(String entityName) {
        if (discriminatorPosition < 0 || entityName.equals(root.getEntityName())) {
            return List.of();
        }
        EntityPersister persister = decoders.get(entityName).persister();
        List<Object> values = new ArrayList<>();
        discriminatorValues.forEach((name, value) -> {
            if (name.equals(entityName) || persister.isSubclassEntityName(name)) {
                values.add(value);
            }
        });
        return values;
    }

    /** The key column of the own level of a JOINED subclass other than the root, which its rows have. */
    Optional<String> ownLevelKey(String entityName) {
        return entityName.equals(root.getEntityName()) ? Optional.empty()
                : Optional.ofNullable(ownLevelKeys.get(entityName));
    }

    /** Collects the types of a layout. */
    static final class Builder {

        private final EntityPersister root;
        private final int discriminatorPosition;
        private final Map<String, EntityDecoder> decoders = new LinkedHashMap<>();
        private final Map<String, Map<String, Integer>> positions = new HashMap<>();
        private final Map<Object, EntityDecoder> byDiscriminator = new HashMap<>();
        private final Map<String, Object> discriminatorValues = new HashMap<>();
        private final List<Map.Entry<EntityDecoder, int[]>> byLevels = new ArrayList<>();
        private final Map<String, String> ownLevelKeys = new HashMap<>();

        /**
         * @param root see {@link RowTypes#root()}
         * @param discriminatorPosition the position of the column telling the types apart, or -1
         */
        Builder(EntityPersister root, int discriminatorPosition) {
            this.root = root;
            this.discriminatorPosition = discriminatorPosition;
        }

        /**
         * Adds a type.
         *
         * @param decoder its decoder
         * @param own the position of each column of its rows
         * @param discriminatorValue the value of the discriminator column in its rows, or null
         */
        Builder add(EntityDecoder decoder, Map<String, Integer> own, Object discriminatorValue) {
            String name = decoder.persister().getEntityName();
            decoders.put(name, decoder);
            positions.put(name, Map.copyOf(own));
            if (discriminatorPosition >= 0 && discriminatorValue != null) {
                byDiscriminator.put(discriminatorValue, decoder);
                discriminatorValues.put(name, discriminatorValue);
            }
            return this;
        }

        /**
         * Tells a JOINED subclass by its levels.
         *
         * @param levelKeys the positions of the key column of each of its levels
         * @param ownLevelKey the expression of the key column of its own (deepest) level
         */
        Builder addLevels(EntityDecoder decoder, int[] levelKeys, String ownLevelKey) {
            byLevels.add(Map.entry(decoder, levelKeys));
            ownLevelKeys.put(decoder.persister().getEntityName(), ownLevelKey);
            return this;
        }

        RowTypes build() {
            return new RowTypes(this);
        }
    }
}
