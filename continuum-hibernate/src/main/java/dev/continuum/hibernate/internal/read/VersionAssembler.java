package dev.continuum.hibernate.internal.read;

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
     * class of the hierarchy), in the order of the rows, not linked to each other.
     */
    @SuppressWarnings("unchecked")
    <T> List<Version<T>> versions(Class<T> type, TableReader table, List<VersionRow> rows) {
        SessionImplementor session = reads.session;
        List<HibernateVersion<?>> read = new ArrayList<>(rows.size());
        List<Version<T>> versions = new ArrayList<>(rows.size());
        for (VersionRow row : rows) {
            EntityDecoder decoder = table.decoderOf(row.values());
            Object id = decoder.id(row.values(), session);
            Object[] values = decoder.values(row.values(), ModelPartDecoder.Mode.SNAPSHOT, session);
            Object entity = decoder.snapshot(id, values, session);
            if (type.isInstance(entity)) {
                HibernateVersion<T> version = new HibernateVersion<>(reads, table, decoder, row, id, values, (T) entity);
                read.add(version);
                versions.add(version);
            }
        }
        resolveRelationsTogether(read);
        return versions;
    }

    /**
     * Makes the first {@code entity()} of any of {@code versions} resolve the to-ones of all their
     * snapshots as of each version's transaction, in one batch, and give them lazy collections
     * read for all of them on first use.
     */
    private void resolveRelationsTogether(List<HibernateVersion<?>> versions) {
        if (versions.isEmpty()) {
            return;
        }
        boolean[] done = new boolean[1];
        Runnable resolve = () -> {
            if (!done[0]) {
                done[0] = true;
                reads.relations.resolve(versions);
            }
        };
        versions.forEach(version -> version.resolveRelationsWith(resolve));
    }
}
