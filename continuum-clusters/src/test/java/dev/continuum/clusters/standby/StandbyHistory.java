package dev.continuum.clusters.standby;

import dev.continuum.ChangeContext;
import dev.continuum.clusters.testing.HotStandby;
import dev.continuum.clusters.testing.Jdbc;
import dev.continuum.clusters.testing.Units;
import jakarta.persistence.EntityManagerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A history written on the primary and replayed by the standby, with a persistence unit on each:
 * the primary's creates the schema, the standby's only reads ({@code hbm2ddl none}).
 *
 * <ol>
 * <li>t1: authors Ada and Bob, tags java, sql and ops; article 1 "First draft" (DRAFT, by Ada,
 *     tagged java) and article 2 "Second" (DRAFT, by Bob);</li>
 * <li>t2: article 1 becomes "Better title", PUBLISHED, tagged java and sql; comment 1 "Nice" on it;</li>
 * <li>t3: article 1 moves to Bob and loses java; comment 2 "Agreed"; Ada becomes "Ada L.";</li>
 * <li>t4: article 2 is deleted;</li>
 * <li>t5: article 1 is ARCHIVED.</li>
 * </ol>
 * {@code after[n]} is an instant between transaction n and the next.
 */
final class StandbyHistory implements AutoCloseable {

    static final List<Class<?>> MODEL = List.of(Article.class, Author.class, Tag.class, Comment.class,
            ArticleVersion.class, AuthorVersion.class, TagVersion.class, CommentVersion.class);

    final EntityManagerFactory primary;
    final EntityManagerFactory standby;
    final long[] tx = new long[6];
    final Instant[] after = new Instant[6];

    StandbyHistory() {
        HotStandby.requireStreaming();
        primary = Units.build(HotStandby.primary(), "create", MODEL, Map.of());
        step(1, () -> Units.run(primary, em -> {
            Author ada = new Author(1, "Ada");
            Author bob = new Author(2, "Bob");
            Tag java = new Tag(1, "java");
            em.persist(ada);
            em.persist(bob);
            em.persist(java);
            em.persist(new Tag(2, "sql"));
            em.persist(new Tag(3, "ops"));
            Article first = new Article(1, "First draft", Status.DRAFT, ada);
            first.getTags().add(java);
            em.persist(first);
            em.persist(new Article(2, "Second", Status.DRAFT, bob));
        }));
        step(2, () -> Units.run(primary, em -> {
            Article first = em.find(Article.class, 1L);
            first.setTitle("Better title");
            first.setStatus(Status.PUBLISHED);
            first.getTags().add(em.find(Tag.class, 2L));
            em.persist(new Comment(1, "Nice", first));
        }));
        step(3, () -> Units.run(primary, em -> {
            Article first = em.find(Article.class, 1L);
            first.setAuthor(em.find(Author.class, 2L));
            first.getTags().remove(em.find(Tag.class, 1L));
            em.persist(new Comment(2, "Agreed", first));
            em.find(Author.class, 1L).setName("Ada L.");
        }));
        step(4, () -> Units.run(primary, em -> em.remove(em.find(Article.class, 2L))));
        step(5, () -> Units.run(primary, em -> em.find(Article.class, 1L).setStatus(Status.ARCHIVED)));
        HotStandby.catchUp();
        standby = Units.build(HotStandby.standby(), "none", MODEL, Map.of());
    }

    private void step(int n, Runnable transaction) {
        ChangeContext.run("user" + n, null, transaction);
        tx[n] = Jdbc.with(HotStandby.primary(), c -> Jdbc.number(c, "select max(id) from transaction"));
        try {
            Thread.sleep(5);
            after[n] = Instant.now();
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        standby.close();
        primary.close();
    }
}
