package dev.continuum.bench.harness;

import dev.continuum.bench.model.BenchArticle;
import dev.continuum.bench.model.BenchModel;
import dev.continuum.bench.model.Status;
import jakarta.persistence.EntityManager;

import java.util.ArrayList;
import java.util.List;

/**
 * The write workloads, one method per benchmark operation, shared by the JMH benchmarks and the
 * statement-count run so that both measure exactly the same work. Each operation is one database
 * transaction.
 */
public final class Workloads {

    /** Articles written per transaction by the insert, update and delete workloads. */
    public static final int ARTICLES_PER_TRANSACTION = 100;
    /** Articles seeded for the update workloads, updated round after round. */
    public static final int ARTICLE_POOL = 1000;
    /** Tags seeded per iteration; every article gets two of them. */
    public static final int TAG_POOL = 10;

    private static final String BODY = body();

    private Workloads() {
    }

    /** Creates the tag pool in one transaction and returns the tags' ids. */
    public static List<Long> seedTags(BenchUnit unit) {
        BenchModel model = unit.model();
        return unit.fromTransaction(em -> {
            List<Object> tags = new ArrayList<>();
            for (int i = 0; i < TAG_POOL; i++) {
                Object tag = model.newTag("tag-" + i);
                em.persist(tag);
                tags.add(tag);
            }
            List<Long> ids = tags.stream().map(model::tagId).toList();
            unit.floor().ifPresent(floor -> floor.insertedTags(em, ids));
            return ids;
        });
    }

    /**
     * Inserts articles in transactions of {@link #ARTICLES_PER_TRANSACTION}, outside any measurement,
     * and returns their ids in insertion order.
     */
    public static List<Long> seedArticles(BenchUnit unit, int count, List<Long> tagIds) {
        List<Long> ids = new ArrayList<>(count);
        for (int done = 0; done < count; done += ARTICLES_PER_TRANSACTION) {
            int batch = Math.min(ARTICLES_PER_TRANSACTION, count - done);
            long first = done;
            ids.addAll(unit.fromTransaction(em -> insert(unit, em, batch, first, tagIds)));
        }
        return ids;
    }

    /**
     * W1: one transaction inserting {@link #ARTICLES_PER_TRANSACTION} articles, each with two new
     * comments (persisted by cascade) and two existing tags (references: no query loads them).
     *
     * @param sequence a running number, to vary titles and the tags chosen
     */
    public static List<Long> insertArticles(BenchUnit unit, List<Long> tagIds, long sequence) {
        return unit.fromTransaction(em -> insert(unit, em, ARTICLES_PER_TRANSACTION,
                sequence * ARTICLES_PER_TRANSACTION, tagIds));
    }

    private static List<Long> insert(BenchUnit unit, EntityManager em, int count, long first, List<Long> tagIds) {
        BenchModel model = unit.model();
        List<BenchArticle> articles = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long n = first + i;
            BenchArticle article = model.newArticle("Article " + n, BODY, Status.DRAFT);
            model.addComment(article, "First comment on " + n);
            model.addComment(article, "Second comment on " + n);
            int tag = (int) (n % tagIds.size());
            model.addTag(article, em.getReference(model.tagType(), tagIds.get(tag)));
            model.addTag(article, em.getReference(model.tagType(), tagIds.get((tag + 1) % tagIds.size())));
            em.persist(article);
            articles.add(article);
        }
        // Ids come from the sequence at persist; no flush is needed before the commit.
        List<Long> ids = articles.stream().map(BenchArticle::getId).toList();
        unit.floor().ifPresent(floor -> floor.inserted(em, ids, commentIds(em, model, articles)));
        return ids;
    }

    /**
     * W5: one transaction running one bulk {@code update Article set title = ...} over every article
     * (Hibernate's events do not see it: only native versioning records it). Returns the rows updated.
     *
     * @param round a running number, so that every round writes a new title
     */
    public static int bulkUpdate(BenchUnit unit, long round) {
        return unit.fromTransaction(em -> em.createQuery("update Article a set a.title = :title")
                .setParameter("title", "Bulk round " + round).executeUpdate());
    }

    /**
     * W2: one transaction loading the given articles with one query and changing the title and
     * status of each.
     *
     * @param round a running number, so that every round writes a new title
     */
    public static void updateArticles(BenchUnit unit, List<Long> ids, long round) {
        BenchModel model = unit.model();
        unit.inTransaction(em -> {
            List<? extends BenchArticle> articles = em.createQuery(
                            "select a from Article a where a.id in :ids", model.articleType())
                    .setParameter("ids", ids)
                    .getResultList();
            for (BenchArticle article : articles) {
                edit(article, round);
            }
            unit.floor().ifPresent(floor -> floor.updated(em, ids));
        });
    }

    /** W3: one transaction loading one article by id and changing its title and status. */
    public static void updateArticle(BenchUnit unit, Long id, long round) {
        BenchModel model = unit.model();
        unit.inTransaction(em -> {
            edit(em.find(model.articleType(), id), round);
            unit.floor().ifPresent(floor -> floor.updated(em, List.of(id)));
        });
    }

    private static void edit(BenchArticle article, long round) {
        article.setTitle("Article " + article.getId() + ", revision " + round);
        article.setStatus(article.getStatus().next());
    }

    /**
     * W4: one transaction loading the given articles with their comments and tags in one query and
     * removing them. Comments are removed first, then the articles (their tag links go with them):
     * cascading the removal would interleave comment and article deletes, and every change of
     * statement ends a JDBC batch, which would make all variants pay one round trip per article.
     */
    public static void deleteArticles(BenchUnit unit, List<Long> ids) {
        BenchModel model = unit.model();
        unit.inTransaction(em -> {
            List<? extends BenchArticle> articles = em.createQuery(
                            "select a from Article a left join fetch a.comments left join fetch a.tags"
                                    + " where a.id in :ids", model.articleType())
                    .setParameter("ids", ids)
                    .getResultList();
            unit.floor().ifPresent(floor -> floor.deleted(em, ids, commentIds(em, model, articles)));
            for (BenchArticle article : articles) {
                model.comments(article).forEach(em::remove);
            }
            articles.forEach(em::remove);
        });
    }

    /** The ids of the articles' comments, for the floor, which writes their versions by key. */
    private static List<Long> commentIds(EntityManager em, BenchModel model, List<? extends BenchArticle> articles) {
        List<Long> ids = new ArrayList<>();
        for (BenchArticle article : articles) {
            for (Object comment : model.comments(article)) {
                ids.add((Long) em.getEntityManagerFactory().getPersistenceUnitUtil().getIdentifier(comment));
            }
        }
        return ids;
    }

    /** A body of 500 characters, the same for every article. */
    private static String body() {
        return "Version history is a feature of the data, not an afterthought of the application. "
                .repeat(7).substring(0, 500);
    }
}
