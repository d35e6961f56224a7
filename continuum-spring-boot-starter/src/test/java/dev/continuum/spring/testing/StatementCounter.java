package dev.continuum.spring.testing;

import org.hibernate.resource.jdbc.spi.StatementInspector;

import java.util.ArrayList;
import java.util.List;

/**
 * Records the SQL statements Hibernate and Continuum prepare on the current thread, for tests that
 * assert which statements a call issues. Installed with
 * {@code spring.jpa.properties.hibernate.session_factory.statement_inspector}.
 */
public final class StatementCounter implements StatementInspector {

    private static final long serialVersionUID = 1L;
    private static final ThreadLocal<List<String>> STATEMENTS = ThreadLocal.withInitial(ArrayList::new);

    @Override
    public String inspect(String sql) {
        STATEMENTS.get().add(sql);
        return sql;
    }

    /** Forgets the statements recorded so far on this thread. */
    public static void reset() {
        STATEMENTS.get().clear();
    }

    /** The statements recorded on this thread since the last {@link #reset()}. */
    public static List<String> statements() {
        return List.copyOf(STATEMENTS.get());
    }
}
