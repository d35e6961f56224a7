package dev.continuum.hibernate.internal.maintenance;

import dev.continuum.hibernate.internal.compact.ValueTable;
import dev.continuum.hibernate.internal.model.DataColumn;
import dev.continuum.hibernate.internal.model.EntityModel;
import dev.continuum.hibernate.internal.model.EntityTable;
import dev.continuum.hibernate.internal.model.VersionModel;

import org.hibernate.StatelessSession;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes the rows of the value table of compact properties that no version refers to any more
 * (neither a version row's compact column, nor another value row as its keyframe): what retention
 * and erasure left behind. Runs after them, in a transaction of its own.
 */
final class CompactGarbage {

    private CompactGarbage() {
    }

    /** Removes the unreferenced values; returns how many; 0 when no entity has compact properties. */
    static long collect(SessionFactoryImplementor factory, VersionModel model) {
        if (!model.hasCompactProperties()) {
            return 0;
        }
        Set<String> seen = new LinkedHashSet<>();
        List<String[]> columns = new ArrayList<>();
        for (EntityModel entity : model.entities()) {
            for (EntityTable table : entity.levels()) {
                for (DataColumn column : table.columns()) {
                    if (column.compact() && seen.add(table.name() + "." + column.name())) {
                        columns.add(new String[] {table.name(), column.name()});
                    }
                }
            }
        }
        ValueTable values = new ValueTable(model.names().valueTable(), factory.getJdbcServices().getDialect());
        try (StatelessSession stateless = factory.openStatelessSession()) {
            SharedSessionContractImplementor session = (SharedSessionContractImplementor) stateless;
            return Batches.inTransaction(session, "Removing unreferenced compact values", connection -> {
                try (PreparedStatement statement = connection.prepareStatement(values.collectSql(columns))) {
                    return (long) statement.executeUpdate();
                }
            }, () -> { });
        }
    }
}
