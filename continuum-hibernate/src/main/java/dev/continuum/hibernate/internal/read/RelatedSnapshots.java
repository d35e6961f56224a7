package dev.continuum.hibernate.internal.read;

import org.hibernate.engine.spi.SessionImplementor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The snapshots of related entities that the statements of one relation read make (children,
 * targets): one per version row and transaction, so that each can have its relations read as of
 * its own transaction, and versions of one transaction that see the same related version share it.
 * Once the read is done, they get lazy collections of their own, one batch per relation.
 */
final class RelatedSnapshots {

    private final ReadSession reads;
    private final Map<VersionRow, Map<Long, RelationOwner>> snapshots = new IdentityHashMap<>();
    private final List<RelationOwner> owners = new ArrayList<>();

    RelatedSnapshots(ReadSession reads) {
        this.reads = reads;
    }

    /** The snapshot of {@code row} whose relations are read as of {@code at}. */
    RelationOwner snapshot(TableReader table, VersionRow row, long at) {
        return snapshots.computeIfAbsent(row, r -> new HashMap<>()).computeIfAbsent(at, a -> {
            SessionImplementor session = reads.session;
            EntityDecoder decoder = table.decoderOf(row.values());
            Object id = decoder.id(row.values(), session);
            Object snapshot = decoder.snapshot(id, decoder.values(row.values(), ModelPartDecoder.Mode.SNAPSHOT,
                    session), session);
            RelationOwner owner = new RelationOwner(decoder, table, snapshot, id, row.values(), at, at);
            owners.add(owner);
            return owner;
        });
    }

    /** Gives the snapshots made lazy collections (their to-ones stay identifier-only references). */
    void attachCollections() {
        if (!owners.isEmpty()) {
            reads.relations.attach(owners, false);
        }
    }
}
