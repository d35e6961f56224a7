package dev.continuum.hibernate.internal.read;

import dev.continuum.HistoryLookupException;
import dev.continuum.Operation;
import dev.continuum.Version;

import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.persister.entity.EntityPersister;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reverts an entity together with named relations, step by step along dotted paths: the related
 * entities of then are reverted to their versions of then (re-created when deleted), those related
 * now but not then are reverted to their state then or removed (detached only, for a
 * many-to-many), and the live collections are given their content of then.
 */
final class RelationReverter {

    private final ReadSession reads;
    private final SessionImplementor session;
    private final HistoryModel model;

    RelationReverter(ReadSession reads) {
        this.reads = reads;
        this.session = reads.session;
        this.model = reads.model;
    }

    <T> Optional<T> revert(HibernateVersion<T> version, String... paths) {
        Map<String, List<String>> byRelation = group(version.decoder(), paths);
        version.entity();
        Optional<T> live = reads.reverter.revert(version);
        if (live.isPresent()) {
            revertRelations(version, live.get(), byRelation);
        }
        return live;
    }

    /** Checks every path against the relations of the types along it; groups the rest of each path by its first step. */
    private Map<String, List<String>> group(EntityDecoder decoder, String... paths) {
        Map<String, List<String>> byRelation = new LinkedHashMap<>();
        EntityRelations relations = model.relations(decoder);
        for (String path : paths) {
            if (path == null || path.isBlank()) {
                throw new HistoryLookupException("A relation name is needed to revert relations of "
                        + EntityLookup.name(decoder.persister()) + ", got '" + path + "'; its relations are "
                        + relations.names());
            }
            int dot = path.indexOf('.');
            String first = dot < 0 ? path : path.substring(0, dot);
            SnapshotRelation relation = relations.named(first).orElseThrow(() ->
                    new HistoryLookupException(EntityLookup.name(decoder.persister()) + " has no relation '" + first
                            + "' that can be reverted; its relations are " + relations.names()));
            List<String> rest = byRelation.computeIfAbsent(first, f -> new ArrayList<>());
            if (dot >= 0) {
                String tail = path.substring(dot + 1);
                EntityDecoder target = relation.target().map(this::decoderOf).orElse(null);
                if (target == null) {
                    throw new HistoryLookupException(EntityLookup.name(decoder.persister()) + "." + first
                            + " holds no versioned "
                            + "entities, so it has no relation '" + tail + "' to revert");
                }
                group(target, tail);
                rest.add(tail);
            }
        }
        return byRelation;
    }

    private EntityDecoder decoderOf(EntityPersister persister) {
        return model.table(persister.getEntityName()).flatMap(table -> table.decoder(persister.getEntityName()))
                .orElse(null);
    }

    private void revertRelations(HibernateVersion<?> version, Object live, Map<String, List<String>> byRelation) {
        EntityPersister persister = version.decoder().persister();
        Object snapshot = version.entity();
        byRelation.forEach((name, rest) -> {
            SnapshotRelation relation = model.relations(version.decoder()).named(name).orElseThrow();
            int position = relation.attribute().getStateArrayPosition();
            Object then = persister.getValue(snapshot, position);
            if (relation.collection().isEmpty()) {
                EntityPersister target = relation.target().orElseThrow();
                if (then != null && decoderOf(target) != null) {
                    revertTo(target, target.getIdentifier(then, session), version.relationsAt(), rest);
                }
                return;
            }
            Object now = persister.getValue(live, position);
            if (relation.target().isEmpty()) {
                replace(now, then);
                return;
            }
            EntityPersister target = relation.target().get();
            Set<Object> ids = new LinkedHashSet<>();
            for (Object element : elements(then)) {
                Object id = target.getIdentifier(element, session);
                ids.add(id);
                if (decoderOf(target) != null) {
                    revertTo(target, id, version.relationsAt(), rest);
                }
            }
            if (!relation.ownerWritesRows()) {
                for (Object child : new ArrayList<>(elements(now))) {
                    Object id = target.getIdentifier(child, session);
                    if (!ids.contains(id) && !revertTo(target, id, version.relationsAt(), List.of())) {
                        session.remove(child);
                    }
                }
            }
            if (now instanceof Collection<?> collection) {
                @SuppressWarnings("unchecked")
                Collection<Object> values = (Collection<Object>) collection;
                values.clear();
                for (Object id : ids) {
                    values.add(session.getReference(target.getEntityName(), id));
                }
            }
        });
    }

    /**
     * Reverts the entity to its version valid at {@code transactionId}, then the relations of
     * {@code paths} of it; returns false when it had none then.
     */
    private boolean revertTo(EntityPersister type, Object id, long transactionId, List<String> paths) {
        Optional<? extends Version<?>> then = reads.queries.asOf(reads.lookup.of(type.getMappedClass(), id),
                new PointInTime.AtTransaction(transactionId));
        if (then.isEmpty() || then.get().operation() == Operation.DELETE) {
            return false;
        }
        HibernateVersion<?> version = (HibernateVersion<?>) then.get();
        Optional<?> live = reads.reverter.revert(version);
        if (live.isPresent() && !paths.isEmpty()) {
            revertRelations(version, live.get(), group(version.decoder(), paths.toArray(String[]::new)));
        }
        return true;
    }

    private static Collection<?> elements(Object collection) {
        if (collection instanceof Collection<?> values) {
            return values;
        }
        if (collection instanceof Map<?, ?> map) {
            return map.values();
        }
        return List.of();
    }

    @SuppressWarnings("unchecked")
    private static void replace(Object now, Object then) {
        if (now instanceof Collection<?> collection && then instanceof Collection<?> values) {
            ((Collection<Object>) collection).clear();
            ((Collection<Object>) collection).addAll(values);
        } else if (now instanceof Map<?, ?> map && then instanceof Map<?, ?> values) {
            ((Map<Object, Object>) map).clear();
            ((Map<Object, Object>) map).putAll(values);
        }
    }
}
