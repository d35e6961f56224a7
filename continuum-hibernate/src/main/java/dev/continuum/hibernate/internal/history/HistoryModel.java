package dev.continuum.hibernate.internal.history;

import dev.continuum.hibernate.internal.HistoryAccess;

import org.hibernate.SessionFactory;
import org.hibernate.SessionFactoryObserver;
import org.hibernate.engine.spi.SessionFactoryImplementor;
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
