package dev.continuum.hibernate.internal.read;

import dev.continuum.Version;

import org.hibernate.engine.spi.SessionImplementor;

import java.util.List;
import java.util.Optional;

/**
 * The neighbours and index of a version read on its own (not as part of a loaded list), each
 * looked up by one indexed statement on the entity's transaction ids, exactly as a loaded list
 * orders them: the previous version is the one recorded last before this version's transaction,
 * the next the one recorded first after it, the index the number recorded before it. Versions that
 * pruning removed are no neighbours: the lookups step over the gap, as the list does.
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
            int next = table.bindId(ps, table.bindTenant(ps, 1, session), version.row().values(), session);
            ps.setLong(next, version.transactionId());
        }, rs -> rs.next() ? rs.getLong(1) : 0L);
        return Math.toIntExact(count);
    }

    <T> Optional<Version<T>> previousOf(HibernateVersion<T> version) {
        List<Version<T>> found = neighbours(version, version.table().sql().previous);
        // of two versions in one transaction (a class change), the list puts the delete first
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
    }

    <T> Optional<Version<T>> nextOf(HibernateVersion<T> version) {
        return neighbours(version, version.table().sql().next).stream().findFirst();
    }

    /**
     * The versions of the same identifier and class in the transaction that {@code sql} finds
     * nearest to {@code version}'s, in the order of a loaded list.
     */
    @SuppressWarnings("unchecked")
    private <T> List<Version<T>> neighbours(HibernateVersion<T> version, String sql) {
        TableReader table = version.table();
        SessionImplementor session = reads.session;
        Object[] id = version.row().values();
        List<VersionRow> rows = reads.jdbc.query(sql, ps -> {
            int next = table.bindId(ps, table.bindTenant(ps, 1, session), id, session);
            next = table.bindId(ps, next, id, session);
            ps.setLong(next, version.transactionId());
        }, rs -> table.readAll(rs, session));
        Class<T> type = (Class<T>) version.snapshot().getClass();
        return reads.assembler.versions(type, table, rows);
    }
}
