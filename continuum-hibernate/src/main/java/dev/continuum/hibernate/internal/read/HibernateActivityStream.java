package dev.continuum.hibernate.internal.read;

import dev.continuum.Activity;
import dev.continuum.ActivityFilter;
import dev.continuum.ActivityStream;
import dev.continuum.ConfigurationException;
import dev.continuum.ContinuumSettings;
import dev.continuum.HistoryLookupException;
import dev.continuum.NewActivity;
import dev.continuum.Version;
import dev.continuum.hibernate.internal.model.ActivityEntry;
import dev.continuum.hibernate.internal.model.EntityModel;
import dev.continuum.hibernate.internal.model.TransactionExtraTables;

import org.hibernate.metamodel.mapping.BasicEntityIdentifierMapping;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.type.descriptor.java.JavaType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ActivityStream} on a Hibernate session: records an activity by handing it, checked and
 * resolved to its entities, to the write path's unit of work; reads a page of activities with
 * {@link ActivityQuery}, then the versions they point at with one {@link VersionQueries#byKeys}
 * per entity hierarchy.
 */
final class HibernateActivityStream implements ActivityStream {

    private final ReadSession reads;

    HibernateActivityStream(ReadSession reads) {
        this.reads = reads;
    }

    @Override
    public void record(NewActivity activity) {
        Objects.requireNonNull(activity, "activity");
        requireOn();
        String data = ActivityData.encode(activity.data());
        if (data != null && data.length() > TransactionExtraTables.DATA_LENGTH) {
            throw new IllegalArgumentException("The data of activity '" + activity.verb() + "' takes "
                    + data.length() + " characters encoded, more than the " + TransactionExtraTables.DATA_LENGTH
                    + " its column holds; record less data");
        }
        ActivityEntry entry = new ActivityEntry(activity.verb(), activity.actor().orElse(null),
                subject(activity.object()), activity.target().map(this::subject).orElse(null), data);
        reads.model.recordActivity(reads.session, entry);
    }

    @Override
    public List<Activity> read(ActivityFilter filter, int firstResult, int maxResults) {
        Objects.requireNonNull(filter, "filter");
        if (firstResult < 0 || maxResults < 1) {
            throw new IllegalArgumentException("read(filter, " + firstResult + ", " + maxResults
                    + ") needs firstResult >= 0 and maxResults >= 1");
        }
        requireOn();
        ActivityQuery query = reads.model.activities();
        String objectEntity = null;
        String objectId = null;
        if (filter.objectType().isPresent()) {
            EntityRef<?> object = reads.lookup.of(filter.objectType().get(), filter.objectId().orElseThrow());
            objectEntity = object.persister().getRootEntityName();
            objectId = idText(object.persister(), object.id());
        }
        List<ActivityQuery.Row> rows = query.page(reads, filter.actor().orElse(null), filter.verb().orElse(null),
                objectEntity, objectId, firstResult, maxResults);
        Map<String, Map<String, Version<?>>> versions = versions(rows);
        List<Activity> activities = new ArrayList<>();
        for (ActivityQuery.Row row : rows) {
            activities.add(new Activity(row.transaction(), row.index(), row.verb(), Optional.ofNullable(row.actor()),
                    reference(row.object(), versions), Optional.ofNullable(row.target()).map(target -> reference(
                            target, versions)), ActivityData.decode(row.data())));
        }
        return activities;
    }

    /** The versions the rows point at, by root entity name, then by identifier text and transaction. */
    private Map<String, Map<String, Version<?>>> versions(List<ActivityQuery.Row> rows) {
        Map<String, List<ActivityQuery.Pointer>> byEntity = new LinkedHashMap<>();
        for (ActivityQuery.Row row : rows) {
            byEntity.computeIfAbsent(row.object().entityName(), name -> new ArrayList<>()).add(row.object());
            if (row.target() != null) {
                byEntity.computeIfAbsent(row.target().entityName(), name -> new ArrayList<>()).add(row.target());
            }
        }
        Map<String, Map<String, Version<?>>> versions = new HashMap<>();
        byEntity.forEach((entityName, pointers) -> {
            EntityPersister persister = persister(entityName);
            if (persister == null || reads.model.table(entityName).isEmpty()) {
                return; // no longer a versioned entity: its references read as removed
            }
            List<VersionKey> keys = new ArrayList<>();
            for (ActivityQuery.Pointer pointer : pointers) {
                keys.add(new VersionKey(idOf(persister, pointer.idText()), pointer.transactionId()));
            }
            Map<String, Version<?>> found = new HashMap<>();
            for (Version<?> version : reads.queries.byKeys(persister.getMappedClass(), keys.stream().distinct()
                    .toList())) {
                found.put(key(idText(persister, version.id()), version.transactionId()), version);
            }
            versions.put(entityName, found);
        });
        return versions;
    }

    private Activity.Reference reference(ActivityQuery.Pointer pointer, Map<String, Map<String, Version<?>>> versions) {
        EntityPersister persister = persister(pointer.entityName());
        Object id = persister == null ? pointer.idText() : idOf(persister, pointer.idText());
        Version<?> version = versions.getOrDefault(pointer.entityName(), Map.of())
                .get(key(pointer.idText(), pointer.transactionId()));
        return new Activity.Reference(pointer.entityName(), id, pointer.transactionId(), Optional.ofNullable(version));
    }

    private static String key(String idText, long transactionId) {
        return transactionId + ":" + idText;
    }

    /** The entity an activity points at, checked: versioned, with a one-column identifier that fits the table. */
    private ActivityEntry.Subject subject(NewActivity.EntityRef entity) {
        EntityRef<?> ref = entity.instance() != null ? reads.lookup.of(entity.instance())
                : reads.lookup.of(entity.type(), entity.id());
        EntityPersister persister = ref.persister();
        EntityModel model = reads.model.versions().entity(persister.getEntityName()).orElseThrow(
                () -> new HistoryLookupException(ref.name() + " is not versioned, so an activity cannot point at a "
                        + "version of it; annotate it with @Versioned"));
        String idText = idText(persister, ref.id());
        if (idText.length() > TransactionExtraTables.ACTIVITY_TEXT_LENGTH) {
            throw new HistoryLookupException("The identifier of " + ref.name() + " #" + idText + " has more than "
                    + TransactionExtraTables.ACTIVITY_TEXT_LENGTH + " characters as text, more than the activity "
                    + "table's column holds; activities can point only at entities with shorter identifiers");
        }
        return new ActivityEntry.Subject(model, persister.getRootEntityName(), ref.id(), idText);
    }

    /**
     * The identifier as text, as the activity table stores it.
     *
     * @throws HistoryLookupException when the identifier is composite
     */
    @SuppressWarnings("unchecked")
    private static String idText(EntityPersister persister, Object id) {
        return ((JavaType<Object>) basicId(persister).getJavaType()).toString(id);
    }

    private static Object idOf(EntityPersister persister, String text) {
        return basicId(persister).getJavaType().fromString(text);
    }

    private static BasicEntityIdentifierMapping basicId(EntityPersister persister) {
        if (persister.getIdentifierMapping() instanceof BasicEntityIdentifierMapping basic) {
            return basic;
        }
        throw new HistoryLookupException(EntityLookup.name(persister) + " has a composite identifier; activities "
                + "point only at entities whose identifier is a single value (a number, text or UUID)");
    }

    private EntityPersister persister(String entityName) {
        return reads.session.getFactory().getMappingMetamodel().findEntityDescriptor(entityName);
    }

    private void requireOn() {
        if (reads.model == null || !reads.model.versions().settings().activities()) {
            throw new ConfigurationException("The activity stream is off; set " + ContinuumSettings.ACTIVITIES
                    + "=true (its table is created with the rest of Continuum's schema)");
        }
    }
}
