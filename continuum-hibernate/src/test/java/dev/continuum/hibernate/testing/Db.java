package dev.continuum.hibernate.testing;

import dev.continuum.VersionHistory;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.PersistenceConfiguration;
import org.hibernate.SessionFactory;
import org.hibernate.jpa.HibernatePersistenceProvider;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One test database with a persistence unit of the test class's entities: transactions through
 * JPA, and plain JDBC to look at what was really written.
 */
public final class Db implements AutoCloseable {

    private final TestDatabase database;
    private final TestDatabase.Connectivity connectivity;
    private final List<Class<?>> entities;
    private final Map<String, Object> properties;
    private final EntityManagerFactory emf;

    Db(TestDatabase database, TestDatabase.Connectivity connectivity, List<Class<?>> entities,
            Map<String, Object> properties) {
        this.database = database;
        this.connectivity = connectivity;
        this.entities = entities;
        this.properties = properties;
        this.emf = build(Map.of("hibernate.hbm2ddl.auto", "create-drop"), entities);
    }

    public TestDatabase database() {
        return database;
    }

    public EntityManagerFactory emf() {
        return emf;
    }

    public SessionFactory sessionFactory() {
        return emf.unwrap(SessionFactory.class);
    }

    /**
     * Builds another persistence unit on this database; the caller closes it.
     *
     * @param extra properties on top of this test class's
     * @param managed the managed classes
     */
    public EntityManagerFactory build(Map<String, ?> extra, List<Class<?>> managed) {
        return configuration(extra, managed).createEntityManagerFactory();
    }

    /**
     * The configuration of another persistence unit on this database, as {@link #build} starts it.
     *
     * @param extra properties on top of this test class's
     * @param managed the managed classes
     */
    public PersistenceConfiguration configuration(Map<String, ?> extra, List<Class<?>> managed) {
        PersistenceConfiguration configuration = new PersistenceConfiguration("continuum-test")
                .provider(HibernatePersistenceProvider.class.getName())
                .property(PersistenceConfiguration.JDBC_URL, connectivity.url())
                .property(PersistenceConfiguration.JDBC_USER, connectivity.user())
                .property(PersistenceConfiguration.JDBC_PASSWORD,
                        connectivity.password() == null ? "" : connectivity.password())
                .property("hibernate.connection.pool_size", "12")
                .property("hibernate.jdbc.batch_size", "50")
                .property("hibernate.order_inserts", "true")
                .property("hibernate.order_updates", "true")
                .property("hibernate.hbm2ddl.auto", "create-drop");
        managed.forEach(configuration::managedClass);
        properties.forEach(configuration::property);
        extra.forEach(configuration::property);
        return configuration;
    }

    /** Builds another persistence unit of this test class's entities with extra properties. */
    public EntityManagerFactory build(Map<String, ?> extra) {
        return build(extra, entities);
    }

    /** Empties every mapped table, version tables and the transaction table included. */
    void clear() {
        emf.getSchemaManager().truncate();
    }

    /** Runs work in a transaction of its own entity manager, committed at the end. */
    public void run(Consumer<EntityManager> work) {
        inTransaction(em -> {
            work.accept(em);
            return null;
        });
    }

    /** Runs work in a transaction of its own entity manager, committed at the end, and returns its result. */
    public <T> T inTransaction(Function<EntityManager, T> work) {
        return inTransaction(emf, work);
    }

    public static <T> T inTransaction(EntityManagerFactory factory, Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            T result = work.apply(em);
            tx.commit();
            return result;
        } catch (RuntimeException | Error e) {
            if (tx.isActive()) {
                tx.rollback();
            }
            throw e;
        } finally {
            em.close();
        }
    }

    /**
     * Reads history through an entity manager of its own, outside any transaction, closed when
     * {@code work} returns: what {@code work} returns was read while it was open.
     */
    public <R> R read(Function<VersionHistory, R> work) {
        EntityManager em = emf.createEntityManager();
        try {
            return work.apply(VersionHistory.of(em));
        } finally {
            em.close();
        }
    }

    /** Rows of a query run over plain JDBC, as maps from lower-case column label to value. */
    public List<Map<String, Object>> rows(String sql, Object... parameters) {
        try (Connection connection = connectivity.connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Runs a statement over plain JDBC. */
    public int execute(String sql) {
        try (Connection connection = connectivity.connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The number of rows of a table. */
    public long count(String table) {
        return ((Number) rows("select count(*) as n from " + table).get(0).get("n")).longValue();
    }

    /** A plain JDBC connection to this database; the caller closes it. */
    public Connection connect() throws SQLException {
        return connectivity.connect();
    }

    @Override
    public void close() {
        emf.close();
    }
}
