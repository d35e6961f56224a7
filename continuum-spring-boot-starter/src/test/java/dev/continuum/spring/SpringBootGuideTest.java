package dev.continuum.spring;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/spring-boot.md} shows the example application the tests run: each code block that
 * starts with a {@code snippet:} marker is the block of that name in the test sources (the
 * application in {@code dev.continuum.spring.sample} and its {@code application.properties}),
 * and every such block is shown.
 */
@Tag("database-independent")
class SpringBootGuideTest {

    private static final Path GUIDE = Path.of("..", "docs", "spring-boot.md");
    private static final Pattern MARKER = Pattern.compile("^\\s*(?://|#) snippet: (.+)$");
    private static final Pattern END = Pattern.compile("^\\s*(?://|#) end snippet$");

    /** The snippets of the sources, by name. */
    static Map<String, String> sourceSnippets() throws IOException {
        Map<String, String> snippets = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src", "test", "java", "dev", "continuum", "spring", "sample"))) {
            sources.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
        }
        files.add(Path.of("src", "test", "resources", "application.properties"));
        for (Path file : files) {
            String name = null;
            List<String> lines = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                Matcher marker = MARKER.matcher(line);
                if (marker.matches()) {
                    name = marker.group(1).trim();
                    lines.clear();
                } else if (END.matcher(line).matches()) {
                    snippets.put(name, dedent(lines));
                    name = null;
                } else if (name != null) {
                    lines.add(line);
                }
            }
        }
        return snippets;
    }

    /** The snippets quoted in the guide, by name: code blocks whose first line is a marker. */
    static Map<String, String> guideSnippets() throws IOException {
        Map<String, String> snippets = new LinkedHashMap<>();
        List<String> block = null;
        for (String line : Files.readAllLines(GUIDE)) {
            if (line.startsWith("```")) {
                if (block == null) {
                    block = new ArrayList<>();
                } else {
                    Matcher marker = block.isEmpty() ? null : MARKER.matcher(block.get(0));
                    if (marker != null && marker.matches()) {
                        snippets.put(marker.group(1).trim(), dedent(block.subList(1, block.size())));
                    }
                    block = null;
                }
            } else if (block != null) {
                block.add(line);
            }
        }
        return snippets;
    }

    static String dedent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return String.join("\n", lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList()).strip();
    }

    @Test
    void theGuideShowsEverySnippetOfTheApplication() throws IOException {
        assertThat(guideSnippets().keySet()).containsExactlyInAnyOrderElementsOf(sourceSnippets().keySet());
    }

    @Test
    void eachSnippetOfTheGuideIsTheCodeTheTestsRun() throws IOException {
        Map<String, String> sources = sourceSnippets();
        guideSnippets().forEach((name, shown) -> assertThat(shown).as("snippet '%s'", name).isEqualTo(sources.get(name)));
    }

    @Test
    void theGuideNamesTheStartersCoordinates() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher version = Pattern.compile("<parent>.*?<version>(.+?)</version>", Pattern.DOTALL).matcher(pom);
        assertThat(version.find()).isTrue();

        assertThat(Files.readString(GUIDE)).contains("<artifactId>continuum-spring-boot-starter</artifactId>\n"
                + "  <version>" + version.group(1) + "</version>");
    }
}
