package dev.continuum.processor;

import static javax.tools.Diagnostic.Kind.WARNING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.processor.TestCompiler.Reported;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entities of an inheritance hierarchy get the version classes of the version tables the runtime
 * lays out for them: the root's for a single-table hierarchy, each concrete class's for
 * TABLE_PER_CLASS, the root's level for JOINED.
 */
class InheritanceTest {

    private static final String[] STRICT = {"-Xlint:all,-processing", "-Werror"};

    @TempDir
    Path output;

    @Test
    void aSingleTableRootMapsTheDiscriminatorAndTheColumnsOfItsSubclassesNullable() {
        Fixture fixture = Fixture.named("single_table_root");

        assertThat(TestCompiler.withProcessor(output).withOptions(STRICT).compile(fixture.inputs())).isEmpty();

        fixture.assertGenerated(output);
    }

    @Test
    void eachConcreteClassOfATablePerClassHierarchyMapsItsOwnTable() {
        Fixture fixture = Fixture.named("table_per_class");

        assertThat(TestCompiler.withProcessor(output).withOptions(STRICT).compile(fixture.inputs())).isEmpty();

        fixture.assertGenerated(output);
    }

    @Test
    void aJoinedRootMapsItsLevelAndWarnsOnceAboutTheSubclassesLevels() {
        Fixture fixture = Fixture.named("joined_root");

        assertThat(TestCompiler.withProcessor(output).compile(fixture.inputs())).containsExactly(new Reported(WARNING,
                fixture.input("com.example.Animal").at("@Versioned\n"), "The JOINED subclasses of Animal (Dog) get "
                        + "no version class: typed version classes do not map the version tables of JOINED "
                        + "subclasses yet, and com.example.AnimalVersion maps the columns they share with Animal. "
                        + "Their versions are recorded all the same; read them with VersionHistory"));

        fixture.assertGenerated(output);
    }
}
