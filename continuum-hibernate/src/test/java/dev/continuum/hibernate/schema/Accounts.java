package dev.continuum.hibernate.schema;

import dev.continuum.NotVersioned;
import dev.continuum.Versioned;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.HashSet;
import java.util.Set;

/** Entities embedding {@link Credentials}, whose secret is {@code @NotVersioned} inside the embeddable. */
final class Accounts {

    private Accounts() {
    }

    @Entity
    @Table(name = "account")
    @Versioned
    public static class Account {
        @Id
        public Long id;
        public String name;
        @Embedded
        public Credentials credentials;
    }

    @Entity
    @Table(name = "keyring")
    @Versioned
    public static class Keyring {
        @Id
        public Long id;
        @ElementCollection
        @CollectionTable(name = "keyring_key")
        public Set<Credentials> keys = new HashSet<>();
    }

    /** The exclusion where it is honoured: on the embedded property of the entity. */
    @Entity
    @Table(name = "safe_account")
    @Versioned
    public static class SafeAccount {
        @Id
        public Long id;
        public String name;
        @Embedded
        @NotVersioned
        public Credentials credentials;
    }
}
