package dev.continuum.hibernate.internal.write;

import dev.continuum.ChangeContext;
import dev.continuum.VersioningException;
import dev.continuum.hibernate.internal.compact.ValueTable;
import dev.continuum.hibernate.internal.integrity.Integrity;
import dev.continuum.hibernate.internal.model.ActivityEntry;
import dev.continuum.hibernate.internal.model.ContinuumService;
import dev.continuum.hibernate.internal.model.VersionModel;
import dev.continuum.hibernate.internal.nativemode.NativeTriggers;
import dev.continuum.spi.TransactionContextProvider;

import org.hibernate.dialect.Dialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.engine.spi.TransactionCompletionCallbacks.AfterCompletionCallback;
import org.hibernate.engine.spi.TransactionCompletionCallbacks.BeforeCompletionCallback;
import org.hibernate.persister.entity.EntityPersister;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The write path of one session factory: the captures of its versioned entities and collections,
 * the open unit of work of each session's transaction, and the writer that turns a completing
 * unit of work into history, in the way {@link WriteStrategy} chose for the database.
 */
public final class VersioningRuntime implements ContinuumService.WritePath {

    private final CaptureRegistry captures;
    private final HistoryWriter history;
    private final BulkMutations bulkMutations;
    /** The attribution of natively versioned changes, or null when no entity is versioned natively. */
    private final NativeAttribution nativeAttribution;
    private final Map<SharedSessionContractImplementor, UnitOfWork> units = new ConcurrentHashMap<>();
    private final Map<SharedSessionContractImplementor, LateChanges> lateChanges = new ConcurrentHashMap<>();

    /**
     * The write path of a session factory, over its version model.
     *
     * @param contextProvider who made a change when {@link ChangeContext} does not say, or null
     */
    public VersioningRuntime(SessionFactoryImplementor factory, VersionModel model,
            TransactionContextProvider contextProvider) {
        Dialect dialect = factory.getJdbcServices().getDialect();
        WriteStrategy strategy = WriteStrategy.of(dialect);
        this.captures = new CaptureRegistry(factory, model, strategy.nullSafeEquality());
        this.bulkMutations = new BulkMutations(model);
        this.nativeAttribution = NativeAttribution.of(model, contextProvider, dialect);
        FlushWrites.Upsert atFlush = model.settings().writeAtFlush() ? FlushWrites.check(model, dialect) : null;
        this.history = new HistoryWriter(strategy,
                nativeAttribution != null && NativeTriggers.sharesTransactionRow(dialect), new TransactionRow(strategy.transactionId(), model.names(), model.settings(), dialect,
                factory.getTypeConfiguration(), contextProvider),
                new TransactionExtrasWriter(factory, model.settings(), contextProvider),
                model.settings().activities() ? new ActivityWriter(factory, model) : null,
                Integrity.of(factory, model).orElse(null),
                model.hasCompactProperties()
                        ? new CompactValueWriter(new ValueTable(model.names().valueTable(), dialect)) : null,
                atFlush);
    }

    @Override
    public void recreated(SharedSessionContractImplementor session, EntityPersister persister, Object id) {
        unitOfWork(session).recreated(session.generateEntityKey(id, persister));
    }

    @Override
    public void recordActivity(SharedSessionContractImplementor session, ActivityEntry activity) {
        unitOfWork(session).activity(activity);
    }

    /**
     * Checks a statement Hibernate is about to run that bypasses its entity events (a bulk
     * mutation) and affects {@code tables}: warns about, refuses or lets through a change of
     * versioned rows, as {@code continuum.bulk_mutations} says.
     *
     * @throws VersioningException when it is refused
     */
    public void bulkMutation(SharedSessionContractImplementor session, String sql, Collection<String> tables) {
        bulkMutations.check(sql, tables);
        if (nativeAttribution != null) {
            nativeAttribution.mutation(session, tables);
        }
    }

    /** Before Hibernate writes an entity that is not captured here: attributes a natively versioned one's transaction. */
    void uncapturedWrite(EntityPersister persister, SharedSessionContractImplementor session) {
        if (nativeAttribution != null) {
            nativeAttribution.entityWrite(persister, session);
        }
    }

    CaptureRegistry captures() {
        return captures;
    }

    /**
     * The unit of work of the session's transaction, opened (and registered to be written at its
     * completion) by the first versioned change.
     *
     * @throws VersioningException when the session has no transaction in progress
     */
    UnitOfWork unitOfWork(SharedSessionContractImplementor session) {
        UnitOfWork unit = units.get(session);
        if (unit == null) {
            requireTransaction(session, null, null);
            LateChanges late = lateChanges.get(session);
            if (late == null) {
                late = new LateChanges(this, session);
                lateChanges.put(session, late);
                session.getTransactionCoordinator().addObserver(late);
            } else {
                late.checkOpen();
            }
            unit = new UnitOfWork(this);
            units.put(session, unit);
            session.getTransactionCompletionCallbacks().registerCallback((BeforeCompletionCallback) unit);
            session.getTransactionCompletionCallbacks().registerCallback((AfterCompletionCallback) unit);
        }
        return unit;
    }

    /**
     * Refuses a write of a versioned entity when the session has no transaction of Hibernate's
     * (begun through the session, or joined JTA) in progress: its version would not be written,
     * and on an autocommit connection the live row would be committed at once without it.
     *
     * @param persister the entity written, or null when not known
     * @param id its identifier, or null when not known yet (a generated one)
     * @throws VersioningException when there is no transaction
     */
    static void requireTransaction(SharedSessionContractImplementor session, EntityPersister persister, Object id) {
        if (session.isOpenOrWaitingForAutoClose() && session.getTransactionCoordinator().isTransactionActive()) {
            return;
        }
        String entity = persister == null ? "A versioned entity"
                : "Versioned entity " + persister.getEntityName() + (id == null ? "" : " #" + id);
        throw new VersioningException(entity + " was written outside a transaction, so its version could not be "
                + "recorded with it; nothing was written. Write versioned entities inside a transaction begun through "
                + "the session (session.beginTransaction() or SessionFactory.inTransaction / inStatelessTransaction, "
                + "EntityManager.getTransaction().begin(), or a joined JTA transaction); a StatelessSession opened on "
                + "a connection of its own must begin its transaction through the session as well", null);
    }

    /**
     * Writes the history of a completing transaction, unless it was written already (a callback
     * left over from an earlier transaction); later changes of the session open a new unit of
     * work, which {@link LateChanges} writes.
     */
    void write(UnitOfWork unit, SharedSessionContractImplementor session) {
        if (units.remove(session, unit)) {
            history.write(unit, session);
        }
    }

    /**
     * Under {@code continuum.write_at=flush}, after each flush of the session: writes the versions
     * of what it flushed, if it flushed any versioned change.
     */
    void flushed(SharedSessionContractImplementor session) {
        UnitOfWork unit = units.get(session);
        if (unit != null) {
            history.writeFlushed(unit, session, false);
        }
    }

    /** Writes the changes the session recorded since its history was last written, if any. */
    void writePending(SharedSessionContractImplementor session) {
        UnitOfWork pending = units.get(session);
        if (pending != null) {
            write(pending, session);
        }
    }

    void release(SharedSessionContractImplementor session) {
        units.remove(session);
    }

    /** Forgets the session's transaction once it completed. */
    void completed(SharedSessionContractImplementor session, LateChanges late) {
        units.remove(session);
        lateChanges.remove(session, late);
        session.getTransactionCoordinator().removeObserver(late);
    }
}
