package dev.continuum.hibernate.internal.integrity;

import dev.continuum.IntegrityReport;

import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.type.BasicType;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Writes a seal: the digest of the hashes of the transactions since the last seal, in id order,
 * chained to that seal's digest. Only transactions issued {@code settle} ago or earlier are sealed,
 * so that one that took its id earlier but commits later is not left out of the seal it belongs to.
 */
final class Sealer {

    private final Integrity integrity;
    private final SharedSessionContractImplementor session;
    private final Connection connection;

    Sealer(Integrity integrity, SharedSessionContractImplementor session, Connection connection) {
        this.integrity = integrity;
        this.session = session;
        this.connection = connection;
    }

    /**
     * Seals the transactions after the last seal up to the last one {@code checked} and issued
     * {@code settle} ago; returns {@code report} with the new seal, or as it is when there is none to seal.
     */
    IntegrityReport seal(IntegrityReport report, long checked, Duration settle) throws SQLException {
        long after = report.lastSeal().map(IntegrityReport.Seal::lastTransactionId).orElse(0L);
        long cutoff = Math.min(checked, settled(settle));
        if (cutoff <= after) {
            return report;
        }
        MessageDigest digest = Hashes.seal(report.lastSeal().map(seal -> Hashes.bytes(seal.digest())).orElse(null));
        long count = 0;
        long last = after;
        try (PreparedStatement statement = connection.prepareStatement("select transaction_id, "
                + integrity.names().rowHash() + " from " + integrity.names().hashTable() + " where transaction_id > ?"
                + " and transaction_id <= ? order by transaction_id")) {
            statement.setFetchSize(1000);
            statement.setLong(1, after);
            statement.setLong(2, cutoff);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    last = rs.getLong(1);
                    Hashes.sealEntry(digest, last, Hashes.bytes(rs.getString(2)));
                    count++;
                }
            }
        }
        if (count == 0) {
            return report;
        }
        String hex = Hashes.hex(digest.digest());
        Instant now = Instant.now();
        try (PreparedStatement insert = connection.prepareStatement("insert into " + integrity.names().sealTable()
                + " (after_transaction_id, last_transaction_id, transactions, digest, sealed_at) values (?, ?, ?, ?, ?)")) {
            insert.setLong(1, after);
            insert.setLong(2, last);
            insert.setLong(3, count);
            insert.setString(4, hex);
            instantType().getJdbcValueBinder().bind(insert, now, 5, session);
            insert.executeUpdate();
        }
        return new IntegrityReport(report.brokenLink(), report.versions(), report.transactions(),
                report.removedVersions(), report.erasedUsers(),
                Optional.of(new IntegrityReport.Seal(last, count, hex, now)));
    }

    /** The last transaction issued {@code settle} ago or earlier, or 0. */
    private long settled(Duration settle) throws SQLException {
        var names = integrity.model().names();
        try (PreparedStatement statement = connection.prepareStatement("select max(" + names.transactionColumns().id()
                + ") from " + names.transactionTable() + " where " + names.transactionColumns().issuedAt() + " <= ?")) {
            instantType().getJdbcValueBinder().bind(statement, Instant.now().minus(settle), 1, session);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private BasicType<Instant> instantType() {
        return session.getFactory().getTypeConfiguration().getBasicTypeForJavaType(Instant.class);
    }
}
