package dev.continuum.hibernate.internal.read;

import dev.continuum.HistoryLookupException;
import dev.continuum.UndoScope;
import dev.continuum.hibernate.internal.model.UndoKeys;
import dev.continuum.hibernate.internal.model.UndoScopeTable;

import org.hibernate.boot.model.relational.QualifiedTableName;

import java.util.Optional;

/**
 * The undo/redo positions of {@link UndoScope}s, one row per scope that was undone in the table of
 * undo scopes ({@code continuum_undo_scope} by default), keyed by the root entity's name, its
 * identifier and the scope's relations; read and written in the session's transaction.
 */
final class ScopePositions {

    /**
     * Where a scope's undo/redo series stands.
     *
     * @param origin the latest step when the series began: the end of its timeline
     * @param position the step whose state the scope shows
     * @param base the latest step before the last undo or redo: the series is open while it still
     *        is the one before the latest
     */
    record Position(long origin, long position, long base) {
    }

    /** A scope as its row is keyed. */
    private record Key(String entityName, String entityId, String relations) {
    }

    private final ReadSession reads;

    ScopePositions(ReadSession reads) {
        this.reads = reads;
    }

    /** The table's name as SQL writes it. */
    private String table() {
        return reads.session.getFactory().getSqlStringGenerationContext().format(new QualifiedTableName(null, null,
                UndoScopeTable.name(reads.model.versions().settings().undoTable())));
    }

    /** The position of the scope, or empty when it was never undone. */
    Optional<Position> read(ScopeTimeline scope) {
        Key key = key(scope);
        String sql = "select origin_transaction_id, position_transaction_id, base_transaction_id from " + table()
                + " where entity_name = ? and entity_id = ? and relations = ?";
        return reads.jdbc.query(sql, ps -> {
            ps.setString(1, key.entityName());
            ps.setString(2, key.entityId());
            ps.setString(3, key.relations());
        }, rs -> rs.next() ? Optional.of(new Position(rs.getLong(1), rs.getLong(2), rs.getLong(3))) : Optional.empty());
    }

    /** Records the position of the scope: an update when it has one ({@code exists}), else an insert. */
    void write(ScopeTimeline scope, Position position, boolean exists) {
        Key key = key(scope);
        String sql = exists
                ? "update " + table() + " set origin_transaction_id = ?, position_transaction_id = ?, "
                        + "base_transaction_id = ? where entity_name = ? and entity_id = ? and relations = ?"
                : "insert into " + table() + " (origin_transaction_id, position_transaction_id, base_transaction_id, "
                        + "entity_name, entity_id, relations) values (?, ?, ?, ?, ?, ?)";
        reads.jdbc.updatePosition(sql, ps -> {
            ps.setLong(1, position.origin());
            ps.setLong(2, position.position());
            ps.setLong(3, position.base());
            ps.setString(4, key.entityName());
            ps.setString(5, key.entityId());
            ps.setString(6, key.relations());
        });
    }

    private Key key(ScopeTimeline scope) {
        EntityRef<?> root = scope.root();
        String relations = scope.relations().stream()
                .map(member -> member.relation().attribute().getAttributeName()).toList().toString();
        String entityId = UndoKeys.entityId(root.idValues(reads.session));
        if (relations.length() > UndoScopeTable.KEY_LENGTH || entityId.length() > UndoScopeTable.KEY_LENGTH) {
            throw new HistoryLookupException("The UndoScope of " + root.name() + " with id " + root.id() + " and relations "
                    + relations + " does not fit the table of undo scopes, whose keys hold " + UndoScopeTable.KEY_LENGTH
                    + " characters; name fewer relations");
        }
        return new Key(root.persister().getRootEntityName(), entityId, relations);
    }
}
