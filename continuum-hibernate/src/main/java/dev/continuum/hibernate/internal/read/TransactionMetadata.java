package dev.continuum.hibernate.internal.read;

import dev.continuum.HistoryLookupException;
import dev.continuum.Transaction;
import dev.continuum.hibernate.internal.model.TransactionExtraTables;

import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Reads the key/value metadata of transactions from the metadata table, on first use and for
 * every transaction of one read at once (one statement per 500 transactions), so that reading
 * versions with their transactions costs no statement for metadata nobody looks at.
 */
final class TransactionMetadata {

    private static final int CHUNK = 500;

    private final String table;

    /** @param table the rendered name of the metadata table */
    TransactionMetadata(String table) {
        this.table = table;
    }

    /** The rendered name of the metadata table. */
    String table() {
        return table;
    }

    /** A new batch: the transactions of one read, read together through {@code session}. */
    Batch batch(SharedSessionContractImplementor session) {
        return new Batch(session);
    }

    /** The transactions of one read, whose metadata is read together on the first use of any. */
    final class Batch {
        private final SharedSessionContractImplementor session;
        private final Set<Long> ids = new LinkedHashSet<>();
        private Map<Long, Map<String, String>> loaded;

        private Batch(SharedSessionContractImplementor session) {
            this.session = session;
        }

        /** The metadata of transaction {@code id}, read with the others of the batch on first use. */
        Map<String, String> of(long id) {
            ids.add(id);
            return new OnDemand(this, id);
        }

        private boolean isRead(long id) {
            return loaded != null && loaded.containsKey(id);
        }

        private Map<String, String> load(long id) {
            if (loaded == null || !loaded.containsKey(id)) {
                read();
            }
            return loaded.getOrDefault(id, Map.of());
        }

        private void read() {
            if (session.isClosed()) {
                throw new HistoryLookupException("The metadata of a transaction is read on first use, through the "
                        + "EntityManager that read the transaction, and that EntityManager is closed; use metadata() "
                        + "while it is open (or copy it: Map.copyOf(transaction.metadata()))");
            }
            Map<Long, Map<String, String>> read = new HashMap<>();
            ids.forEach(id -> read.put(id, new LinkedHashMap<>()));
            List<Long> all = new ArrayList<>(ids);
            SessionJdbc jdbc = new SessionJdbc((SessionImplementor) session);
            for (int from = 0; from < all.size(); from += CHUNK) {
                List<Long> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
                StringJoiner in = new StringJoiner(", ", "select " + TransactionExtraTables.TRANSACTION_ID + ", "
                        + TransactionExtraTables.KEY + ", " + TransactionExtraTables.VALUE + " from " + table
                        + " where " + TransactionExtraTables.TRANSACTION_ID + " in (", ") order by "
                        + TransactionExtraTables.KEY);
                chunk.forEach(id -> in.add("?"));
                jdbc.query(in.toString(), ps -> {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setLong(i + 1, chunk.get(i));
                    }
                }, rs -> {
                    while (rs.next()) {
                        read.get(rs.getLong(1)).put(rs.getString(2), rs.getString(3));
                    }
                    return null;
                });
            }
            Map<Long, Map<String, String>> frozen = new HashMap<>();
            read.forEach((id, pairs) -> frozen.put(id, Collections.unmodifiableMap(pairs)));
            loaded = frozen;
        }
    }

    /** The metadata of one transaction of a batch, read on first use. */
    private static final class OnDemand extends Transaction.ReadOnDemand {
        private final Batch batch;
        private final long id;

        OnDemand(Batch batch, long id) {
            this.batch = batch;
            this.id = id;
        }

        @Override
        public boolean isRead() {
            return batch.isRead(id);
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return batch.load(id).entrySet();
        }
    }
}
