package dev.continuum.hibernate.admin;

import dev.continuum.Versioned;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import java.util.HashSet;
import java.util.Set;

/** An entity with an element collection, for version tables partitioned by transaction id. */
final class PartitionModel {

    private PartitionModel() {
    }

    @Entity
    @Table(name = "pt_account")
    @Versioned
    static class Account {
        @Id
        Long id;
        String owner;
        @ElementCollection
        @CollectionTable(name = "pt_account_tag", joinColumns = @JoinColumn(name = "account_id"))
        @Column(name = "tag")
        Set<String> tags = new HashSet<>();

        protected Account() {
        }

        Account(Long id, String owner) {
            this.id = id;
            this.owner = owner;
        }
    }
}
