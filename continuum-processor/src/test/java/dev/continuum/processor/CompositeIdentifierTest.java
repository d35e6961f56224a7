package dev.continuum.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entities with a composite identifier get a version class whose primary key is the identifier's
 * columns and the transaction, as the version table's is, and which maps the whole identifier
 * read-only as the entity's own identifier class.
 */
class CompositeIdentifierTest {

    @TempDir
    Path output;

    @Test
    void anEmbeddedIdBecomesOneIdFieldPerColumnAndTheEmbeddableOverTheSameColumns() {
        assertGeneratesExactly("embedded_id");
    }

    @Test
    void anIdClassEntityKeepsItsIdPropertiesAndGetsItsIdClassOverTheSameColumns() {
        assertGeneratesExactly("id_class");
    }

    private void assertGeneratesExactly(String name) {
        Fixture fixture = Fixture.named(name);

        assertThat(TestCompiler.withProcessor(output).withOptions("-Xlint:all,-processing,-serial", "-Werror")
                .compile(fixture.inputs())).isEmpty();

        fixture.assertGenerated(output);
    }
}
