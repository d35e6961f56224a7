package dev.continuum.hibernate.internal.read;

import dev.continuum.Operation;
import dev.continuum.Version;

import org.hibernate.engine.spi.SessionImplementor;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns version rows into versions: each row decoded by the decoder of its entity type into a
 * detached snapshot, and the relations of all the snapshots of one read resolved together, on the
 * first {@code entity()} of any (see {@link RelationResolver}).
 */
final class VersionAssembler {

    private final ReadSession reads;

    VersionAssembler(ReadSession reads) {
        this.reads = reads;
    }

    /**
     * The versions of {@code rows} whose snapshots are {@code type}s (the others are of another
     * class of the hierarchy), in the order of the rows, not linked to each other; the relations of
     * each as of its own transaction.
     */
    <T> List<Version<T>> versions(Class<T> type, TableReader table, List<VersionRow> rows) {
        return versions(type, table, rows, null);
    }

    /**
     * Like {@link #versions(Class, TableReader, List)}, the relations of every version read as of
     * transaction {@code at}: a point in time, whole graph.
     */
    <T> List<Version<T>> versions(Class<T> type, TableReader table, List<VersionRow> rows, long at) {
        return versions(type, table, rows, Long.valueOf(at));
    }

    @SuppressWarnings("unchecked")
    private <T> List<Version<T>> versions(Class<T> type, TableReader table, List<VersionRow> rows, Long at) {
        SessionImplementor session = reads.session;
        List<HibernateVersion<?>> read = new ArrayList<>(rows.size());
        List<Version<T>> versions = new ArrayList<>(rows.size());
        for (VersionRow row : rows) {
            EntityDecoder decoder = table.decoderOf(row.values());
            Object id = decoder.id(row.values(), session);
            Object[] values = decoder.values(row.values(), ModelPartDecoder.Mode.SNAPSHOT, session);
            Object entity = decoder.snapshot(id, values, session);
            if (type.isInstance(entity)) {
                long relationsAt = at != null ? at
                        : row.operation() == Operation.DELETE ? row.transactionId() - 1 : row.transactionId();
                HibernateVersion<T> version = new HibernateVersion<>(reads, table, decoder, row, id, values, (T) entity,
                        relationsAt);
                read.add(version);
                versions.add(version);
            }
        }
        resolveRelationsTogether(read);
        return versions;
    }

    /**
     * Makes the first {@code entity()} of any of {@code versions} resolve the to-ones of all their
     * snapshots in one batch, and give them lazy collections read for all of them on first use.
     */
    private void resolveRelationsTogether(List<HibernateVersion<?>> versions) {
        if (versions.isEmpty()) {
            return;
        }
        RelationResolver.VersionRelations relations = reads.relations.of(versions);
        versions.forEach(version -> version.resolveRelationsWith(relations));
    }
}
