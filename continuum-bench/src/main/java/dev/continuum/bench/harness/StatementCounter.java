package dev.continuum.bench.harness;

import org.hibernate.resource.jdbc.spi.StatementInspector;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the SQL statements a session factory prepares. Hibernate passes every statement it
 * prepares through the configured inspector, and Continuum passes its own SQL through the session's
 * inspector as well, so the count covers the application's statements and the versioning
 * statements alike. A JDBC batch is prepared once, so it counts once however many rows it carries.
 *
 * <p>Counting is one atomic increment per statement, cheap enough to stay on while timing. The
 * per-statement breakdown ({@link #byShape()}) is only kept when asked for.
 */
public final class StatementCounter implements StatementInspector {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern NAME = Pattern.compile("[\\w.\"`]+");
    private static final Pattern SEQUENCE = Pattern.compile("(?:nextval\\s*\\(\\s*'?|next value for )([\\w.\"`]+)");

    private final AtomicLong count = new AtomicLong();
    private final boolean keepShapes;
    private final Map<String, LongAdder> shapes = new ConcurrentHashMap<>();

    /** A counter that also keeps the per-statement breakdown when {@code keepShapes} is true. */
    public StatementCounter(boolean keepShapes) {
        this.keepShapes = keepShapes;
    }

    @Override
    public String inspect(String sql) {
        count.incrementAndGet();
        if (keepShapes) {
            shapes.computeIfAbsent(shape(sql), s -> new LongAdder()).increment();
        }
        return sql;
    }

    /** The number of statements prepared so far. */
    public long count() {
        return count.get();
    }

    /** Statements prepared so far by shape (verb and table, e.g. {@code insert c_article_version}), sorted. */
    public Map<String, Long> byShape() {
        Map<String, Long> sorted = new TreeMap<>();
        shapes.forEach((shape, n) -> sorted.put(shape, n.sum()));
        return sorted;
    }

    /** Forgets everything counted so far. */
    public void reset() {
        count.set(0);
        shapes.clear();
    }

    /** The verb and first table of a statement: what it does, without its columns and parameters. */
    static String shape(String sql) {
        String text = WHITESPACE.matcher(sql.strip().toLowerCase(Locale.ROOT)).replaceAll(" ");
        int finalTable = text.indexOf("final table (insert into ");
        if (finalTable >= 0) {
            return "insert " + nameAt(text, finalTable + "final table (insert into ".length());
        }
        if (text.startsWith("insert into ")) {
            return "insert " + nameAt(text, "insert into ".length());
        }
        if (text.startsWith("update ")) {
            return "update " + nameAt(text, "update ".length());
        }
        if (text.startsWith("delete from ")) {
            return "delete " + nameAt(text, "delete from ".length());
        }
        Matcher sequence = SEQUENCE.matcher(text);
        if (text.startsWith("select ") && sequence.find()) {
            return "nextval " + sequence.group(1);
        }
        int from = text.indexOf(" from ");
        if (text.startsWith("select ") && from >= 0) {
            return "select " + nameAt(text, from + " from ".length());
        }
        return text.substring(0, Math.min(40, text.length()));
    }

    private static String nameAt(String text, int start) {
        Matcher name = NAME.matcher(text);
        return name.find(start) && name.start() == start ? name.group() : "?";
    }
}
