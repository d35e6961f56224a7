package dev.continuum.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.continuum.bench.harness.Database;
import dev.continuum.bench.harness.PrefixNamingStrategy;
import dev.continuum.bench.model.BenchArticle;
import dev.continuum.bench.model.Status;
import dev.continuum.bench.model.continuum.ContinuumModel;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cost of tamper evidence for concurrent writers: several threads, each updating articles of
 * its own, one article per transaction, as fast as they can, with Continuum as it is (C) and with
 * {@code continuum.integrity=hash-chain} (CH), the two taking turns in one JVM. Prints the
 * throughput of each round and the median of the per-round ratios CH/C.
 *
 * <pre>java -cp continuum-bench/target/benchmarks.jar dev.continuum.bench.IntegrityThroughput &lt;db&gt; [threads] [rounds] [seconds]</pre>
 */
public final class IntegrityThroughput {

    private static final int ARTICLES_PER_THREAD = 20;

    private IntegrityThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Database database = Database.named(args.length > 0 ? args[0] : "h2");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        double seconds = args.length > 3 ? Double.parseDouble(args[3]) : 3;
        try (Unit plain = new Unit(database, "c_", "none", threads);
                Unit hashed = new Unit(database, "ch_", "hash-chain", threads)) {
            plain.measure(1);
            hashed.measure(1);
            double[] ratios = new double[rounds];
            System.out.printf(Locale.ROOT, "%s, %d threads, %d rounds of %.0f s (updates per second)%n",
                    database.name().toLowerCase(Locale.ROOT), threads, rounds, seconds);
            for (int round = 0; round < rounds; round++) {
                double c = plain.measure(seconds);
                double ch = hashed.measure(seconds);
                ratios[round] = ch / c;
                System.out.printf(Locale.ROOT, "round %d: C %.0f, CH %.0f, CH/C %.2f%n", round + 1, c, ch, ratios[round]);
            }
            Arrays.sort(ratios);
            System.out.printf(Locale.ROOT, "median CH/C %.2f (quartiles %.2f - %.2f)%n", ratios[rounds / 2],
                    ratios[rounds / 4], ratios[(3 * rounds) / 4]);
        }
    }

    /** One persistence unit with its articles, and the writers that update them. */
    private static final class Unit implements AutoCloseable {
        private final HikariDataSource pool;
        private final EntityManagerFactory factory;
        private final int threads;
        private final List<List<Long>> articles = new ArrayList<>();

        Unit(Database database, String prefix, String integrity, int threads) {
            this.threads = threads;
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(database.url());
            config.setUsername(database.user());
            config.setPassword(database.password());
            config.setMaximumPoolSize(threads + 2);
            this.pool = new HikariDataSource(config);
            ContinuumModel model = new ContinuumModel();
            HibernatePersistenceConfiguration configuration = new HibernatePersistenceConfiguration("integrity-" + prefix)
                    .property("hibernate.connection.datasource", pool)
                    .property("hibernate.physical_naming_strategy", new PrefixNamingStrategy(prefix))
                    .property("hibernate.jdbc.batch_size", "50")
                    .property("hibernate.hbm2ddl.auto", "create-drop")
                    .property("continuum.transaction_sequence", prefix + "transaction_id_seq")
                    .property("continuum.undo_table", prefix + "continuum_undo")
                    .property("continuum.transaction_table", prefix + "transaction")
                    .property("continuum.integrity", integrity)
                    .property("hibernate.integration.envers.enabled", "false");
            model.managedClasses().forEach(configuration::managedClass);
            this.factory = configuration.createEntityManagerFactory();
            for (int t = 0; t < threads; t++) {
                List<Long> ids = new ArrayList<>();
                EntityManager em = factory.createEntityManager();
                em.getTransaction().begin();
                for (int i = 0; i < ARTICLES_PER_THREAD; i++) {
                    BenchArticle article = model.newArticle("title " + i, "body " + i, Status.DRAFT);
                    em.persist(article);
                    em.flush();
                    ids.add(article.getId());
                }
                em.getTransaction().commit();
                em.close();
                articles.add(ids);
            }
        }

        /** Updates per second of all threads together over {@code seconds}. */
        double measure(double seconds) throws InterruptedException {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong updates = new AtomicLong();
            AtomicLong failures = new AtomicLong();
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<Long> own = articles.get(t);
                Class<? extends BenchArticle> type = new ContinuumModel().articleType();
                Thread writer = new Thread(() -> {
                    int i = 0;
                    while (!stop.get()) {
                        Long id = own.get(i++ % own.size());
                        EntityManager em = factory.createEntityManager();
                        try {
                            em.getTransaction().begin();
                            BenchArticle article = em.find(type, id);
                            article.setTitle("t" + i);
                            em.getTransaction().commit();
                            updates.incrementAndGet();
                        } catch (RuntimeException e) {
                            failures.incrementAndGet();
                            if (em.getTransaction().isActive()) {
                                em.getTransaction().rollback();
                            }
                        } finally {
                            em.close();
                        }
                    }
                });
                writers.add(writer);
            }
            long start = System.nanoTime();
            writers.forEach(Thread::start);
            Thread.sleep((long) (seconds * 1000));
            stop.set(true);
            for (Thread writer : writers) {
                writer.join();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (failures.get() > 0) {
                System.out.printf(Locale.ROOT, "  (%d transactions failed and were not counted)%n", failures.get());
            }
            return updates.get() / elapsed;
        }

        @Override
        public void close() {
            factory.close();
            pool.close();
        }
    }
}
