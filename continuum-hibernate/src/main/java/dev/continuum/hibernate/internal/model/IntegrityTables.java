package dev.continuum.hibernate.internal.model;

/**
 * The names of tamper evidence's tables and column ({@code continuum.integrity=hash-chain}), which
 * the schema contributor creates and the integrity package writes and reads: three tables named
 * after the transaction table, and the version tables' hash column.
 */
public final class IntegrityTables {

    /** The suffix of the table of transaction hashes. */
    public static final String HASH = "_hash";
    /** The suffix of the table of seals. */
    public static final String SEAL = "_seal";
    /** The suffix of the table of the hashes of removed version rows. */
    public static final String REMOVED = "_removed";
    /** The version tables' hash column. */
    public static final String ROW_HASH = "row_hash";

    private IntegrityTables() {
    }

    /** The unrendered name of one of the tables: the transaction table's, unquoted, with {@code suffix}. */
    public static String name(Settings settings, String suffix) {
        String base = settings.transactionTable();
        if (base.length() > 1 && (base.charAt(0) == '`' || base.charAt(0) == '"')) {
            base = base.substring(1, base.length() - 1);
        }
        return base + suffix;
    }
}
