package dev.continuum.hibernate.testing;

import org.hibernate.resource.jdbc.spi.StatementInspector;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts the SQL statements Hibernate and Continuum prepare, for tests that assert statement
 * counts. Configure with {@code hibernate.session_factory.statement_inspector=} this class; the
 * count is per thread.
 */
public final class StatementCounter implements StatementInspector {

    private static final long serialVersionUID = 1L;
    private static final ThreadLocal<List<String>> STATEMENTS = ThreadLocal.withInitial(ArrayList::new);

    /** The property that installs this inspector. */
    public static final String PROPERTY = "hibernate.session_factory.statement_inspector="
            + "dev.continuum.hibernate.testing.StatementCounter";

    @Override
    public String inspect(String sql) {
        STATEMENTS.get().add(sql);
        return sql;
    }

    /** Forgets the statements counted so far on this thread. */
    public static void reset() {
        STATEMENTS.get().clear();
    }

    /** The statements prepared on this thread since the last {@link #reset()}. */
    public static List<String> statements() {
        return List.copyOf(STATEMENTS.get());
    }
}
