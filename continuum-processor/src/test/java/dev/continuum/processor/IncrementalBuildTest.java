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
    void generatedSourcePassedBackInAsASourceIsNoClash() throws IOException {
        assertThat(TestCompiler.withProcessor(output).compile(fixture.inputs())).isEmpty();
        Source earlier = Source.of("com.example.NoteVersion",
                Files.readString(output.resolve("com/example/NoteVersion.java")));

        assertThat(TestCompiler.withProcessor(output.resolve("next"))
                .compile(fixture.input("com.example.Note"), earlier)).isEmpty();
    }
}
