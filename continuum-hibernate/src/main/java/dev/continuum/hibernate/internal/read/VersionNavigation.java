package dev.continuum.hibernate.internal.read;

import dev.continuum.Version;

import org.hibernate.engine.spi.SessionImplementor;

import java.util.List;
import java.util.Optional;

/**
 * The neighbours and index of a version read on its own (not as part of a loaded list), each
 * looked up by one indexed statement on the validity columns: the previous version is the one this
 * version's transaction superseded, the next the one its end transaction recorded.
 */
final class VersionNavigation {

    private final ReadSession reads;

    VersionNavigation(ReadSession reads) {
        this.reads = reads;
    }

    /** The number of versions of the entity recorded before {@code version}. */
    int indexOf(HibernateVersion<?> version) {
        TableReader table = version.table();
        SessionImplementor session = reads.session;
        long count = reads.jdbc.query(table.sql().index, ps -> {
            int next = table.bindId(ps, 1, version.row().values(), session);
            ps.setLong(next, version.transactionId());
        }, rs -> rs.next() ? rs.getLong(1) : 0L);
        return Math.toIntExact(count);
    }

    <T> Optional<Version<T>> previousOf(HibernateVersion<T> version) {
        return neighbour(version, version.table().sql().previous, version.transactionId());
    }

    <T> Optional<Version<T>> nextOf(HibernateVersion<T> version) {
        return neighbour(version, version.table().sql().recordedIn, version.row().endTransactionId());
    }

    /** The version of the same identifier and class whose transaction column matches {@code transactionId}. */
    @SuppressWarnings("unchecked")
    private <T> Optional<Version<T>> neighbour(HibernateVersion<T> version, String sql, long transactionId) {
        TableReader table = version.table();
        SessionImplementor session = reads.session;
        List<VersionRow> rows = reads.jdbc.query(sql, ps -> {
            int next = table.bindId(ps, 1, version.row().values(), session);
            ps.setLong(next, transactionId);
        }, rs -> table.readAll(rs, session));
        Class<T> type = (Class<T>) version.snapshot().getClass();
        return reads.assembler.versions(type, table, rows).stream().findFirst();
    }
}
