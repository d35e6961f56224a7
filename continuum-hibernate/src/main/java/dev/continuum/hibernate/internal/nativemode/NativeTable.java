package dev.continuum.hibernate.internal.nativemode;

import org.hibernate.mapping.Table;

import java.io.Serializable;
import java.util.List;

/**
 * One live table whose changes a trigger versions, as the trigger generators need it: names are
 * rendered for the dialect (quoted where needed); tables are qualified when the SQL is written.
 *
 * @param entity the entity's name, for messages
 * @param live the live table
 * @param version its version table
 * @param keyColumns the rendered key columns, shared by both tables
 * @param dataColumns the rendered other columns of the version table that copy a live column
 * @param triggerName the name of the trigger, before quoting (and of its function, which lives in
 *        the version table's schema); quoted when the version table's name is
 */
public record NativeTable(String entity, Table live, Table version, List<String> keyColumns,
        List<String> dataColumns, String triggerName) implements Serializable {

    /** Copies the lists, so that the value cannot change. */
    public NativeTable {
        keyColumns = List.copyOf(keyColumns);
        dataColumns = List.copyOf(dataColumns);
    }
}
