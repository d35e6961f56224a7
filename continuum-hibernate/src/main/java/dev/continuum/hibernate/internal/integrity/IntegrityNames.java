package dev.continuum.hibernate.internal.integrity;

import dev.continuum.hibernate.internal.model.Settings;
import dev.continuum.hibernate.internal.model.IntegrityTables;

import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.env.spi.IdentifierHelper;

import java.util.Locale;

/**
 * The rendered names of tamper evidence's tables (see {@link IntegrityTables}) and of
 * the version tables' hash column, as they appear in SQL.
 */
record IntegrityNames(String hashTable, String sealTable, String removedTable, String rowHash) {

    /** The length of a hash in hexadecimal. */
    static final int HEX_LENGTH = 64;

    static IntegrityNames of(Settings settings, IdentifierHelper helper, Dialect dialect) {
        return new IntegrityNames(render(settings, IntegrityTables.HASH, helper, dialect),
                render(settings, IntegrityTables.SEAL, helper, dialect),
                render(settings, IntegrityTables.REMOVED, helper, dialect),
                helper.toIdentifier(IntegrityTables.ROW_HASH).render(dialect));
    }

    private static String render(Settings settings, String suffix, IdentifierHelper helper, Dialect dialect) {
        return helper.toIdentifier(IntegrityTables.name(settings, suffix)).render(dialect);
    }

    /** A rendered column name as a result set labels it: unquoted, in lower case. */
    static String label(String rendered) {
        String name = rendered;
        if (name.length() > 1 && "`\"[".indexOf(name.charAt(0)) >= 0) {
            name = name.substring(1, name.length() - 1);
        }
        return name.toLowerCase(Locale.ROOT);
    }
}
