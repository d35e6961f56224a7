package dev.continuum.hibernate.meta;

import dev.continuum.ChangeContext;
import dev.continuum.HistoryAdmin;
import dev.continuum.HistoryLookupException;
import dev.continuum.Transaction;
import dev.continuum.Version;
import dev.continuum.hibernate.model.Note;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.StatementCounter;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Key/value metadata per transaction: set with ChangeContext or the provider, read with the transaction, queried. */
@Model(value = Note.class, properties = {StatementCounter.PROPERTY,
        "continuum.context_provider=dev.continuum.hibernate.meta.JobProvider"})
@SuppressWarnings("try") // the scopes are used by being open
class TransactionMetadataTest {

    @DatabaseTest
    void metadataSetForTheScopeIsRecordedWithTheTransaction(Db db) {
        try (ChangeContext.Scope scope = ChangeContext.meta("reason", "import")) {
            try (ChangeContext.Scope ticket = ChangeContext.meta("ticket", "T-17")) {
                db.run(em -> em.persist(new Note(1L, "imported")));
            }
            db.run(em -> em.find(Note.class, 1L).setText("edited"));
        }
        db.run(em -> em.find(Note.class, 1L).setText("plain"));

        List<Map<String, String>> metadata = db.read(history -> history.versions(Note.class, 1L).stream()
                .map(version -> Map.copyOf(version.transaction().metadata())).toList());

        assertThat(metadata).containsExactly(
                Map.of("job", "nightly", "reason", "import", "ticket", "T-17"),
                Map.of("job", "nightly", "reason", "import"),
                Map.of("job", "nightly", "reason", "scheduled"));
        assertThat(ChangeContext.metadata()).isEmpty();
    }

    @DatabaseTest
    void versionsAreReadInOneStatementAndTheirMetadataInOneMoreOnFirstUse(Db db) {
        for (int i = 0; i < 3; i++) {
            String text = "v" + i;
            db.run(em -> {
                Note note = em.find(Note.class, 1L);
                if (note == null) {
                    em.persist(new Note(1L, text));
                } else {
                    note.setText(text);
                }
            });
        }

        db.read(history -> {
            StatementCounter.reset();
            List<Version<Note>> versions = history.versions(Note.class, 1L);
            versions.forEach(version -> version.transaction().userId());
            assertThat(StatementCounter.statements()).hasSize(1);
            versions.forEach(version -> assertThat(version.transaction().metadata()).containsEntry("job", "nightly"));
            assertThat(StatementCounter.statements()).hasSize(2);
            return null;
        });
    }

    @DatabaseTest
    void theTransactionsWithAMetadataPairAreFoundNewestFirst(Db db) {
        try (ChangeContext.Scope scope = ChangeContext.meta("reason", "import")) {
            db.run(em -> em.persist(new Note(1L, "a")));
            db.run(em -> em.persist(new Note(2L, "b")));
        }
        db.run(em -> em.persist(new Note(3L, "c")));

        List<Transaction> imports = db.read(history -> history.transactionsWithMetadata("reason", "import", 10));
        List<Long> importIds = imports.stream().map(Transaction::id).toList();
        long first = db.read(history -> history.versions(Note.class, 1L).get(0).transactionId());
        long second = db.read(history -> history.versions(Note.class, 2L).get(0).transactionId());

        assertThat(importIds).containsExactly(second, first);
        assertThat(imports.get(0).metadata()).containsEntry("reason", "import");
        List<Transaction> newest = db.read(history -> history.transactionsWithMetadata("reason", "import", 1));
        List<Transaction> exports = db.read(history -> history.transactionsWithMetadata("reason", "export", 10));
        assertThat(newest).hasSize(1);
        assertThat(exports).isEmpty();
    }

    @DatabaseTest
    void theTransactionByIdHasItsMetadata(Db db) {
        try (ChangeContext.Scope scope = ChangeContext.meta("reason", "import")) {
            db.run(em -> em.persist(new Note(1L, "a")));
        }
        long id = db.read(history -> history.versions(Note.class, 1L).get(0).transactionId());

        Map<String, String> metadata = db.read(history -> Map.copyOf(history.transaction(id).orElseThrow().metadata()));
        assertThat(metadata).containsEntry("reason", "import").containsEntry("job", "nightly");
    }

    @DatabaseTest
    void aTransactionWhoseMetadataWasNotReadCanBeComparedAndPrintedAfterItsEntityManagerClosed(Db db) {
        try (ChangeContext.Scope scope = ChangeContext.meta("reason", "import")) {
            db.run(em -> em.persist(new Note(1L, "a")));
        }
        Transaction unread = db.read(history -> history.versions(Note.class, 1L).get(0).transaction());
        Transaction read = db.read(history -> {
            Transaction transaction = history.versions(Note.class, 1L).get(0).transaction();
            transaction.metadata().size();
            return transaction;
        });

        assertThat(unread).isEqualTo(read).hasSameHashCodeAs(read);
        assertThat(unread.toString()).contains("id=" + unread.id()).contains("metadata=(not read yet)");
        assertThat(read.toString()).contains("reason=import");
        assertThat(read.metadata()).containsEntry("reason", "import");
        assertThatThrownBy(() -> unread.metadata().get("reason")).isInstanceOf(HistoryLookupException.class)
                .hasMessageContaining("EntityManager is closed");
    }

    @DatabaseTest
    void erasingAnEntityDeletesTheMetadataOfTheTransactionsItLeavesEmpty(Db db) {
        try (ChangeContext.Scope scope = ChangeContext.meta("reason", "import")) {
            db.run(em -> em.persist(new Note(1L, "a")));
        }
        db.run(em -> em.persist(new Note(2L, "b")));

        HistoryAdmin.of(db.emf()).erase(Note.class, 1L);

        assertThat(db.count("transaction")).isEqualTo(1);
        assertThat(db.rows("select meta_key from transaction_meta")).extracting(row -> row.get("meta_key"))
                .containsExactlyInAnyOrder("job", "reason");
    }
}
