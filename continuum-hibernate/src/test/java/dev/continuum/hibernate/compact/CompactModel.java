package dev.continuum.hibernate.compact;

import dev.continuum.Compact;
import dev.continuum.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A document whose large properties are stored compactly: a text, a binary value and a JSON text. */
final class CompactModel {

    private CompactModel() {
    }

    @Entity
    @Table(name = "cp_document")
    @Versioned(modifiedFlags = Versioned.Setting.ENABLED)
    static class Document {
        @Id
        Long id;
        String title;
        @Lob
        @Compact
        String body;
        @Compact
        @Column(length = 200_000)
        byte[] data;
        @Compact
        @JdbcTypeCode(SqlTypes.JSON)
        String meta;

        protected Document() {
        }

        Document(Long id, String title, String body) {
            this.id = id;
            this.title = title;
            this.body = body;
        }
    }

    /** Not part of the test model: {@code @Compact} on a type compact storage does not hold. */
    @Entity
    @Table(name = "cp_counter")
    @Versioned
    static class Counter {
        @Id
        Long id;
        @Compact
        Integer count;
    }
}
