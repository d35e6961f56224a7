package dev.continuum.processor;

import static javax.tools.Diagnostic.Kind.WARNING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.processor.TestCompiler.Reported;

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

        assertThat(TestCompiler.withProcessor(output).withOptions("-Acontinuum.version_class_suffix=History",
                "-Acontinuum.table_suffix=_hist", "-Acontinuum.transaction_id_column=tx",
                "-Acontinuum.end_transaction_id_column=end_tx", "-Acontinuum.operation_type_column=op")
                .compile(fixture.inputs())).isEmpty();

        fixture.assertGenerated(output);
    }

    @Test
    void formerCamelCaseNamesStillApplyWithAWarningNamingTheNewOption() {
        Fixture fixture = Fixture.named("names_from_options");

        assertThat(TestCompiler.withProcessor(output).withOptions("-Acontinuum.versionClassSuffix=History",
                "-Acontinuum.tableSuffix=_hist", "-Acontinuum.transaction_id_column=tx",
                "-Acontinuum.end_transaction_id_column=end_tx", "-Acontinuum.operation_type_column=op")
                .compile(fixture.inputs())).containsExactlyInAnyOrder(
                        new Reported(WARNING, "-", "-Acontinuum.versionClassSuffix is now named "
                                + "-Acontinuum.version_class_suffix, in the snake_case of the runtime settings "
                                + "(continuum.table_suffix, continuum.transaction_id_column...); the old name still "
                                + "works for now but will be removed: use -Acontinuum.version_class_suffix=History"),
                        new Reported(WARNING, "-", "-Acontinuum.tableSuffix is now named -Acontinuum.table_suffix, "
                                + "in the snake_case of the runtime settings (continuum.table_suffix, "
                                + "continuum.transaction_id_column...); the old name still works for now but will be "
                                + "removed: use -Acontinuum.table_suffix=_hist"));

        fixture.assertGenerated(output);
    }

    @Test
    void aFormerNameGivenWithTheNewOneIsIgnoredWithAWarning() {
        Fixture fixture = Fixture.named("single_note");

        assertThat(TestCompiler.withProcessor(output).withOptions("-Acontinuum.table_suffix=_history",
                "-Acontinuum.tableSuffix=_hist").compile(fixture.inputs()))
                .containsExactly(new Reported(WARNING, "-", "-Acontinuum.tableSuffix is ignored: it is now named "
                        + "-Acontinuum.table_suffix, which is given too; remove -Acontinuum.tableSuffix"));

        assertThat(output.resolve("com/example/NoteVersion.java")).content().contains("@Table(name = \"Note_history\")");
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
