package dev.continuum.hibernate.internal.maintenance;

import dev.continuum.hibernate.internal.model.VersionModel;
import dev.continuum.hibernate.internal.schema.VersionPartitions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The partitions of version tables partitioned by range of transaction id (PostgreSQL, see
 * {@link dev.continuum.ContinuumSettings#PARTITION_SPAN}), read from the catalog, and the making of
 * the partitions that the next transactions need.
 */
final class Partitions {

    private static final Pattern RANGE = Pattern.compile("FROM \\('?(-?\\d+)'?\\) TO \\('?(-?\\d+)'?\\)");
    /** PostgreSQL's longest identifier. */
    private static final int MAX_NAME = 63;

    private Partitions() {
    }

    /** One range partition: its qualified, quoted name and its transaction ids, {@code from} to {@code to} (exclusive). */
    record Range(String name, long from, long to) {
    }

    /** A partitioned version table: its qualified, quoted name parts, its range partitions in order, its default partition. */
    record Layout(String schema, String table, List<Range> ranges, String defaultPartition) {

        String partitionName(long number) {
            String suffix = VersionPartitions.RANGE_SUFFIX + number;
            String base = table.length() + suffix.length() > MAX_NAME ? table.substring(0, MAX_NAME - suffix.length())
                    : table;
            return quote(schema) + "." + quote(base + suffix);
        }

        /** The range partition covering exactly {@code from} to {@code to}, or null. */
        Range range(long from, long to) {
            return ranges.stream().filter(r -> r.from == from && r.to == to).findFirst().orElse(null);
        }
    }

    /** The version tables of the model, each once, as written in SQL. */
    static List<String> versionTables(VersionModel model) {
        Set<String> tables = new LinkedHashSet<>();
        model.entities().forEach(entity -> entity.levels().forEach(level -> tables.add(level.name())));
        model.collections().forEach(collection -> tables.add(collection.name()));
        return new ArrayList<>(tables);
    }

    /** The layout of version table {@code table} (as written in SQL), or null when it is not partitioned. */
    static Layout layout(Connection connection, String table) throws SQLException {
        String schema;
        String name;
        try (PreparedStatement statement = connection.prepareStatement("select n.nspname, c.relname from pg_class c "
                + "join pg_namespace n on n.oid = c.relnamespace where c.oid = to_regclass(?) and c.relkind = 'p'")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                schema = rs.getString(1);
                name = rs.getString(2);
            }
        }
        List<Range> ranges = new ArrayList<>();
        String defaultPartition = null;
        try (PreparedStatement statement = connection.prepareStatement("select n.nspname, c.relname, "
                + "pg_get_expr(c.relpartbound, c.oid) from pg_inherits i join pg_class c on c.oid = i.inhrelid "
                + "join pg_namespace n on n.oid = c.relnamespace where i.inhparent = to_regclass(?)")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String partition = quote(rs.getString(1)) + "." + quote(rs.getString(2));
                    String bound = rs.getString(3);
                    Matcher range = RANGE.matcher(bound);
                    if ("DEFAULT".equalsIgnoreCase(bound.trim())) {
                        defaultPartition = partition;
                    } else if (range.find()) {
                        ranges.add(new Range(partition, Long.parseLong(range.group(1)), Long.parseLong(range.group(2))));
                    }
                }
            }
        }
        ranges.sort(Comparator.comparingLong(Range::from));
        return new Layout(schema, name, List.copyOf(ranges), defaultPartition);
    }

    /**
     * Makes the range partitions of every partitioned version table up to the one after the
     * partition of the newest transaction, moving any rows of their ranges out of the default
     * partition first; returns how many it made.
     */
    static int ensure(Connection connection, VersionModel model, long span) throws SQLException {
        long newest;
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select coalesce(max(" + model.names().transactionColumns().id()
                        + "), 0) from " + model.names().transactionTable())) {
            rs.next();
            newest = rs.getLong(1);
        }
        int made = 0;
        for (String table : versionTables(model)) {
            Layout layout = layout(connection, table);
            if (layout == null) {
                continue;
            }
            long last = newest / span + 1;
            long first = layout.ranges().isEmpty() ? newest / span
                    : layout.ranges().get(layout.ranges().size() - 1).to() / span;
            for (long n = first; n <= last; n++) {
                if (layout.range(n * span, (n + 1) * span) == null) {
                    create(connection, table, layout, model.names().transactionId(), n, span);
                    made++;
                }
            }
        }
        return made;
    }

    /** Makes partition {@code n}, first taking the rows of its range out of the default partition. */
    private static void create(Connection connection, String table, Layout layout, String transactionId, long n,
            long span) throws SQLException {
        String partition = layout.partitionName(n);
        long from = n * span;
        long to = from + span;
        String range = transactionId + " >= " + from + " and " + transactionId + " < " + to;
        boolean occupied = false;
        if (layout.defaultPartition() != null) {
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("select 1 from " + layout.defaultPartition() + " where "
                            + range + " limit 1")) {
                occupied = rs.next();
            }
        }
        try (Statement statement = connection.createStatement()) {
            if (!occupied) {
                statement.execute("create table " + partition + " partition of " + table + " for values from (" + from
                        + ") to (" + to + ")");
                return;
            }
            statement.execute("create table " + partition + " (like " + table
                    + " including defaults including constraints)");
            statement.execute("insert into " + partition + " select * from " + layout.defaultPartition() + " where "
                    + range);
            statement.execute("delete from " + layout.defaultPartition() + " where " + range);
            statement.execute("alter table " + table + " attach partition " + partition + " for values from (" + from
                    + ") to (" + to + ")");
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
