package dev.continuum.hibernate.internal.read;

import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.metamodel.mapping.AttributeMapping;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The snapshots of related entities that the statements of one read make (children, targets): one
 * per entity and transaction, so that each can have its relations read as of its own transaction,
 * and versions of one transaction that see the same related version share it. Once the read is
 * done, they get their own relations (see {@link RelationResolver#attachRelated}): lazy collections
 * and lazy to-ones, and the few relations that cannot wait read at once, by a read that continues
 * this one ({@link #next}) and shares its snapshots, so that a cycle of such relations ends.
 */
final class RelatedSnapshots {

    private final ReadSession reads;
    /** The snapshots of this read and of the reads that continue it, by entity, identifier and transaction. */
    private final Map<List<Object>, RelationOwner> shared;
    /** The snapshots this read made. */
    private final List<RelationOwner> owners = new ArrayList<>();
    /** The relations of the snapshots made that a read already set (a child's reference to the owner listing it). */
    private final Map<RelationOwner, Set<AttributeMapping>> resolved = new IdentityHashMap<>();

    RelatedSnapshots(ReadSession reads) {
        this(reads, new HashMap<>());
    }

    private RelatedSnapshots(ReadSession reads, Map<List<Object>, RelationOwner> shared) {
        this.reads = reads;
        this.shared = shared;
    }

    /** A read that continues this one: it makes no second snapshot of an entity this one made. */
    RelatedSnapshots next() {
        return new RelatedSnapshots(reads, shared);
    }

    /** The snapshot of {@code row} whose relations are read as of {@code at}. */
    RelationOwner snapshot(TableReader table, VersionRow row, long at) {
        List<Object> key = Arrays.asList(table.root().getEntityName(),
                KeyBatches.hashKey(Arrays.copyOf(row.values(), table.idColumnCount())), at);
        return shared.computeIfAbsent(key, k -> {
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

    /** Sets the relation {@code attribute} of a snapshot this read made, which its own relations then leave as it is. */
    void resolve(RelationOwner owner, AttributeMapping attribute, Object value) {
        owner.set(attribute, value);
        resolved.computeIfAbsent(owner, o -> new HashSet<>()).add(attribute);
    }

    /** Whether a read set the relation {@code attribute} of {@code owner} already. */
    boolean isResolved(RelationOwner owner, AttributeMapping attribute) {
        Set<AttributeMapping> attributes = resolved.get(owner);
        return attributes != null && attributes.contains(attribute);
    }

    /** Gives the snapshots this read made their own relations. */
    void attachRelations() {
        if (!owners.isEmpty()) {
            reads.relations.attachRelated(List.copyOf(owners), this);
        }
    }
}
