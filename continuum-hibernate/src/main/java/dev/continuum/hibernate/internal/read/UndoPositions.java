package dev.continuum.hibernate.internal.read;

import dev.continuum.hibernate.internal.model.UndoKeys;

import dev.continuum.hibernate.internal.model.TableNames;

import java.util.Optional;
import java.util.StringJoiner;

/**
 * The undo/redo positions of entities, one row per entity that was undone in the undo table
 * ({@code continuum_undo} by default), read and written in the session's transaction.
 */
final class UndoPositions {

    /**
     * Where an entity's undo/redo series stands.
     *
     * @param origin the latest version when the series began: the end of its timeline
     * @param position the timeline version the entity shows
     * @param base the latest version before the last step: the series is open while it still is the one before the latest
     */
    record Position(long origin, long position, long base) {
    }

    private final ReadSession reads;

    UndoPositions(ReadSession reads) {
        this.reads = reads;
    }

    /** The position of an entity, or empty when it was never undone. */
    Optional<Position> read(EntityRef<?> entity) {
        TableNames.UndoColumns u = reads.model.names().undoColumns();
        String sql = "select " + u.originTransactionId() + ", " + u.positionTransactionId() + ", "
                + u.baseTransactionId() + " from " + reads.model.names().undoTable() + " where " + u.entityName()
                + " = ? and " + u.entityId() + " = ?";
        return reads.jdbc.query(sql, ps -> {
            ps.setString(1, entity.persister().getRootEntityName());
            ps.setString(2, idKey(entity));
        }, rs -> rs.next() ? Optional.of(new Position(rs.getLong(1), rs.getLong(2), rs.getLong(3))) : Optional.empty());
    }

    /** Records the position of an entity: an update when it has one ({@code exists}), else an insert. */
    void write(EntityRef<?> entity, Position position, boolean exists) {
        String table = reads.model.names().undoTable();
        TableNames.UndoColumns u = reads.model.names().undoColumns();
        String sql = exists
                ? "update " + table + " set " + u.originTransactionId() + " = ?, " + u.positionTransactionId()
                        + " = ?, " + u.baseTransactionId() + " = ? where " + u.entityName() + " = ? and "
                        + u.entityId() + " = ?"
                : "insert into " + table + " (" + u.originTransactionId() + ", " + u.positionTransactionId() + ", "
                        + u.baseTransactionId() + ", " + u.entityName() + ", " + u.entityId() + ") values (?, ?, ?, ?, ?)";
        reads.jdbc.updatePosition(sql, ps -> {
            ps.setLong(1, position.origin());
            ps.setLong(2, position.position());
            ps.setLong(3, position.base());
            ps.setString(4, entity.persister().getRootEntityName());
            ps.setString(5, idKey(entity));
        });
    }

    /** The identifier as the undo table keys it: its JDBC values, comma-separated. */
    private String idKey(EntityRef<?> entity) {
        return UndoKeys.entityId(entity.idValues(reads.session));
    }

}
