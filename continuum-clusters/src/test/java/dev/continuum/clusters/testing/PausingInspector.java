package dev.continuum.clusters.testing;

import org.hibernate.resource.jdbc.spi.StatementInspector;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds a transaction in the middle of writing its history: when armed, the first statement
 * whose SQL starts with a given text waits, before it is prepared, until {@link #release()}.
 * Continuum passes its own statements through the session's inspector, so a pause before the
 * first version insert falls after the transaction row (and its id) and before the commit.
 */
public final class PausingInspector implements StatementInspector {

    private static final long serialVersionUID = 1L;

    private final String prefix;
    private volatile CountDownLatch reached;
    private volatile CountDownLatch released;

    /** Pauses statements that start with {@code prefix} (case-insensitive), once armed. */
    public PausingInspector(String prefix) {
        this.prefix = prefix.toLowerCase(Locale.ROOT);
    }

    /** Makes the next matching statement wait. */
    public void arm() {
        reached = new CountDownLatch(1);
        released = new CountDownLatch(1);
    }

    /** Waits until a statement has been paused. */
    public void awaitPaused() throws InterruptedException {
        if (!reached.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no statement starting with '" + prefix + "' was reached");
        }
    }

    /** Lets the paused statement go on. */
    public void release() {
        CountDownLatch latch = released;
        released = null;
        if (latch != null) {
            latch.countDown();
        }
    }

    @Override
    public String inspect(String sql) {
        CountDownLatch wait = released;
        if (wait != null && reached.getCount() > 0 && sql.toLowerCase(Locale.ROOT).startsWith(prefix)) {
            reached.countDown();
            try {
                if (!wait.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the paused statement was not released within 60 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return sql;
    }
}
