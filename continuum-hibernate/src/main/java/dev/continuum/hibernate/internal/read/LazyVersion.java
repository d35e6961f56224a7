package dev.continuum.hibernate.internal.read;

import dev.continuum.Changeset;
import dev.continuum.ContinuumException;
import dev.continuum.HistoryLookupException;
import dev.continuum.Operation;
import dev.continuum.Transaction;
import dev.continuum.Version;
import dev.continuum.binding.VersionBinding;

import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.persister.entity.EntityPersister;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * A version that is read the first time one of its methods is called, then delegates to what was
 * read. What a loaded typed version class instance is bound to, so that loading it costs nothing
 * until its {@code Version<T>} methods or relation accessors are used.
 *
 * @param <T> the entity type
 */
final class LazyVersion<T> implements Version<T>, VersionBinding.Relations {

    private Supplier<Version<T>> reader;
    private Version<T> version;

    LazyVersion(Supplier<Version<T>> reader) {
        this.reader = reader;
    }

    private Version<T> version() {
        if (version == null) {
            version = reader.get();
            reader = null;
        }
        return version;
    }

    @Override
    public T entity() {
        return version().entity();
    }

    @Override
    public String entityName() {
        return version().entityName();
    }

    @Override
    public Object id() {
        return version().id();
    }

    @Override
    public long transactionId() {
        return version().transactionId();
    }

    @Override
    public OptionalLong endTransactionId() {
        return version().endTransactionId();
    }

    @Override
    public Operation operation() {
        return version().operation();
    }

    @Override
    public Transaction transaction() {
        return version().transaction();
    }

    @Override
    public int index() {
        return version().index();
    }

    @Override
    public Optional<Version<T>> previous() {
        return version().previous();
    }

    @Override
    public Optional<Version<T>> next() {
        return version().next();
    }

    @Override
    public Changeset<T> changeset() {
        return version().changeset();
    }

    @Override
    public Optional<T> revert() {
        return version().revert();
    }

    @Override
    public Optional<T> revert(String... relations) {
        return version().revert(relations);
    }

    /** Reads the relation from the snapshot by Hibernate's property access, which needs no getter. */
    @Override
    public Object relation(String property) {
        Version<T> read = version();
        T entity = read.entity();
        if (!(read instanceof HibernateVersion<T> hibernate)) {
            throw new ContinuumException("Cannot read the relation '" + property + "' of " + read
                    + ": it was not read by Continuum's Hibernate integration");
        }
        EntityPersister persister = hibernate.decoder().persister();
        AttributeMapping attribute = persister.findAttributeMapping(property);
        if (attribute == null) {
            String entityName = persister.getJpaEntityName() != null ? persister.getJpaEntityName()
                    : persister.getEntityName();
            throw new HistoryLookupException(entityName + " has no property '" + property + "', which its typed "
                    + "version class reads; the version class is stale: recompile so that the annotation processor "
                    + "generates it anew");
        }
        return persister.getValue(entity, attribute.getStateArrayPosition());
    }

    @Override
    public String toString() {
        return version == null ? "Version[not read yet]" : version.toString();
    }
}
