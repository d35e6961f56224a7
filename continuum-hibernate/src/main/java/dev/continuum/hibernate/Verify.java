package dev.continuum.hibernate;

import dev.continuum.ContinuumException;
import dev.continuum.HistoryAdmin;
import dev.continuum.IntegrityReport;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.entity.EntityPersister;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The check of a history against its hashes (tamper evidence, {@code continuum.integrity=hash-chain})
 * from the command line, for scripts and schedulers: exit status 0 when the history is intact, 1
 * when a link is broken, 2 when the check could not run.
 *
 * <pre>
 * java -cp app.jar:libs/* dev.continuum.hibernate.Verify &lt;persistence-unit&gt; [--seal] [--entity &lt;class&gt; &lt;id&gt;] [property=value ...]
 * </pre>
 *
 * The persistence unit is started from its {@code persistence.xml} with the properties given
 * (for example {@code jakarta.persistence.jdbc.url=...}), never touching the schema. {@code --seal}
 * also writes a seal when the history is intact; {@code --entity} checks one entity's history.
 * One line goes to standard output: {@code INTACT ...} with the last seal's digest, or
 * {@code BROKEN ...} with the first broken link.
 */
public final class Verify {

    private Verify() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns its exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].startsWith("-")) {
            err.println("usage: Verify <persistence-unit> [--seal] [--entity <class> <id>] [property=value ...]");
            return 2;
        }
        Map<String, Object> properties = new HashMap<>();
        List<String> options = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            if (equals > 0 && !args[i].startsWith("-")) {
                properties.put(args[i].substring(0, equals), args[i].substring(equals + 1));
            } else {
                options.add(args[i]);
            }
        }
        properties.put("jakarta.persistence.schema-generation.database.action", "none");
        properties.put("hibernate.hbm2ddl.auto", "none");
        EntityManagerFactory factory;
        try {
            factory = Persistence.createEntityManagerFactory(args[0], properties);
        } catch (RuntimeException e) {
            err.println("Could not start persistence unit " + args[0] + ": " + e.getMessage());
            return 2;
        }
        try {
            return run(factory, options, out, err);
        } finally {
            factory.close();
        }
    }

    /**
     * Checks the history of {@code factory}'s persistence unit as the options say ({@code --seal},
     * {@code --entity <class> <id>}), prints one line of result to {@code out}; returns the exit status.
     */
    public static int run(EntityManagerFactory factory, List<String> options, PrintStream out, PrintStream err) {
        try {
            HistoryAdmin admin = HistoryAdmin.of(factory);
            IntegrityReport report;
            int entity = options.indexOf("--entity");
            if (entity >= 0) {
                if (entity + 2 >= options.size()) {
                    err.println("--entity needs the entity class and the identifier");
                    return 2;
                }
                Class<?> type = Class.forName(options.get(entity + 1), false,
                        Thread.currentThread().getContextClassLoader());
                report = admin.verify(type, identifier(factory, type, options.get(entity + 2)));
            } else if (options.contains("--seal")) {
                report = admin.seal(Duration.ofMinutes(1));
            } else {
                report = admin.verify();
            }
            out.println(describe(report));
            return report.intact() ? 0 : 1;
        } catch (ContinuumException | ClassNotFoundException | IllegalArgumentException e) {
            err.println("The check could not run: " + e.getMessage());
            return 2;
        }
    }

    private static Object identifier(EntityManagerFactory factory, Class<?> type, String text) {
        EntityPersister persister = factory.unwrap(SessionFactoryImplementor.class).getMappingMetamodel()
                .getEntityDescriptor(type);
        return persister.getIdentifierMapping().getJavaType().fromString(text);
    }

    private static String describe(IntegrityReport report) {
        String counts = report.versions() + " versions, " + report.transactions() + " transactions checked";
        String seal = report.lastSeal().map(s -> "; last seal " + s.digest() + " up to transaction "
                + s.lastTransactionId()).orElse("; no seal");
        return report.brokenLink().map(link -> "BROKEN " + link + " (" + counts + ")")
                .orElse("INTACT " + counts + seal);
    }
}
