package dev.continuum.hibernate.internal.history;

import dev.continuum.hibernate.internal.HistoryAccess;

import org.hibernate.SessionFactory;
import org.hibernate.SessionFactoryObserver;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.entity.UnionSubclassEntityPersister;
import org.hibernate.type.BasicType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The read path's view of one session factory: a {@link TableReader} per version table, built
 * once on first use and dropped when the factory closes.
 */
final class HistoryModel {

    private static final Map<SessionFactoryImplementor, HistoryModel> MODELS = new ConcurrentHashMap<>();

    private final HistoryAccess access;
    private final Map<String, TableReader> byEntity = new LinkedHashMap<>();
    private final List<TableReader> tables = new ArrayList<>();
    private final Map<String, List<?>> relations = new ConcurrentHashMap<>();
    private final BasicType<Instant> instantType;
    private final BasicType<String> stringType;

    private HistoryModel(SessionFactoryImplementor factory, HistoryAccess access) {
        this.access = access;
        this.instantType = factory.getTypeConfiguration().getBasicTypeForJavaType(Instant.class);
        this.stringType = factory.getTypeConfiguration().getBasicTypeForJavaType(String.class);
        Map<String, List<HistoryAccess.VersionTable>> byTable = new LinkedHashMap<>();
        for (HistoryAccess.VersionTable table : access.tables()) {
            byTable.computeIfAbsent(table.tableName(), name -> new ArrayList<>()).add(table);
        }
        byTable.values().forEach(group -> {
            TableReader reader = new TableReader(access, group, instantType, stringType);
            tables.add(reader);
            group.forEach(table -> byEntity.put(table.persister().getEntityName(), reader));
        });
        tables.sort((a, b) -> a.root().getEntityName().compareTo(b.root().getEntityName()));
        factory.getMappingMetamodel().forEachEntityDescriptor(persister -> {
            if (!(persister instanceof UnionSubclassEntityPersister)) {
                return;
            }
            // a TABLE_PER_CLASS entity with subclasses (or abstract) has its versions in several tables
            List<HistoryAccess.VersionTable> own = new ArrayList<>();
            for (HistoryAccess.VersionTable table : access.tables()) {
                String name = table.persister().getEntityName();
                if (name.equals(persister.getEntityName()) || persister.isSubclassEntityName(name)) {
                    own.add(table);
                }
            }
            boolean single = own.size() == 1 && own.get(0).persister() == persister;
            if (!own.isEmpty() && !single) {
                byEntity.put(persister.getEntityName(),
                        new TableReader(access, own, persister, instantType, stringType));
            }
        });
    }

    /** The model of a factory, or empty when it versions nothing. */
    static Optional<HistoryModel> of(SessionFactoryImplementor factory) {
        HistoryModel model = MODELS.get(factory);
        if (model != null) {
            return Optional.of(model);
        }
        Optional<HistoryAccess> access = HistoryAccess.of(factory);
        if (access.isEmpty()) {
            return Optional.empty();
        }
        model = MODELS.computeIfAbsent(factory, f -> {
            f.addObserver(new SessionFactoryObserver() {
                @Override
                public void sessionFactoryClosed(SessionFactory closed) {
                    MODELS.remove(f);
                }
            });
            return new HistoryModel(f, access.get());
        });
        return Optional.of(model);
    }

    /**
     * The relations of an entity type the read path resolves as of a transaction, worked out once.
     *
     * @param build builds them on first use
     */
    @SuppressWarnings("unchecked")
    <R> List<R> relations(String entityName, java.util.function.Function<String, List<R>> build) {
        return (List<R>) relations.computeIfAbsent(entityName, build::apply);
    }

    HistoryAccess access() {
        return access;
    }

    Optional<TableReader> table(String entityName) {
        return Optional.ofNullable(byEntity.get(entityName));
    }

    Collection<TableReader> tables() {
        return tables;
    }

    BasicType<Instant> instantType() {
        return instantType;
    }

    BasicType<String> stringType() {
        return stringType;
    }
}
