package dev.continuum.hibernate.internal.write;

import dev.continuum.VersioningException;

import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.resource.transaction.spi.TransactionObserver;

/**
 * Records the versioned changes a session flushes after its history was written, while its
 * transaction completes: a {@code Synchronization.beforeCompletion} or an
 * {@code Interceptor.beforeTransactionCompletion} that changes and flushes entities runs after
 * the unit of work was written (Hibernate runs the session's completion callbacks first). As a
 * transaction observer it runs after both, still before the commit, and writes what they flushed
 * as a transaction row of its own in the same database transaction. A versioned change flushed
 * after it (by an observer registered later) fails the transaction rather than commit without
 * its version. One per session and transaction, from its first versioned change to its completion.
 */
final class LateChanges implements TransactionObserver {

    private final VersioningRuntime runtime;
    private final SharedSessionContractImplementor session;
    private volatile boolean written;

    LateChanges(VersioningRuntime runtime, SharedSessionContractImplementor session) {
        this.runtime = runtime;
        this.session = session;
    }

    /**
     * Refuses a versioned change once the last history of the transaction was written.
     *
     * @throws VersioningException when the history of the transaction was written already
     */
    void checkOpen() {
        if (written) {
            throw new VersioningException("A versioned entity was flushed after Continuum wrote the history of this "
                    + "transaction (by a transaction observer that completes after it), so its version could not be "
                    + "recorded; the transaction is rolled back. Flush changes before the transaction commits: in the "
                    + "transaction itself, a Synchronization.beforeCompletion or an "
                    + "Interceptor.beforeTransactionCompletion", null);
        }
    }

    @Override
    public void afterBegin() {
        // registered by a change inside the transaction, after it began
    }

    @Override
    public void beforeCompletion() {
        runtime.writePending(session);
        written = true;
    }

    @Override
    public void afterCompletion(boolean successful, boolean delayed) {
        runtime.completed(session, this);
    }
}
