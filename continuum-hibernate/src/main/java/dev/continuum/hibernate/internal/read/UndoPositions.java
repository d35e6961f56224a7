package dev.continuum.hibernate.internal.read;

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
        String sql = "select origin_transaction_id, position_transaction_id, base_transaction_id from "
                + reads.model.names().undoTable() + " where entity_name = ? and entity_id = ?";
        return reads.jdbc.query(sql, ps -> {
            ps.setString(1, entity.persister().getRootEntityName());
            ps.setString(2, idKey(entity));
        }, rs -> rs.next() ? Optional.of(new Position(rs.getLong(1), rs.getLong(2), rs.getLong(3))) : Optional.empty());
    }

    /** Records the position of an entity: an update when it has one ({@code exists}), else an insert. */
    void write(EntityRef<?> entity, Position position, boolean exists) {
        String table = reads.model.names().undoTable();
        String sql = exists
                ? "update " + table + " set origin_transaction_id = ?, position_transaction_id = ?, "
                        + "base_transaction_id = ? where entity_name = ? and entity_id = ?"
                : "insert into " + table + " (origin_transaction_id, position_transaction_id, base_transaction_id, "
                        + "entity_name, entity_id) values (?, ?, ?, ?, ?)";
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
        StringJoiner key = new StringJoiner(",");
        for (Object value : entity.idValues(reads.session)) {
            key.add(String.valueOf(value));
        }
        return key.toString();
    }
}
