package dev.continuum.bench.harness;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.continuum.bench.model.BenchModel;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;

import org.hibernate.jpa.HibernatePersistenceConfiguration;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One variant's persistence unit on one database: a connection pool, an entity manager factory
 * that knows only that variant's model, its schema (created at open, dropped at close) and the
 * statement counter Hibernate reports to.
 *
 * <p>Every variant gets the same settings but for those that select it ({@link Variant#settings()}):
 * JDBC batches of 50, ordered inserts and updates, sequences with Hibernate's default allocation
 * size, and a HikariCP pool.
 */
public final class BenchUnit implements AutoCloseable {

    private final Variant variant;
    private final Database database;
    private final HikariDataSource pool;
    private final EntityManagerFactory factory;
    private final StatementCounter statements;
    private final Floor floor;

    private BenchUnit(Variant variant, Database database, HikariDataSource pool, EntityManagerFactory factory,
            StatementCounter statements, Floor floor) {
        this.variant = variant;
        this.database = database;
        this.pool = pool;
        this.factory = factory;
        this.statements = statements;
        this.floor = floor;
    }

    /**
     * Opens the variant's unit on the database, creating its tables (after dropping any left from an
     * earlier run).
     *
     * @param jdbc when not null, also counts what reaches the driver (slower; for statement counts only)
     */
    public static BenchUnit open(Variant variant, Database database, boolean keepShapes, JdbcCounter jdbc) {
        // One benchmark thread, plus the schema tool's connection at startup and truncation.
        return open(variant, database, keepShapes, jdbc, 2);
    }

    /**
     * Opens the variant's unit as {@link #open(Variant, Database, boolean, JdbcCounter)} does, with a
     * pool of {@code connections} (at least one per thread that writes at the same time, plus one).
     */
    public static BenchUnit open(Variant variant, Database database, boolean keepShapes, JdbcCounter jdbc,
            int connections) {
        if (variant == Variant.F) {
            // The floor writes Continuum's rows, so Continuum creates its version tables and transaction
            // table first, as for C; the floor's own unit, with Continuum off, then recreates only the live tables.
            Map<String, Object> schemaSettings = new HashMap<>(variant.settings());
            schemaSettings.putAll(Floor.schemaSettings(variant.tablePrefix()));
            try (BenchUnit schema = open(Variant.C, database, schemaSettings, variant.tablePrefix(), false, null, 2)) {
                schema.factory();
            }
        }
        return open(variant, database, variant.settings(), variant.tablePrefix(), keepShapes, jdbc, connections);
    }

    /**
     * Opens variant C's unit (not the floor) with {@code extra} Continuum settings on top of the
     * variant's, for measurements of a setting (for example partitioned version tables).
     */
    public static BenchUnit open(Variant variant, Database database, Map<String, Object> extra) {
        return open(variant, database, extra, null);
    }

    /**
     * Opens the unit as {@link #open(Variant, Database, Map)} does, its connections reporting to
     * {@code jdbc} when not null. The extra settings may override the unit's own, for example
     * {@code hibernate.hbm2ddl.auto=none} for a second unit over tables another unit created.
     */
    public static BenchUnit open(Variant variant, Database database, Map<String, Object> extra, JdbcCounter jdbc) {
        Map<String, Object> settings = new HashMap<>(variant.settings());
        settings.putAll(extra);
        return open(variant, database, settings, variant.tablePrefix(), false, jdbc, 2);
    }

    private static BenchUnit open(Variant variant, Database database, Map<String, Object> settings, String prefix,
            boolean keepShapes, JdbcCounter jdbc, int connections) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.url());
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setMaximumPoolSize(connections);
        config.setPoolName("bench-" + variant.name().toLowerCase(Locale.ROOT));
        HikariDataSource pool = new HikariDataSource(config);
        try {
            DataSource dataSource = jdbc == null ? pool : jdbc.wrap(pool);
            StatementCounter statements = new StatementCounter(keepShapes);
            HibernatePersistenceConfiguration configuration =
                    new HibernatePersistenceConfiguration("bench-" + variant.name())
                            .property("hibernate.connection.datasource", dataSource)
                            .property("hibernate.physical_naming_strategy",
                                    new PrefixNamingStrategy(prefix))
                            .property("hibernate.session_factory.statement_inspector", statements)
                            .property("hibernate.jdbc.batch_size", "50")
                            .property("hibernate.order_inserts", "true")
                            .property("hibernate.order_updates", "true")
                            .property("hibernate.hbm2ddl.auto", "create-drop")
                            .property("hibernate.hbm2ddl.halt_on_error", "true")
                            .property("hibernate.show_sql", "false");
            settings.forEach(configuration::property);
            variant.model().managedClasses().forEach(configuration::managedClass);
            EntityManagerFactory factory = configuration.createEntityManagerFactory();
            Floor floor = null;
            if (variant == Variant.F) {
                try (Connection connection = pool.getConnection()) {
                    floor = Floor.open(database, statements, prefix, connection);
                } catch (SQLException e) {
                    factory.close();
                    throw new IllegalStateException("The floor's version tables could not be read", e);
                }
            }
            return new BenchUnit(variant, database, pool, factory, statements, floor);
        } catch (RuntimeException | Error e) {
            pool.close();
            throw e;
        }
    }

    /** The entity manager factory of the unit. */
    public EntityManagerFactory factory() {
        return factory;
    }

    /** The variant this unit runs. */
    public Variant variant() {
        return variant;
    }

    /** The database this unit runs on. */
    public Database database() {
        return database;
    }

    /** The variant's model. */
    public BenchModel model() {
        return variant.model();
    }

    /** The floor's history writer: present for variant F only. */
    public Optional<Floor> floor() {
        return Optional.ofNullable(floor);
    }

    /** The counter of every statement this unit's sessions prepare. */
    public StatementCounter statements() {
        return statements;
    }

    /** Runs the work in one transaction of a new entity manager, committing at the end. */
    public void inTransaction(Consumer<EntityManager> work) {
        fromTransaction(em -> {
            work.accept(em);
            return null;
        });
    }

    /** Runs the work in one transaction of a new entity manager, committing at the end, and returns its result. */
    public <T> T fromTransaction(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        EntityTransaction transaction = em.getTransaction();
        try {
            transaction.begin();
            T result = work.apply(em);
            transaction.commit();
            return result;
        } finally {
            if (transaction.isActive()) {
                transaction.rollback();
            }
            em.close();
        }
    }

    /**
     * Empties every table of the variant, version and audit tables included, so that each
     * iteration starts from the same state. Sequences are not reset: ids already handed out by
     * Hibernate's pooled generators stay unique.
     */
    public void truncate() {
        factory.getSchemaManager().truncate();
        if (floor != null) {
            try (Connection connection = pool.getConnection()) {
                floor.truncate(connection);
            } catch (SQLException e) {
                throw new IllegalStateException("The floor's version tables could not be emptied", e);
            }
        }
    }

    @Override
    public void close() {
        try {
            factory.close();
        } finally {
            pool.close();
        }
    }
}
