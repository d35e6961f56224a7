package dev.continuum.hibernate.internal.read;

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
 * Writes the live entities of an undo scope back to the scope's state right after one of its
 * steps, in the current persistence context and without flushing: the root (re-created or removed
 * as the state has it), the children of each one-to-many (those of then re-created or reverted to
 * their state then, those that joined later reverted to their state then elsewhere or removed),
 * and the rows of each many-to-many and element collection. Entities a many-to-many points to are
 * not part of the scope: they are only re-created when they were deleted since.
 */
final class ScopeRestorer {

    private final ReadSession reads;
    private final SessionImplementor session;

    ScopeRestorer(ReadSession reads) {
        this.reads = reads;
        this.session = reads.session;
    }

    /** Restores the scope to its state right after transaction {@code at}. */
    void restore(ScopeTimeline scope, long at) {
        Optional<HibernateVersion<?>> then = scope.rootAt(at);
        Object live = then.isPresent() ? reads.reverter.revert(then.get()).orElseThrow()
                : session.find(scope.root().persister().getMappedClass(), scope.root().id());
        if (live == null) {
            return;
        }
        for (ScopeTimeline.Member member : scope.relations()) {
            if (member.relation() instanceof ChildrenRelation children) {
                restoreChildren(children, member.childRows(), live, at);
            } else if (then.isPresent()) {
                restoreRows((CollectionRowsRelation) member.relation(), then.get(), live, at);
            }
        }
        if (then.isEmpty()) {
            session.remove(live);
        }
    }

    /** The children of then back to their state then; those that joined later to theirs, or removed. */
    private void restoreChildren(ChildrenRelation relation, List<VersionRow> rows, Object live, long at) {
        TableReader table = relation.rows().children();
        EntityPersister child = relation.rows().child();
        List<VersionRow> valid = rows.stream().filter(row -> row.validAt(at)).toList();
        Set<Object> ids = new LinkedHashSet<>();
        for (Version<Object> version : reads.assembler.versions(Object.class, table, valid)) {
            ids.add(version.id());
            reads.reverter.revert((HibernateVersion<Object>) version);
        }
        Object now = liveValue(relation, live);
        for (Object element : new ArrayList<>(entities(now))) {
            Object id = child.getIdentifier(element, session);
            if (!ids.contains(id) && !revertElsewhere(child, id, at)) {
                session.remove(element);
            }
        }
        setContent(now, child, List.copyOf(ids));
    }

    /** Reverts a child that belonged to another owner (or none) at {@code at} to its state then; false when it did not exist. */
    private boolean revertElsewhere(EntityPersister child, Object id, long at) {
        Optional<? extends Version<?>> then = reads.queries.asOf(reads.lookup.of(child.getMappedClass(), id),
                new PointInTime.AtTransaction(at));
        if (then.isEmpty() || then.get().operation() == Operation.DELETE) {
            return false;
        }
        reads.reverter.revert((HibernateVersion<?>) then.get());
        return true;
    }

    /** A many-to-many's or element collection's rows back to those of then; deleted targets re-created. */
    @SuppressWarnings("unchecked")
    private void restoreRows(CollectionRowsRelation relation, HibernateVersion<?> root, Object live, long at) {
        RelationOwner owner = new RelationOwner(root.decoder(), root.table(), root.snapshot(), root.id(),
                root.row().values(), at, at);
        Object then = relation.read(List.of(owner), new RelatedSnapshots(reads), reads).get(owner);
        Object now = liveValue(relation, live);
        Optional<EntityPersister> target = relation.target();
        if (now instanceof Map<?, ?> map) {
            Map<Object, Object> wanted = new LinkedHashMap<>(then == null ? Map.of() : (Map<Object, Object>) then);
            if (target.isPresent()) {
                wanted.replaceAll((key, element) -> reference(target.get(), element, at));
            }
            if (!map.equals(wanted)) {
                ((Map<Object, Object>) map).clear();
                ((Map<Object, Object>) map).putAll(wanted);
            }
            return;
        }
        Collection<Object> values = (Collection<Object>) now;
        Collection<?> elements = then == null ? List.of() : (Collection<?>) then;
        if (target.isEmpty()) {
            if (!sameContent(values, elements)) {
                values.clear();
                values.addAll(elements);
            }
            return;
        }
        List<Object> ids = new ArrayList<>();
        for (Object element : elements) {
            ids.add(target.get().getIdentifier(element, session));
            reference(target.get(), element, at);
        }
        setContent(values, target.get(), ids);
    }

    /** A reference to the live target of a snapshot, re-created as of {@code at} when it was deleted since. */
    private Object reference(EntityPersister target, Object snapshot, long at) {
        Object id = target.getIdentifier(snapshot, session);
        if (session.find(target.getMappedClass(), id) == null && reads.model.table(target.getEntityName()).isPresent()) {
            revertElsewhere(target, id, at);
        }
        return session.getReference(target.getEntityName(), id);
    }

    /**
     * Gives a live collection of entities exactly the entities of {@code ids}, unless it has them
     * already; a map (whose keys a restore cannot invent) only loses the entities not among them.
     */
    private void setContent(Object live, EntityPersister target, List<Object> ids) {
        Collection<Object> now = entities(live);
        List<Object> current = new ArrayList<>();
        for (Object element : now) {
            current.add(target.getIdentifier(element, session));
        }
        if (sameContent(current, ids)) {
            return;
        }
        if (live instanceof Map<?, ?>) {
            now.removeIf(element -> !ids.contains(target.getIdentifier(element, session)));
            return;
        }
        now.clear();
        for (Object id : ids) {
            now.add(session.getReference(target.getEntityName(), id));
        }
    }

    /** The live value of a collection attribute. */
    private Object liveValue(SnapshotRelation relation, Object live) {
        EntityPersister persister = session.getEntityPersister(null, live);
        return persister.getValue(live, relation.attribute().getStateArrayPosition());
    }

    /** The entities of a live collection of entities, or of a map's values. */
    @SuppressWarnings("unchecked")
    private Collection<Object> entities(Object value) {
        return value instanceof Map<?, ?> map ? (Collection<Object>) map.values() : (Collection<Object>) value;
    }

    /** Same elements, in the same order for a list. */
    private static boolean sameContent(Collection<?> now, Collection<?> then) {
        if (now instanceof List<?> && then instanceof List<?>) {
            return new ArrayList<>(now).equals(new ArrayList<>(then));
        }
        return now.size() == then.size() && new ArrayList<>(now).containsAll(then) && new ArrayList<>(then).containsAll(now);
    }
}
