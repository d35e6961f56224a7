package dev.continuum.hibernate.internal.maintenance;

import dev.continuum.BaselineResult;
import dev.continuum.ConfigurationException;
import dev.continuum.ContinuumSettings;
import dev.continuum.IntegrityReport;
import dev.continuum.ErasureResult;
import dev.continuum.HistoryAdmin;
import dev.continuum.HistoryLookupException;
import dev.continuum.PruneResult;
import dev.continuum.RetentionPolicy;
import dev.continuum.hibernate.internal.integrity.Integrity;
import dev.continuum.hibernate.internal.model.ContinuumService;
import dev.continuum.hibernate.internal.model.EntityModel;
import dev.continuum.hibernate.internal.model.VersionModel;

import org.hibernate.StatelessSession;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.persister.entity.EntityPersister;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link HistoryAdmin} over a Hibernate session factory's version model. */
public final class HibernateHistoryAdmin implements HistoryAdmin {

    private final SessionFactoryImplementor factory;

    HibernateHistoryAdmin(SessionFactoryImplementor factory) {
        this.factory = factory;
    }

    @Override
    public BaselineResult baseline(Class<?> entityType, int batchSize) {
        Objects.requireNonNull(entityType, "entityType");
        if (batchSize <= 0) {
            throw new IllegalArgumentException("baseline needs a batch size of at least 1, got " + batchSize);
        }
        List<EntityModel> entities = hierarchy(entityType);
        if (entities.stream().anyMatch(entity -> entity.levels().stream()
                .anyMatch(dev.continuum.hibernate.internal.model.EntityTable::hasCompactColumns))) {
            throw new dev.continuum.ConfigurationException(entityType.getSimpleName() + " has @Compact properties, "
                    + "which baseline does not write yet (it copies live columns into the version table with SQL); "
                    + "record a first version of each entity through the application instead, or baseline before "
                    + "adding @Compact");
        }
        return new Baseline(factory, model(entityType), entities, batchSize).run();
    }

    @Override
    public PruneResult prune() {
        Optional<VersionModel> model = ContinuumService.of(factory).model();
        PruneResult total = new PruneResult(0, 0, 0, 0, 0);
        if (model.isEmpty()) {
            return total;
        }
        for (Hierarchy hierarchy : Hierarchy.of(model.get(), model.get().entities())) {
            EntityPersister root = factory.getMappingMetamodel()
                    .getEntityDescriptor(hierarchy.persister.getRootEntityName());
            Optional<RetentionPolicy> policy = RetentionRules.of(root, factory.getProperties());
            if (policy.isPresent()) {
                total = add(total, new Prune(factory, model.get(), hierarchy, policy.get(), DEFAULT_BATCH_SIZE).run());
            }
        }
        CompactGarbage.collect(factory, model.get());
        return total;
    }

    @Override
    public PruneResult prune(Class<?> entityType, RetentionPolicy policy) {
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(policy, "policy");
        VersionModel model = model(entityType);
        PruneResult total = new PruneResult(0, 0, 0, 0, 0);
        for (Hierarchy hierarchy : Hierarchy.of(model, hierarchy(entityType))) {
            total = add(total, new Prune(factory, model, hierarchy, policy, DEFAULT_BATCH_SIZE).run());
        }
        CompactGarbage.collect(factory, model);
        return total;
    }

    @Override
    public ErasureResult erase(Class<?> entityType, Object id) {
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(id, "id");
        VersionModel model = model(entityType);
        EntityPersister persister = factory.getMappingMetamodel().getEntityDescriptor(entityType);
        long versions = 0;
        long rows = 0;
        long transactions = 0;
        Erasure erasure = new Erasure(factory, model);
        for (Hierarchy hierarchy : Hierarchy.of(model, hierarchy(entityType))) {
            ErasureResult result = erasure.entity(hierarchy, persister, id);
            versions += result.versions();
            rows += result.collectionRows();
            transactions += result.transactions();
        }
        CompactGarbage.collect(factory, model);
        return new ErasureResult(versions, rows, transactions);
    }

    @Override
    public ErasureResult eraseUser(String userId) {
        Objects.requireNonNull(userId, "userId");
        return ContinuumService.of(factory).model().map(model -> {
            ErasureResult result = new Erasure(factory, model).user(userId);
            CompactGarbage.collect(factory, model);
            return result;
        }).orElse(new ErasureResult(0, 0, 0));
    }

    @Override
    public IntegrityReport verify() {
        return integrity().verify(factory);
    }

    @Override
    public IntegrityReport verify(Class<?> entityType, Object id) {
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(id, "id");
        VersionModel model = model(entityType);
        Integrity integrity = integrity();
        EntityPersister persister = factory.getMappingMetamodel().getEntityDescriptor(entityType);
        List<String> tables = new ArrayList<>();
        Object[] key = null;
        for (Hierarchy hierarchy : Hierarchy.of(model, hierarchy(entityType))) {
            hierarchy.entityTables().forEach(table -> tables.add(table.name()));
            hierarchy.collections.forEach(collection -> tables.add(collection.name()));
            try (StatelessSession session = factory.openStatelessSession()) {
                key = Erasure.key((SharedSessionContractImplementor) session, hierarchy, persister, id, "verify");
            }
        }
        return integrity.verify(factory, tables, key);
    }

    @Override
    public IntegrityReport seal(Duration settled) {
        Objects.requireNonNull(settled, "settled");
        return integrity().seal(factory, settled);
    }

    @Override
    public int ensurePartitions() {
        VersionModel model = ContinuumService.of(factory).model().orElseThrow(() -> new ConfigurationException(
                "Nothing is versioned in this persistence unit, so it has no version tables to partition"));
        return ensurePartitions(factory, model);
    }

    /**
     * Makes the partitions the next transactions need ({@link #ensurePartitions()}).
     *
     * @throws ConfigurationException if version tables are not partitioned
     */
    public static int ensurePartitions(SessionFactoryImplementor factory, VersionModel model) {
        if (!model.settings().partitioned()) {
            throw new ConfigurationException("Version tables are not partitioned; set "
                    + ContinuumSettings.PARTITION_SPAN + " (PostgreSQL) to partition them by transaction id");
        }
        try (StatelessSession stateless = factory.openStatelessSession()) {
            SharedSessionContractImplementor session = (SharedSessionContractImplementor) stateless;
            int[] made = new int[1];
            Batches.atReadCommitted(session, () -> made[0] = Batches.inTransaction(session, "Making partitions",
                    connection -> Partitions.ensure(connection, model, model.settings().partitionSpan()), () -> { }));
            return made[0];
        }
    }

    private Integrity integrity() {
        VersionModel model = ContinuumService.of(factory).model().orElseThrow(() -> new ConfigurationException(
                "Nothing is versioned in this persistence unit, so it has no history to verify"));
        return Integrity.of(factory, model).orElseThrow(() -> new ConfigurationException("Tamper evidence is off, so "
                + "the history has no hashes to verify; set " + ContinuumSettings.INTEGRITY + "=hash-chain (on a new "
                + "history: rows written while it is off have no hash)"));
    }

    private static PruneResult add(PruneResult a, PruneResult b) {
        return new PruneResult(a.versions() + b.versions(), a.collectionRows() + b.collectionRows(),
                a.transactions() + b.transactions(), a.undoPositions() + b.undoPositions(), a.batches() + b.batches());
    }

    private VersionModel model(Class<?> entityType) {
        return ContinuumService.of(factory).model().orElseThrow(() -> notVersioned(entityType));
    }

    /** The versioned entities of the hierarchy {@code entityType} belongs to. */
    private List<EntityModel> hierarchy(Class<?> entityType) {
        EntityPersister persister = factory.getMappingMetamodel().findEntityDescriptor(entityType);
        if (persister == null) {
            throw notVersioned(entityType);
        }
        String root = persister.getRootEntityName();
        List<EntityModel> entities = model(entityType).entities().stream()
                .filter(entity -> entity.persister().getRootEntityName().equals(root))
                .toList();
        if (entities.isEmpty()) {
            throw notVersioned(entityType);
        }
        return entities;
    }

    private static HistoryLookupException notVersioned(Class<?> entityType) {
        return new HistoryLookupException(entityType.getName() + " is not a versioned entity of this persistence "
                + "unit, so it has no history to maintain; annotate it with @Versioned");
    }
}
