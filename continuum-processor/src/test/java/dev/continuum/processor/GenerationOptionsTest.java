package dev.continuum.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The processor options: generation on or off, names of classes, tables and columns, packages. */
class GenerationOptionsTest {

    @TempDir
    Path output;

    @Test
    void generationCanBeTurnedOff() {
        Fixture fixture = Fixture.named("representative_entity");

        assertThat(TestCompiler.withProcessor(output).withOptions("-Acontinuum.generate=false")
                .compile(fixture.inputs())).isEmpty();

        assertThat(output.resolve("com/example/ArticleVersion.java")).doesNotExist();
        assertThat(output.resolve("com/example/Article.class")).exists();
    }

    @Test
    void namesFollowTheOptionsAndTheVersionedTable() {
        Fixture fixture = Fixture.named("names_from_options");

        assertThat(TestCompiler.withProcessor(output).withOptions("-Acontinuum.versionClassSuffix=History",
                "-Acontinuum.tableSuffix=_hist", "-Acontinuum.transaction_id_column=tx",
                "-Acontinuum.end_transaction_id_column=end_tx", "-Acontinuum.operation_type_column=op")
                .compile(fixture.inputs())).isEmpty();

        fixture.assertGenerated(output);
    }

    @Test
    void packagesOptionLimitsChecksAndGeneration() {
        Fixture fixture = Fixture.named("packages_option");

        assertThat(TestCompiler.withProcessor(output).withOptions("-Acontinuum.packages=com.example.typed")
                .compile(fixture.inputs())).isEmpty();

        fixture.assertGenerated(output);
        assertThat(output.resolve("com/example/typed/NoteVersion.class")).exists();
    }
}
