package dev.continuum.hibernate.internal.read;

import dev.continuum.HistoryLookupException;
import dev.continuum.UndoScope;
import dev.continuum.hibernate.internal.model.TableNames;
import dev.continuum.hibernate.internal.model.TableNames.UndoColumns;
import dev.continuum.hibernate.internal.model.UndoKeys;
import dev.continuum.hibernate.internal.model.UndoScopeTable;

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

    /** The position of the scope, or empty when it was never undone. */
    Optional<Position> read(ScopeTimeline scope) {
        Key key = key(scope);
        TableNames names = reads.model.names();
        UndoColumns u = names.undoColumns();
        String sql = "select " + u.originTransactionId() + ", " + u.positionTransactionId() + ", "
                + u.baseTransactionId() + " from " + names.undoScopeTable() + " where " + u.entityName() + " = ? and "
                + u.entityId() + " = ? and " + names.undoScopeRelations() + " = ?";
        return reads.jdbc.query(sql, ps -> {
            ps.setString(1, key.entityName());
            ps.setString(2, key.entityId());
            ps.setString(3, key.relations());
        }, rs -> rs.next() ? Optional.of(new Position(rs.getLong(1), rs.getLong(2), rs.getLong(3))) : Optional.empty());
    }

    /** Records the position of the scope: an update when it has one ({@code exists}), else an insert. */
    void write(ScopeTimeline scope, Position position, boolean exists) {
        Key key = key(scope);
        TableNames names = reads.model.names();
        UndoColumns u = names.undoColumns();
        String sql = exists
                ? "update " + names.undoScopeTable() + " set " + u.originTransactionId() + " = ?, "
                        + u.positionTransactionId() + " = ?, " + u.baseTransactionId() + " = ? where " + u.entityName()
                        + " = ? and " + u.entityId() + " = ? and " + names.undoScopeRelations() + " = ?"
                : "insert into " + names.undoScopeTable() + " (" + u.originTransactionId() + ", "
                        + u.positionTransactionId() + ", " + u.baseTransactionId() + ", " + u.entityName() + ", "
                        + u.entityId() + ", " + names.undoScopeRelations() + ") values (?, ?, ?, ?, ?, ?)";
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
