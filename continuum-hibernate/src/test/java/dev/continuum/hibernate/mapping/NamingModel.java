package dev.continuum.hibernate.mapping;

import dev.continuum.Versioned;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Entities whose version tables are named by the suffix setting and by {@code @Versioned(table)}. */
final class NamingModel {

    private NamingModel() {
    }

    @Entity(name = "Memo")
    @Table(name = "map_memo")
    @Versioned
    static class Memo {
        @Id
        Long id;
        String text;
    }

    @Entity(name = "Ledger")
    @Table(name = "map_ledger")
    @Versioned(table = "map_ledger_audit")
    static class Ledger {
        @Id
        Long id;
        long balance;
    }
}
