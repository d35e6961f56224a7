package dev.continuum.hibernate.typed;

import dev.continuum.VersionOf;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/** A version class left behind after {@link Writer} stopped being versioned: the boot must fail. */
@VersionOf(Writer.class)
@Entity(name = "WriterVersion")
@Immutable
@Table(name = "typed_writer_version")
public class WriterVersion {

    @Id
    private Long id;

    protected WriterVersion() {
    }
}
