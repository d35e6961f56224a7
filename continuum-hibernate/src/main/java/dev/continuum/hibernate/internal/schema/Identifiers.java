package dev.continuum.hibernate.internal.schema;

import dev.continuum.ConfigurationException;
import dev.continuum.ContinuumSettings;
import dev.continuum.hibernate.internal.model.Settings;

import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.env.spi.IdentifierHelper;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The names Continuum puts into SQL, checked at boot so that a name the database would reject,
 * truncate or misread fails the boot naming the setting or annotation that fixes it, instead of
 * every write: configured names must be identifiers (a reserved word must be quoted), every name
 * must fit the dialect's identifier length; and the constraint and index names Continuum derives
 * itself are made valid and short enough.
 */
final class Identifiers {

    /** The longest constraint or index name Continuum derives, below every supported database's limit. */
    private static final int DERIVED_NAME_LIMIT = 60;

    private Identifiers() {
    }

    /**
     * Checks the settings whose values end up in SQL.
     *
     * @throws ConfigurationException naming the setting, its value and what to write instead
     */
    static void checkSettings(Settings settings, Dialect dialect, IdentifierHelper helper) {
        String suffix = settings.tableSuffix();
        for (int i = 0; i < suffix.length(); i++) {
            if (!legal(suffix.charAt(i))) {
                throw new ConfigurationException(ContinuumSettings.TABLE_SUFFIX + " is '" + suffix + "', which has the "
                        + "character '" + suffix.charAt(i) + "' that an unquoted table name cannot have; use letters, "
                        + "digits and '_' only, such as '_version'");
            }
        }
        Map<String, String> names = new LinkedHashMap<>();
        names.put(ContinuumSettings.TRANSACTION_TABLE, settings.transactionTable());
        names.put(ContinuumSettings.TRANSACTION_SEQUENCE, settings.transactionSequence());
        names.put(ContinuumSettings.UNDO_TABLE, settings.undoTable());
        names.put(ContinuumSettings.TRANSACTION_ID_COLUMN, settings.transactionIdColumn());
        names.put(ContinuumSettings.END_TRANSACTION_ID_COLUMN, settings.endTransactionIdColumn());
        names.put(ContinuumSettings.OPERATION_TYPE_COLUMN, settings.operationTypeColumn());
        names.forEach((setting, value) -> checkName(setting, value, dialect, helper));
        Map<String, String> columns = new HashMap<>();
        for (String setting : new String[] {ContinuumSettings.TRANSACTION_ID_COLUMN,
                ContinuumSettings.END_TRANSACTION_ID_COLUMN, ContinuumSettings.OPERATION_TYPE_COLUMN}) {
            String name = helper.toIdentifier(names.get(setting)).getCanonicalName();
            String other = columns.putIfAbsent(name, setting);
            if (other != null) {
                throw new ConfigurationException(other + " and " + setting + " both name the column '"
                        + names.get(setting) + "'; a version table needs three distinct bookkeeping columns, so "
                        + "give them different names");
            }
        }
    }

    private static void checkName(String setting, String value, Dialect dialect, IdentifierHelper helper) {
        String text = value;
        if (Identifier.isQuoted(value)) {
            text = value.substring(1, value.length() - 1);
            for (char c : text.toCharArray()) {
                if (c == '`' || c == '"' || c == '[' || c == ']' || Character.isISOControl(c)) {
                    throw new ConfigurationException(setting + " is " + value + ", whose quoted name has the "
                            + "character '" + c + "', which cannot be part of an identifier; choose another name");
                }
            }
        } else {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (i == 0 ? !Character.isLetter(c) && c != '_' : !legal(c)) {
                    throw new ConfigurationException(setting + " is '" + value + "', which is not a valid identifier "
                            + "(the character '" + c + "'" + (i == 0 ? " cannot start a name" : " cannot be part of "
                            + "an unquoted name") + "); use letters, digits and '_' only, starting with a letter");
                }
            }
            boolean reserved = dialect.getKeywords().contains(value.toLowerCase(Locale.ROOT));
            if (reserved && !helper.toIdentifier(value).isQuoted()) {
                throw new ConfigurationException(setting + " is '" + value + "', a reserved word of " + database(dialect)
                        + ", which SQL cannot use as a name unquoted; write it quoted as `" + value + "` (the name is "
                        + "then case-sensitive, and hand-written SQL must quote it too), or choose another name");
            }
        }
        checkLength(text, dialect, setting + " is '" + value + "'", "choose a shorter name with " + setting);
    }

    /**
     * Fails when {@code name} is longer than the dialect allows for identifiers.
     *
     * @param what what has the name, for the message ("Entity Article's version table")
     * @param fix how to give it another name
     */
    static void checkLength(String name, Dialect dialect, String what, String fix) {
        int limit = dialect.getMaxIdentifierLength();
        int length = name.length();
        if (length > limit) {
            throw new ConfigurationException(what + ": the name '" + name + "' has " + length + " characters, more "
                    + "than the " + limit + " that " + database(dialect) + " allows for identifiers (a longer name is "
                    + "silently cut, here to '" + truncate(name, limit) + "', or refused, depending on the database); "
                    + fix);
        }
    }

    /**
     * A name for a constraint or index Continuum derives for {@code table}: {@code prefix_table_column}
     * with every character other than a letter, a digit or '_' replaced by '_', so that it is valid
     * unquoted; when that changed the name, or it is longer than the dialect allows (and at most
     * {@value #DERIVED_NAME_LIMIT}), cut and ended with a hash of the full name, so that it stays
     * unique and is the same at every boot.
     */
    static String derivedName(String prefix, String table, String column, Dialect dialect) {
        String full = prefix + "_" + table + (column.isEmpty() ? "" : "_" + column);
        StringBuilder sanitized = new StringBuilder(full.length());
        for (int i = 0; i < full.length(); i++) {
            char c = full.charAt(i);
            sanitized.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? c : '_');
        }
        int limit = Math.min(DERIVED_NAME_LIMIT, dialect.getMaxIdentifierLength());
        String name = sanitized.toString();
        if (name.equals(full) && name.length() <= limit) {
            return name;
        }
        String hash = Integer.toHexString(full.hashCode());
        return name.substring(0, Math.min(name.length(), limit - 1 - hash.length())) + "_" + hash;
    }

    /** The database's name for messages: the dialect's class name without "Dialect". */
    static String database(Dialect dialect) {
        String name = dialect.getClass().getSimpleName();
        return name.endsWith("Dialect") && name.length() > "Dialect".length()
                ? name.substring(0, name.length() - "Dialect".length()) : name;
    }

    private static boolean legal(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** {@code name} cut to {@code limit} bytes of UTF-8, as PostgreSQL truncates identifiers. */
    private static String truncate(String name, int limit) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= limit) {
            return name;
        }
        String cut = new String(bytes, 0, limit, StandardCharsets.UTF_8);
        return cut.endsWith("\uFFFD") ? cut.substring(0, cut.length() - 1) : cut;
    }
}
