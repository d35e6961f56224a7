package dev.continuum.clusters.testing;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.PersistenceConfiguration;
import org.hibernate.Session;
import org.hibernate.jpa.HibernatePersistenceProvider;

import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Persistence units on one server, built the way an application instance builds its own, and
 * transactions through them.
 */
public final class Units {

    private Units() {
    }

    /**
     * A persistence unit of {@code entities} on {@code endpoint}; the caller closes it.
     *
     * @param schema Hibernate's schema action ({@code create}, {@code update}, {@code none}, ...)
     * @param extra further properties
     */
    public static EntityManagerFactory build(Jdbc.Endpoint endpoint, String schema, List<Class<?>> entities,
            Map<String, ?> extra) {
        PersistenceConfiguration configuration = new PersistenceConfiguration("continuum-" + endpoint.name())
                .provider(HibernatePersistenceProvider.class.getName())
                .property(PersistenceConfiguration.JDBC_URL, endpoint.url())
                .property(PersistenceConfiguration.JDBC_USER, endpoint.user())
                .property(PersistenceConfiguration.JDBC_PASSWORD, endpoint.password())
                .property("hibernate.connection.pool_size", "8")
                .property("hibernate.jdbc.batch_size", "50")
                .property("hibernate.order_inserts", "true")
                .property("hibernate.order_updates", "true")
                .property("hibernate.hbm2ddl.auto", schema);
        entities.forEach(configuration::managedClass);
        extra.forEach(configuration::property);
        return configuration.createEntityManagerFactory();
    }

    /** Runs work in a transaction of its own entity manager, committed at the end. */
    public static void run(EntityManagerFactory emf, Consumer<EntityManager> work) {
        call(emf, em -> {
            work.accept(em);
            return null;
        });
    }

    /** Runs work in a transaction of its own entity manager, committed at the end, and returns its result. */
    public static <T> T call(EntityManagerFactory emf, Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
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
     * Runs work in a read-only transaction ({@code set transaction read only} on its connection,
     * entities loaded read-only), rolled back at the end: what a read on a replica looks like.
     */
    public static <T> T readOnly(EntityManagerFactory emf, Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            Session session = em.unwrap(Session.class);
            session.setDefaultReadOnly(true);
            session.doWork(connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("set transaction read only");
                }
            });
            return work.apply(em);
        } finally {
            if (tx.isActive()) {
                tx.rollback();
            }
            em.close();
        }
    }
}
