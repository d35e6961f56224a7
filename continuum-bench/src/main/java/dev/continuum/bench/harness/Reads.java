package dev.continuum.bench.harness;

import dev.continuum.Version;
import dev.continuum.VersionHistory;
import dev.continuum.bench.model.BenchArticle;
import dev.continuum.bench.model.BenchModel;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;
import org.hibernate.audit.AuditEntry;
import org.hibernate.audit.AuditLog;
import org.hibernate.audit.AuditLogFactory;
import org.hibernate.audit.ChangelogMapping;
import org.hibernate.envers.AuditReader;
import org.hibernate.envers.AuditReaderFactory;
import org.hibernate.envers.RevisionMapping;
import org.hibernate.envers.query.AuditEntity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read workloads, shared by the JMH benchmark, the interleaved run and the statement counts.
 * Each variant reads through its own library's documented read API; plain Hibernate keeps no
 * history and has no read workload. Each operation is one (read-only) database transaction, and
 * touches what an application would show: every version's title and time for a history, the
 * comments' texts and tags' names for one article as of a point, every title for a page.
 *
 * <ul>
 *   <li>R1, full history of one article: C {@code VersionHistory.versions(Article.class, id)};
 *       E and EV Envers' {@code forRevisionsOfEntity(Article.class, false, true)} with
 *       {@code AuditEntity.id().eq(id)}; H and HD {@code AuditLog.getHistory(Article.class, id)}.</li>
 *   <li>R2, one article as of a past point with its comments and tags: C
 *       {@code asOf(Article.class, id, tx)}; E and EV {@code AuditReader.find(Article.class, id, rev)};
 *       H and HD {@code find} in a session opened {@code atChangeset(changeset)}.</li>
 *   <li>R3, the first 100 articles (by id) as of a past point: C {@code allAsOf(Article.class, tx, 0, 100)};
 *       E and EV {@code forEntitiesAtRevision(Article.class, rev)} ordered by id, 100 results; H
 *       and HD a query {@code from Article order by id} with 100 results in a session opened
 *       {@code atChangeset(changeset)}.</li>
 * </ul>
 */
public final class Reads {

    /** The history sizes R1 reads. */
    public static final List<Integer> HISTORY_SIZES = List.of(10, 100, 1000);
    /** Articles alive at the past point, and the page size of R3. */
    public static final int PAGE = 100;

    /**
     * What the read workloads read, seeded once per unit: one article per history size (inserted
     * with two comments and two tags, then updated by single-row transactions until it has that
     * many versions), {@link #PAGE} articles with comments and tags, and the past point (transaction,
     * revision or changeset id) R2 and R3 read at: the first update of those articles. They are
     * updated twice more after it, so the point is not the current state.
     */
    public record Fixture(Map<Integer, Long> histories, List<Long> articles, Object pastPoint) {

        /** The article with {@code versions} versions. */
        public Long history(int versions) {
            Long id = histories.get(versions);
            if (id == null) {
                throw new IllegalStateException("No article with " + versions + " versions was seeded");
            }
            return id;
        }
    }

    /** One variant's read API. */
    private interface Reader {
        /** The latest point (transaction, revision, changeset) that changed the article. */
        Object latestPoint(EntityManager em, BenchModel model, Long id);

        /** R1: reads every version of the article; returns the number of versions read. */
        int history(EntityManager em, BenchModel model, Long id);

        /** R2: reads the article as of the point with its comments and tags; returns how many of those it read. */
        int asOf(EntityManager em, BenchModel model, Long id, Object point);

        /** R3: reads the first {@code max} articles as of the point; returns how many it read. */
        int allAsOf(EntityManager em, BenchModel model, Object point, int max);
    }

    private Reads() {
    }

    /** Whether the variant has read workloads (plain Hibernate keeps no history, the floor has no read API). */
    public static boolean reads(Variant variant) {
        return variant != Variant.P && variant != Variant.F;
    }

    /** The variants with read workloads, in declaration order. */
    public static List<Variant> variants() {
        return List.of(Variant.values()).stream().filter(Reads::reads).toList();
    }

    /**
     * Seeds the unit for the read workloads (outside any measurement).
     *
     * @param historySizes the R1 history sizes to seed (possibly none)
     */
    public static Fixture seed(BenchUnit unit, List<Integer> historySizes) {
        List<Long> tags = Workloads.seedTags(unit);
        List<Long> articles = Workloads.seedArticles(unit, PAGE, tags);
        Workloads.updateArticles(unit, articles, 1);
        Object past = unit.fromTransaction(em -> reader(unit).latestPoint(em, unit.model(), articles.get(0)));
        Workloads.updateArticles(unit, articles, 2);
        Workloads.updateArticles(unit, articles, 3);
        Map<Integer, Long> histories = new LinkedHashMap<>();
        for (int size : historySizes) {
            Long id = Workloads.seedArticles(unit, 1, tags).get(0);
            for (int round = 1; round < size; round++) {
                Workloads.updateArticle(unit, id, round);
            }
            histories.put(size, id);
        }
        return new Fixture(histories, articles, past);
    }

    /** R1: one transaction reading the full history of one article. */
    public static int history(BenchUnit unit, Long id) {
        Reader reader = reader(unit);
        return unit.fromTransaction(em -> reader.history(em, unit.model(), id));
    }

    /** R2: one transaction reading one article as of the fixture's past point, with its comments and tags. */
    public static int asOf(BenchUnit unit, Fixture fixture, Long id) {
        Reader reader = reader(unit);
        return unit.fromTransaction(em -> reader.asOf(em, unit.model(), id, fixture.pastPoint()));
    }

    /** R3: one transaction reading the first {@link #PAGE} articles as of the fixture's past point. */
    public static int allAsOf(BenchUnit unit, Fixture fixture) {
        Reader reader = reader(unit);
        return unit.fromTransaction(em -> reader.allAsOf(em, unit.model(), fixture.pastPoint(), PAGE));
    }

    private static Reader reader(BenchUnit unit) {
        return switch (unit.variant()) {
            case P -> throw new UnsupportedOperationException("Plain Hibernate keeps no history to read");
            case F -> throw new UnsupportedOperationException("The floor writes Continuum's rows but has no read API");
            case C, CS, CF, N -> CONTINUUM;
            case E, EV -> ENVERS;
            case H, HD -> AUDIT_LOG;
        };
    }

    /** Reads the relations an application would show: every comment's text and every tag's name. */
    private static int touchRelations(BenchModel model, BenchArticle article) {
        int read = 0;
        for (Object comment : model.comments(article)) {
            read += model.commentText(comment) == null ? 0 : 1;
        }
        for (Object tag : model.tags(article)) {
            read += model.tagName(tag) == null ? 0 : 1;
        }
        return read;
    }

    private static int touchTitle(BenchArticle article) {
        return article.getTitle() == null ? 0 : 1;
    }

    private static final Reader CONTINUUM = new Reader() {
        @Override
        public Object latestPoint(EntityManager em, BenchModel model, Long id) {
            List<? extends Version<? extends BenchArticle>> versions = versions(VersionHistory.of(em), model.articleType(), id);
            return versions.get(versions.size() - 1).transactionId();
        }

        @Override
        public int history(EntityManager em, BenchModel model, Long id) {
            int read = 0;
            for (Version<? extends BenchArticle> version : versions(VersionHistory.of(em), model.articleType(), id)) {
                read += touchTitle(version.entity());
                read += version.transaction().issuedAt() == null ? 0 : 1;
            }
            return read;
        }

        @Override
        public int asOf(EntityManager em, BenchModel model, Long id, Object point) {
            BenchArticle article = VersionHistory.of(em).asOf(model.articleType(), id, (Long) point)
                    .orElseThrow().entity();
            return touchTitle(article) + touchRelations(model, article);
        }

        @Override
        public int allAsOf(EntityManager em, BenchModel model, Object point, int max) {
            int read = 0;
            for (Version<? extends BenchArticle> version
                    : VersionHistory.of(em).allAsOf(model.articleType(), (Long) point, 0, max)) {
                read += touchTitle(version.entity());
            }
            return read;
        }

        private static <T> List<Version<T>> versions(VersionHistory history, Class<T> type, Long id) {
            return history.versions(type, id);
        }
    };

    private static final Reader ENVERS = new Reader() {
        @Override
        public Object latestPoint(EntityManager em, BenchModel model, Long id) {
            List<Number> revisions = AuditReaderFactory.get(em).getRevisions(model.articleType(), id);
            return revisions.get(revisions.size() - 1);
        }

        @Override
        public int history(EntityManager em, BenchModel model, Long id) {
            AuditReader reader = AuditReaderFactory.get(em);
            List<?> rows = reader.createQuery()
                    .forRevisionsOfEntity(model.articleType(), false, true)
                    .add(AuditEntity.id().eq(id))
                    .getResultList();
            int read = 0;
            for (Object row : rows) {
                Object[] triple = (Object[]) row;
                read += touchTitle((BenchArticle) triple[0]);
                read += ((RevisionMapping) triple[1]).getRevisionDate() == null ? 0 : 1;
            }
            return read;
        }

        @Override
        public int asOf(EntityManager em, BenchModel model, Long id, Object point) {
            BenchArticle article = AuditReaderFactory.get(em).find(model.articleType(), id, (Number) point);
            return touchTitle(article) + touchRelations(model, article);
        }

        @Override
        public int allAsOf(EntityManager em, BenchModel model, Object point, int max) {
            List<?> articles = AuditReaderFactory.get(em).createQuery()
                    .forEntitiesAtRevision(model.articleType(), (Number) point)
                    .addOrder(AuditEntity.id().asc())
                    .setMaxResults(max)
                    .getResultList();
            int read = 0;
            for (Object article : articles) {
                read += touchTitle((BenchArticle) article);
            }
            return read;
        }
    };

    private static final Reader AUDIT_LOG = new Reader() {
        @Override
        public Object latestPoint(EntityManager em, BenchModel model, Long id) {
            try (AuditLog log = AuditLogFactory.create(em)) {
                List<Object> changesets = log.getChangesets(model.articleType(), id);
                return changesets.get(changesets.size() - 1);
            }
        }

        @Override
        public int history(EntityManager em, BenchModel model, Long id) {
            try (AuditLog log = AuditLogFactory.create(em)) {
                int read = 0;
                for (AuditEntry<? extends BenchArticle> entry : entries(log, model.articleType(), id)) {
                    read += touchTitle(entry.entity());
                    read += ((ChangelogMapping) entry.changeset()).getRevisionInstant() == null ? 0 : 1;
                }
                return read;
            }
        }

        @Override
        public int asOf(EntityManager em, BenchModel model, Long id, Object point) {
            try (Session session = atChangeset(em, point)) {
                BenchArticle article = session.find(model.articleType(), id);
                return touchTitle(article) + touchRelations(model, article);
            }
        }

        @Override
        public int allAsOf(EntityManager em, BenchModel model, Object point, int max) {
            try (Session session = atChangeset(em, point)) {
                int read = 0;
                for (BenchArticle article : session.createSelectionQuery("from Article a order by a.id",
                        model.articleType()).setMaxResults(max).getResultList()) {
                    read += touchTitle(article);
                }
                return read;
            }
        }

        /** A session reading as of the changeset, sharing the entity manager's connection (as AuditLogFactory does). */
        private static Session atChangeset(EntityManager em, Object changeset) {
            return em.unwrap(Session.class).sessionWithOptions().connection().atChangeset(changeset).openSession();
        }

        private static <T> List<AuditEntry<T>> entries(AuditLog log, Class<T> type, Long id) {
            return new ArrayList<>(log.getHistory(type, id));
        }
    };
}
