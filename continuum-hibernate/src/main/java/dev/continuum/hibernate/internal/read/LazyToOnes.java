package dev.continuum.hibernate.internal.read;

import dev.continuum.HistoryLookupException;

import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.proxy.ProxyConfiguration;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The to-ones of one relation of a batch of related snapshots, read on first use: each owner gets a
 * proxy of the target class (see {@link SnapshotProxies}) that knows only the target's identifier
 * and transaction, and the first method called on any proxy of the batch (other than the
 * identifier's getter) reads the targets of all of them, in one statement per 500 identifiers, as
 * {@link ToOneRelation} reads those of versions. Every call then goes to the target's snapshot,
 * which gets relations of its own in turn, so the graph is lazy to any depth. Like Hibernate's
 * proxies, a proxy is an instance of a generated subclass of the declared type, and its own fields
 * stay empty: code that reads fields directly rather than calling methods sees nothing but the
 * identifier.
 */
final class LazyToOnes {

    private final ReadSession reads;
    private final ToOneRelation relation;
    private final EntityPersister target;
    /** The proxies of the batch, by target identifier and transaction. */
    private final Map<List<Object>, Target> targets = new HashMap<>();
    private boolean loaded;

    private LazyToOnes(ReadSession reads, ToOneRelation relation) {
        this.reads = reads;
        this.relation = relation;
        this.target = relation.targetType();
    }

    /**
     * Gives each of {@code owners} whose to-one {@code relation} refers to a target a proxy of it,
     * read with the others on first use; returns false, setting nothing, when the target class
     * cannot be proxied.
     */
    static boolean attach(ReadSession reads, ToOneRelation relation, List<RelationOwner> owners,
            RelatedSnapshots related) {
        LazyToOnes batch = new LazyToOnes(reads, relation);
        Map<RelationOwner, Object> proxies = new IdentityHashMap<>();
        for (RelationOwner owner : owners) {
            if (related.isResolved(owner, relation.attribute())) {
                continue;
            }
            Object id = owner.decoder().foreignKey(relation.index(), owner.row(), reads.session);
            if (id == null) {
                continue;
            }
            Optional<Object> proxy = batch.proxy(owner, id);
            if (proxy.isEmpty()) {
                return false;
            }
            proxies.put(owner, proxy.get());
        }
        proxies.forEach((owner, proxy) -> owner.set(relation.attribute(), proxy));
        return true;
    }

    /** The proxy of the target {@code id} as of the owner's transaction, shared by the owners that see the same. */
    private Optional<Object> proxy(RelationOwner owner, Object id) {
        List<Object> key = Arrays.asList(id, owner.at());
        Target existing = targets.get(key);
        if (existing != null) {
            return Optional.of(existing.proxy);
        }
        Target created = new Target(owner, id);
        Optional<Object> proxy = reads.model.proxies().proxy(target, id, created, reads.session);
        proxy.ifPresent(p -> {
            created.proxy = p;
            targets.put(key, created);
        });
        return proxy;
    }

    /** Reads the targets of every proxy of the batch, as of each one's transaction. */
    private void load(Target used) {
        if (loaded) {
            return;
        }
        if (!reads.session.isOpen()) {
            throw closed(used);
        }
        RelatedSnapshots related = new RelatedSnapshots(reads);
        List<TargetSnapshots.Request> requests = new ArrayList<>(targets.size());
        targets.values().forEach(t -> requests.add(new TargetSnapshots.Request(t.id, t.owner.at())));
        TargetSnapshots.Found found = reads.targets.find(target, requests, related);
        SessionImplementor session = reads.session;
        for (Target t : targets.values()) {
            t.snapshot = found.at(t.id, t.owner.at());
            if (t.snapshot == null && !Modifier.isAbstract(target.getMappedClass().getModifiers())) {
                // no version valid then (its history starts later): what a version's own to-one holds then
                t.snapshot = target.instantiate(t.id, session);
            }
        }
        loaded = true;
        related.attachRelations();
    }

    private HistoryLookupException closed(Target used) {
        RelationOwner owner = used.owner;
        String type = EntityLookup.name(owner.decoder().persister());
        String name = relation.attribute().getAttributeName();
        return new HistoryLookupException("Cannot read " + type + "." + name + " of the snapshot of " + type
                + " with id " + owner.id() + " as of transaction " + owner.transaction() + ": it is read on first "
                + "use, and the EntityManager that read the version is closed. Touch " + name + " while the "
                + "EntityManager is open, or read it again in an open one with VersionHistory.asOf("
                + target.getMappedClass().getSimpleName() + ".class, " + used.id + ", " + owner.at() + ")");
    }

    private HistoryLookupException missing(Target used) {
        RelationOwner owner = used.owner;
        String type = EntityLookup.name(owner.decoder().persister());
        return new HistoryLookupException(type + "." + relation.attribute().getAttributeName() + " of the snapshot of "
                + type + " with id " + owner.id() + " refers to " + EntityLookup.name(target) + " with id " + used.id
                + ", which has no version valid at transaction " + owner.at() + " (its history starts later); its "
                + "versions are listed by VersionHistory.versions(" + target.getMappedClass().getSimpleName()
                + ".class, " + used.id + ")");
    }

    /** One proxy: the target it stands for, and the snapshot once read. */
    private final class Target implements ProxyConfiguration.Interceptor {

        private final RelationOwner owner;
        private final Object id;
        private Object proxy;
        private Object snapshot;

        Target(RelationOwner owner, Object id) {
            this.owner = owner;
            this.id = id;
        }

        @Override
        public Object intercept(Object instance, Method method, Object[] arguments) throws Throwable {
            if (snapshot == null) {
                if (isIdentifierGetter(method)) {
                    return id;
                }
                load(this);
                if (snapshot == null) {
                    throw missing(this);
                }
            }
            if (!Modifier.isPublic(method.getModifiers()) || !Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
                method.trySetAccessible();
            }
            try {
                return method.invoke(snapshot, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        /** Whether {@code method} is the getter of the identifier, which the proxy answers without reading. */
        private boolean isIdentifierGetter(Method method) {
            String name = target.getIdentifierPropertyName();
            if (method.getParameterCount() != 0 || name == null || name.isEmpty()) {
                return false;
            }
            String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            return method.getName().equals("get" + capitalized) || method.getName().equals("is" + capitalized);
        }
    }
}
