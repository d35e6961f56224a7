package dev.continuum.examples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's demo runs on embedded H2: history with changesets and tags, a revert and an undo. */
class DemoTest {

    @Test
    void demoPrintsTheHistoryAndTheRecordedRows() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Demo.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);

        assertThat(output).contains("#0 INSERT by alice status: - -> DRAFT, title: - -> Continuum in ten minutes");
        assertThat(output).contains("#1 UPDATE by bob   status: DRAFT -> PUBLISHED, "
                + "title: Continuum in ten minutes -> Continuum in five minutes");
        assertThat(output).contains("#2 DELETE by carol status: PUBLISHED -> -, title: Continuum in five minutes -> -");
        assertThat(output).contains("Continuum in five minutes, tags: +[jpa]; tags then: [java, jpa]");
        assertThat(output).containsPattern("#0 INSERT .*; tags then: \\[java]");
        assertThat(output).containsPattern("#1 UPDATE .*; tags then: \\[java, jpa]");
        assertThat(output).containsPattern("#2 DELETE .*; tags then: \\[java, jpa]");
        assertThat(output).contains("dave reverted it to version #0 with its tags: it is back, as first written, "
                + "tagged [java]");
        assertThat(output).containsPattern("1 +\\| jpa +\\| 2 +\\| 3 +\\| 0");
        assertThat(output).containsPattern("1 +\\| java +\\| 4 +\\| 5 +\\| 0");
        assertThat(output).contains("transaction 2: UPDATE \"Continuum in five minutes\"",
                "transaction 3: DELETE \"Continuum in five minutes\"");
        assertThat(output).containsPattern("1 +\\| Continuum in ten minutes +\\| DRAFT +\\| 1 +\\| 2 +\\| 0");
        assertThat(output).containsPattern("1 +\\| Continuum in five minutes \\| PUBLISHED \\| 2 +\\| 3 +\\| 1");
        assertThat(output).containsPattern("1 +\\| Continuum in five minutes \\| PUBLISHED \\| 3 +\\| 4 +\\| 2");
        assertThat(output).containsPattern("1 +\\| Continuum in ten minutes +\\| DRAFT +\\| 4 +\\| 5 +\\| 0");
        assertThat(output).containsPattern("1 +\\| Continuum in ten minutes +\\| DRAFT +\\| 5 +\\| +\\| 2");
        assertThat(output).containsPattern("1 +\\| .*Z \\| alice +\\| 203.0.113.7");
        assertThat(output).containsPattern("5 +\\| .*Z \\| dave");
    }
}
