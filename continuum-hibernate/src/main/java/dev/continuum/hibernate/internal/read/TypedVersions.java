package dev.continuum.hibernate.internal.read;

import dev.continuum.hibernate.internal.model.TenantAttribute;
import dev.continuum.HistoryLookupException;
import dev.continuum.Version;
import dev.continuum.VersionOf;
import dev.continuum.binding.VersionBinding;

import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.query.SelectionQuery;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code typedVersions}: the instances of a generated typed version class for one entity, loaded by
 * a query and bound together, so that the whole list costs two statements however it is navigated.
 */
final class TypedVersions {

    private final ReadSession reads;

    TypedVersions(ReadSession reads) {
        this.reads = reads;
    }

    /**
     * The instances of {@code versionClass} (annotated {@link VersionOf}) for the entity with
     * identifier {@code id}, oldest first.
     *
     * @throws HistoryLookupException if the class is no typed version class of this persistence
     *         unit, or it is stale
     */
    <V extends Version<?>> List<V> of(Class<V> versionClass, Object id) {
        Objects.requireNonNull(versionClass, "versionClass");
        VersionOf versionOf = versionClass.getAnnotation(VersionOf.class);
        if (versionOf == null) {
            throw new HistoryLookupException(versionClass.getName() + " is not a typed version class (it is not "
                    + "annotated @" + VersionOf.class.getSimpleName() + "); pass the class the annotation processor "
                    + "generated for a @Versioned entity, such as ArticleVersion for Article");
        }
        EntityPersister versionPersister = reads.session.getFactory().getMappingMetamodel()
                .findEntityDescriptor(versionClass);
        if (versionPersister == null) {
            throw new HistoryLookupException(versionClass.getName() + " is not an entity of this persistence unit; "
                    + "add it to the managed classes next to " + versionOf.value().getName());
        }
        EntityRef<?> entity = reads.lookup.of(versionOf.value(), id);
        String idProperty = entity.persister().getIdentifierPropertyName();
        if (idProperty == null) {
            // An @IdClass entity: its version class maps the whole identifier read-only, as an attribute of the
            // id class (an @EmbeddedId's is named like the entity's, so idProperty names it already).
            Class<?> idClass = EntityLookup.idType(entity.persister());
            for (int i = 0; i < versionPersister.getNumberOfAttributeMappings() && idProperty == null; i++) {
                if (versionPersister.getAttributeMapping(i).getJavaType().getJavaTypeClass() == idClass) {
                    idProperty = versionPersister.getAttributeMapping(i).getAttributeName();
                }
            }
            if (idProperty == null) {
                throw new HistoryLookupException(versionClass.getName() + " has no attribute of "
                        + idClass.getSimpleName() + ", the identifier class of " + entity.name()
                        + "; it is stale: recompile so that the annotation processor generates it anew");
            }
        }
        // a typed class maps the tenant column as a plain attribute of the entity's name: restrict it here
        String tenantProperty = TenantAttribute.of(entity.persister()).map(AttributeMapping::getAttributeName)
                .orElse(null);
        SelectionQuery<V> query = reads.session.createSelectionQuery("select v from " + versionPersister.getEntityName()
                + " v where v." + idProperty + " = :id" + (tenantProperty == null ? "" : " and v." + tenantProperty
                + " = :tenant") + " order by v.transactionId", versionClass)
                .setParameter("id", id);
        if (tenantProperty != null) {
            query.setParameter("tenant", TenantFilter.tenantOf(reads.session, "the history of " + entity.name()));
        }
        List<V> typed = query.getResultList();
        bindTogether(typed, entity);
        return typed;
    }

    /**
     * Binds typed versions of one entity to versions read together, in one statement, the first
     * time any of them needs more than its columns: their navigation and changesets then run none.
     */
    private <T> void bindTogether(List<?> typed, EntityRef<T> entity) {
        if (typed.isEmpty() || !(typed.get(0) instanceof VersionBinding.Bindable)) {
            return;
        }
        Map<Long, Version<T>> byTransaction = new HashMap<>();
        boolean[] loaded = new boolean[1];
        VersionBinding binding = new VersionBinding() {
            @Override
            @SuppressWarnings("unchecked")
            public <E> Version<E> versionOf(Class<E> type, Object id, long transactionId) {
                return LazyVersion.of(() -> {
                    if (!loaded[0]) {
                        loaded[0] = true;
                        reads.queries.all(entity).forEach(version -> byTransaction.put(version.transactionId(), version));
                    }
                    Version<T> version = byTransaction.get(transactionId);
                    return version != null ? (Version<E>) version
                            : SessionVersionBinding.read(reads.session, type, id, transactionId);
                });
            }
        };
        for (Object version : typed) {
            ((VersionBinding.Bindable) version).continuumBind(binding);
        }
    }
}
