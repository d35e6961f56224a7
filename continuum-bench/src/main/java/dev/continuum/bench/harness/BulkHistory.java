package dev.continuum.bench.harness;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Seeds variant C's tables in bulk SQL (PostgreSQL {@code generate_series}, MariaDB the Sequence
 * engine's {@code seq_1_to_N}), without Continuum, with exactly the rows Continuum would have written
 * for this history: {@code articles} articles of {@code rounds} versions each, every round written
 * by its own transactions of {@link #PER_TRANSACTION} articles, each transaction a day younger than
 * the round before.
 *
 * <p>Version {@code j} (0-based) of article {@code n} (1-based) is written by transaction
 * {@code j * articles / 100 + (n - 1) / 100 + 1}, issued {@code rounds - j} days ago, and ended by
 * the transaction of version {@code j + 1} (the last version is open). Round 0 inserts: the article,
 * its two comments (ids {@code 2n - 1} and {@code 2n}) and its links to two of the
 * {@value #TAGS} tags ({@code n % 10 + 1} and {@code (n + 1) % 10 + 1}), all in version rows of
 * their own written by the same transaction; later rounds change the article's title only. Rows
 * are inserted round after round, as time would have written them, so one article's versions are
 * spread over the table rather than stored side by side.
 */
public final class BulkHistory {

    /** Articles a transaction of the seeded history changes. */
    public static final int PER_TRANSACTION = 100;
    /** Tags every seeded article links two of. */
    public static final int TAGS = 10;
    /** Articles per insert statement (and database transaction) while seeding. */
    private static final long CHUNK = 250_000;

    private final Database database;
    private final long articles;
    private final int rounds;

    /**
     * A history of {@code articles} articles of {@code rounds} versions on the database.
     *
     * @throws IllegalArgumentException when the articles are not a positive multiple of {@link #PER_TRANSACTION}
     */
    public BulkHistory(Database database, long articles, int rounds) {
        if (articles <= 0 || articles % PER_TRANSACTION != 0 || rounds <= 0) {
            throw new IllegalArgumentException("Seed a positive multiple of " + PER_TRANSACTION
                    + " articles and at least one round, not " + articles + " articles of " + rounds + " rounds");
        }
        if (database == Database.H2) {
            throw new IllegalArgumentException("Bulk seeding supports postgresql and mariadb");
        }
        this.database = database;
        this.articles = articles;
        this.rounds = rounds;
    }

    /** Transactions per round: {@code articles / 100}. */
    public long perRound() {
        return articles / PER_TRANSACTION;
    }

    /** The transaction that wrote version {@code round} (0-based) of the first article of a page: the round's first. */
    public long firstTransaction(int round) {
        return round * perRound() + 1;
    }

    /** The version rows {@link #articles()} and {@link #relations()} write together. */
    public long versionRows() {
        return articles * rounds + 4 * articles + TAGS;
    }

    /** Inserts the transaction rows, {@code articles / 100} per round. */
    public void transactions() throws SQLException {
        long total = perRound() * rounds;
        run(statement -> {
            for (long from = 1; from <= total; from += CHUNK) {
                long to = Math.min(total, from + CHUNK - 1);
                statement.executeUpdate("insert into c_transaction (id, issued_at) select s.n, "
                        + daysAgo(rounds + " - " + div("s.n - 1", perRound())) + " from " + series(from, to));
            }
            setSequence(statement, "c_transaction_id_seq", total);
        });
    }

    /**
     * Inserts the articles' current rows (their last version's values) and their versions, round
     * after round, and moves the article id sequence past them.
     */
    public void articles() throws SQLException {
        run(statement -> {
            eachChunk((from, to) -> statement.executeUpdate("insert into c_article (id, title, body, status, "
                    + "updatedAt) select s.n, " + title(rounds - 1) + ", " + concat("'Body of article '", "s.n")
                    + ", 'DRAFT', current_timestamp from " + series(from, to)));
            for (int j = 0; j < rounds; j++) {
                int round = j;
                eachChunk((from, to) -> statement.executeUpdate("insert into c_article_version (id, title, body, "
                        + "status, updatedAt, transaction_id, end_transaction_id, operation_type) select s.n, "
                        + title(round) + ", " + concat("'Body of article '", "s.n") + ", 'DRAFT', current_timestamp, "
                        + transaction(round) + ", " + (round == rounds - 1 ? "null" : transaction(round + 1)) + ", "
                        + (round == 0 ? 0 : 1) + " from " + series(from, to)));
            }
            setSequence(statement, "c_article_id_seq", articles + 1000);
        });
    }

    /**
     * Inserts the tags, the articles' comments and tag links and the version rows of all three,
     * written by each article's first transaction, and moves the comment and tag id sequences past
     * them. Needs {@link #transactions()} and {@link #articles()} first.
     */
    public void relations() throws SQLException {
        run(statement -> {
            statement.executeUpdate("insert into c_tag (id, name) select s.n, " + concat("'tag-'", "s.n - 1")
                    + " from " + series(1, TAGS));
            statement.executeUpdate("insert into c_tag_version (id, name, transaction_id, end_transaction_id, "
                    + "operation_type) select s.n, " + concat("'tag-'", "s.n - 1") + ", 1, null, 0 from "
                    + series(1, TAGS));
            String[] texts = {"'First comment on '", "'Second comment on '"};
            for (int k = 0; k < 2; k++) {
                String id = "2 * s.n - " + (1 - k);
                String text = concat(texts[k], "s.n");
                eachChunk((from, to) -> {
                    statement.executeUpdate("insert into c_comment (id, article_id, text) select " + id + ", s.n, "
                            + text + " from " + series(from, to));
                    statement.executeUpdate("insert into c_comment_version (id, article_id, text, transaction_id, "
                            + "end_transaction_id, operation_type) select " + id + ", s.n, " + text + ", "
                            + transaction(0) + ", null, 0 from " + series(from, to));
                });
                String tag = "mod(s.n + " + k + ", " + TAGS + ") + 1";
                eachChunk((from, to) -> {
                    statement.executeUpdate("insert into c_article_tag (article_id, tag_id) select s.n, " + tag
                            + " from " + series(from, to));
                    statement.executeUpdate("insert into c_article_tag_version (article_id, tag_id, transaction_id, "
                            + "end_transaction_id, operation_type) select s.n, " + tag + ", " + transaction(0)
                            + ", null, 0 from " + series(from, to));
                });
            }
            setSequence(statement, "c_comment_id_seq", 2 * articles + 1000);
            setSequence(statement, "c_tag_id_seq", TAGS + 1000);
        });
    }

    /** Updates the planner's statistics of every table seeded. */
    public void analyze() throws SQLException {
        run(statement -> {
            if (database == Database.POSTGRESQL) {
                statement.execute("analyze");
            } else {
                statement.execute("analyze table c_transaction, c_article, c_article_version, c_comment, "
                        + "c_comment_version, c_article_tag, c_article_tag_version, c_tag, c_tag_version");
            }
        });
    }

    /** The transaction that wrote version {@code round} of article {@code s.n}. */
    private String transaction(int round) {
        return "(" + round * perRound() + " + " + div("s.n - 1", PER_TRANSACTION) + " + 1)";
    }

    private String title(int round) {
        return concat("'Article '", "s.n", "', revision " + round + "'");
    }

    private String series(long from, long to) {
        return database == Database.POSTGRESQL
                ? "generate_series(" + from + ", " + to + ") as s(n)"
                : "(select seq as n from seq_" + from + "_to_" + to + ") s";
    }

    private String div(String dividend, long divisor) {
        return database == Database.POSTGRESQL ? "(" + dividend + ") / " + divisor : "(" + dividend + ") div " + divisor;
    }

    private String concat(String... parts) {
        return database == Database.POSTGRESQL ? String.join(" || ", parts) : "concat(" + String.join(", ", parts) + ")";
    }

    private String daysAgo(String days) {
        return database == Database.POSTGRESQL
                ? "current_timestamp - make_interval(days => (" + days + ")::int)"
                : "current_timestamp(6) - interval (" + days + ") day";
    }

    private void setSequence(Statement statement, String sequence, long value) throws SQLException {
        statement.execute(database == Database.POSTGRESQL
                ? "select setval('" + sequence + "', " + value + ")"
                : "select setval(" + sequence + ", " + value + ")");
    }

    private interface ChunkWork {
        void run(long from, long to) throws SQLException;
    }

    private void eachChunk(ChunkWork work) throws SQLException {
        for (long from = 1; from <= articles; from += CHUNK) {
            work.run(from, Math.min(articles, from + CHUNK - 1));
        }
    }

    private interface Work {
        void run(Statement statement) throws SQLException;
    }

    /** Runs the work on a connection of its own, each statement its own transaction. */
    private void run(Work work) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
                Statement statement = connection.createStatement()) {
            if (database == Database.POSTGRESQL) {
                statement.execute("set synchronous_commit = off");
            }
            work.run(statement);
        }
    }
}
