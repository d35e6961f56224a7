package dev.continuum.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.processor.TestCompiler.Source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an incremental build hands back to the processor is its own earlier output, not a name clash. */
class IncrementalBuildTest {

    @TempDir
    Path output;

    private final Fixture fixture = Fixture.named("single_note");

    @Test
    void typeOfTheSameNameIsNoClashWhenItIsAnEarlierVersionClass() {
        assertThat(TestCompiler.withProcessor(output).compile(fixture.inputs())).isEmpty();

        Path next = output.resolve("next");
        assertThat(TestCompiler.withProcessor(next).withClasspath(output).compile(fixture.inputs())).isEmpty();
        assertThat(next.resolve("com/example/NoteVersion.class")).exists();
    }

    @Test
    void theParentOfAJoinColumnChildCompiledEarlierIsFoundInTheChildsPackage() throws IOException {
        Fixture family = Fixture.named("join_column_child");
        assertThat(TestCompiler.withProcessor(output).compile(family.inputs())).isEmpty();

        // an IDE recompiles the child alone: the parent is a class file of its package
        Path next = output.resolve("next");
        assertThat(TestCompiler.withProcessor(next).withClasspath(output)
                .compile(family.input("com.example.Track"))).isEmpty();

        assertThat(Files.readString(next.resolve("com/example/TrackVersion.java")))
                .isEqualTo(Files.readString(output.resolve("com/example/TrackVersion.java")));
    }

    @Test
    void generatedSourcePassedBackInAsASourceIsNoClash() throws IOException {
        assertThat(TestCompiler.withProcessor(output).compile(fixture.inputs())).isEmpty();
        Source earlier = Source.of("com.example.NoteVersion",
                Files.readString(output.resolve("com/example/NoteVersion.java")));

        assertThat(TestCompiler.withProcessor(output.resolve("next"))
                .compile(fixture.input("com.example.Note"), earlier)).isEmpty();
    }
}
