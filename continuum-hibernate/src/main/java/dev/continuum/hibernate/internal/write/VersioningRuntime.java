package dev.continuum.hibernate.internal.write;

import dev.continuum.ChangeContext;
import dev.continuum.VersioningException;
import dev.continuum.hibernate.internal.integrity.Integrity;
import dev.continuum.hibernate.internal.model.ContinuumService;
import dev.continuum.hibernate.internal.model.VersionModel;
import dev.continuum.spi.TransactionContextProvider;

import org.hibernate.dialect.Dialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.engine.spi.TransactionCompletionCallbacks.AfterCompletionCallback;
import org.hibernate.engine.spi.TransactionCompletionCallbacks.BeforeCompletionCallback;
import org.hibernate.persister.entity.EntityPersister;

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
    private final Map<SharedSessionContractImplementor, UnitOfWork> units = new ConcurrentHashMap<>();

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
        this.history = new HistoryWriter(strategy, new TransactionRow(strategy.transactionId(), model.names(), dialect,
                factory.getTypeConfiguration(), contextProvider), Integrity.of(factory, model).orElse(null));
    }

    @Override
    public void recreated(SharedSessionContractImplementor session, EntityPersister persister, Object id) {
        unitOfWork(session).recreated(session.generateEntityKey(id, persister));
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
            if (!session.isTransactionInProgress()) {
                throw new VersioningException("A versioned entity was written outside a transaction, so its version "
                        + "cannot be recorded atomically with it; write versioned entities inside a transaction", null);
            }
            unit = new UnitOfWork(this);
            units.put(session, unit);
            session.getTransactionCompletionCallbacks().registerCallback((BeforeCompletionCallback) unit);
            session.getTransactionCompletionCallbacks().registerCallback((AfterCompletionCallback) unit);
        }
        return unit;
    }

    /** Writes the history of a completing transaction; later changes of the session open a new unit of work. */
    void write(UnitOfWork unit, SharedSessionContractImplementor session) {
        units.remove(session);
        history.write(unit, session);
    }

    void release(SharedSessionContractImplementor session) {
        units.remove(session);
    }
}
