package dev.continuum.bench.compact;

import dev.continuum.Compact;
import dev.continuum.Versioned;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The two documents of {@link dev.continuum.bench.CompactStorage}: the same long text, stored plainly and compactly. */
public final class Documents {

    private Documents() {
    }

    /** A document whose body history stores the whole text in every version. */
    @Entity
    @Table(name = "plain_document")
    @Versioned
    public static class PlainDocument {
        @Id
        public Long id;
        @JdbcTypeCode(SqlTypes.LONG32VARCHAR)
        public String body;
    }

    /** A document whose body history is stored compactly. */
    @Entity
    @Table(name = "compact_document")
    @Versioned
    public static class CompactDocument {
        @Id
        public Long id;
        @Compact
        @JdbcTypeCode(SqlTypes.LONG32VARCHAR)
        public String body;
    }
}
