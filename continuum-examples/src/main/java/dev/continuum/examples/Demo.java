package dev.continuum.examples;

import dev.continuum.ChangeContext;
import dev.continuum.Changeset;
import dev.continuum.Version;
import dev.continuum.VersionHistory;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceConfiguration;
import org.hibernate.jpa.HibernatePersistenceProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Creates, updates and deletes a versioned article, then prints the version rows and the
 * transactions Continuum recorded. Runs on embedded H2; set {@code CONTINUUM_DEMO_URL} (with
 * {@code CONTINUUM_DEMO_USER} and {@code CONTINUUM_DEMO_PASSWORD}) to run it on PostgreSQL or
 * MariaDB instead.
 */
public final class Demo {


    private Demo() {
    }

    /**
     * Runs the demo.
     *
     * @param args ignored
     * @throws SQLException if the tables cannot be read
     */
    public static void main(String[] args) throws SQLException {
        String url = env("CONTINUUM_DEMO_URL", "jdbc:h2:mem:demo;DB_CLOSE_DELAY=-1");
        String user = env("CONTINUUM_DEMO_USER", "sa");
        String password = env("CONTINUUM_DEMO_PASSWORD", "");
        try (Connection keepAlive = DriverManager.getConnection(url, user, password);
                EntityManagerFactory emf = new PersistenceConfiguration("demo")
                        .provider(HibernatePersistenceProvider.class.getName())
                        .managedClass(Article.class)
                        .managedClass(ArticleVersion.class)
                        .property(PersistenceConfiguration.JDBC_URL, url)
                        .property(PersistenceConfiguration.JDBC_USER, user)
                        .property(PersistenceConfiguration.JDBC_PASSWORD, password)
                        .property("hibernate.hbm2ddl.auto", "create-drop")
                        .createEntityManagerFactory()) {

            Long id = ChangeContext.call("alice", "203.0.113.7", () -> {
                Article article = new Article("Continuum in ten minutes");
                article.getTags().add("java");
                transaction(emf, em -> em.persist(article));
                return article.getId();
            });
            System.out.println("alice created article " + id);

            ChangeContext.run("bob", null, () -> transaction(emf, em -> {
                Article article = em.find(Article.class, id);
                article.setTitle("Continuum in five minutes");
                article.setStatus(Article.Status.PUBLISHED);
                article.getTags().add("jpa");
            }));
            System.out.println("bob retitled and published it, and tagged it jpa");

            transaction(emf, em -> em.find(Article.class, id).setViews(1000));
            System.out.println("1000 views counted (views is excluded: no version)");

            ChangeContext.run("carol", null, () -> transaction(emf, em -> em.remove(em.find(Article.class, id))));
            System.out.println("carol deleted it");

            System.out.println();
            System.out.println("History of article " + id + " (one query, and one for the tags of all versions):");
            transaction(emf, em -> {
                for (Version<Article> version : VersionHistory.of(em).versions(Article.class, id)) {
                    System.out.printf("  #%d %-6s by %-5s %s; tags then: %s%n", version.index(), version.operation(),
                            version.transaction().userId().orElse("-"), describe(version.changeset()),
                            new TreeSet<>(version.entity().getTags()));
                }
            });

            System.out.println();
            System.out.println("JPQL over the generated ArticleVersion: when was it published?");
            transaction(emf, em -> em.createQuery("select v from ArticleVersion v where v.status = :status "
                    + "order by v.transactionId", ArticleVersion.class)
                    .setParameter("status", Article.Status.PUBLISHED)
                    .getResultList()
                    .forEach(v -> System.out.printf("  transaction %d: %s \"%s\"%n",
                            v.getTransactionId(), v.getOperation(), v.getTitle())));
            System.out.println();

            ChangeContext.run("dave", null, () -> transaction(emf, em -> {
                Version<Article> first = VersionHistory.of(em).versions(Article.class, id).get(0);
                first.revert("tags");
            }));
            transaction(emf, em -> System.out.println("dave reverted it to version #0 with its tags: it is back, "
                    + "as first written, tagged " + new TreeSet<>(em.find(Article.class, id).getTags())));

            ChangeContext.run("dave", null, () -> transaction(emf, em ->
                    VersionHistory.of(em).undo(Article.class, id)));
            System.out.println("dave undid the revert: deleted again");

            System.out.println();
            System.out.println("article_version");
            print(keepAlive, "select id, title, status, transaction_id, end_transaction_id, operation_type "
                    + "from article_version order by transaction_id");
            System.out.println("article_tag_version");
            print(keepAlive, "select article_id, tag, transaction_id, end_transaction_id, operation_type "
                    + "from article_tag_version order by transaction_id, tag");
            System.out.println("transaction");
            print(keepAlive, "select id, issued_at, user_id, remote_addr from transaction order by id");
            System.out.println("operation_type: 0 insert, 1 update, 2 delete; end_transaction_id: the transaction that "
                    + "superseded the version (empty while current)");
        }
    }

    private static String describe(Changeset<Article> changeset) {
        StringBuilder text = new StringBuilder();
        changeset.asMap().forEach((property, change) -> text.append(text.isEmpty() ? "" : ", ").append(property)
                .append(": ").append(change.oldValue().map(Object::toString).orElse("-")).append(" -> ")
                .append(change.newValue().map(Object::toString).orElse("-")));
        changeset.collections().forEach((property, change) -> text.append(text.isEmpty() ? "" : ", ").append(property)
                .append(": ").append(change.added().isEmpty() ? "" : "+" + change.added())
                .append(change.removed().isEmpty() ? "" : "-" + change.removed()));
        return text.toString();
    }

    private static void transaction(EntityManagerFactory emf, Consumer<EntityManager> work) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            work.accept(em);
            em.getTransaction().commit();
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    /** Prints a query's result as an aligned text table. */
    private static void print(Connection connection, String sql) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rs = statement.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            String[] header = new String[meta.getColumnCount()];
            for (int i = 0; i < header.length; i++) {
                header[i] = meta.getColumnLabel(i + 1).toLowerCase(java.util.Locale.ROOT);
            }
            rows.add(header);
            while (rs.next()) {
                String[] row = new String[header.length];
                for (int i = 0; i < row.length; i++) {
                    Object value = rs.getObject(i + 1);
                    row[i] = value == null ? "" : value.toString();
                }
                rows.add(row);
            }
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < widths.length; i++) {
                line.append(String.format("%-" + widths[i] + "s", rows.get(r)[i])).append(i + 1 < widths.length ? " | " : "");
            }
            System.out.println(line.toString().stripTrailing());
            if (r == 0) {
                StringBuilder rule = new StringBuilder("  ");
                for (int i = 0; i < widths.length; i++) {
                    rule.append("-".repeat(widths[i])).append(i + 1 < widths.length ? "-+-" : "");
                }
                System.out.println(rule);
            }
        }
        System.out.println();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
