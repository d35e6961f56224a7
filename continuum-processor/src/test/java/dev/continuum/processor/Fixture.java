package dev.continuum.processor;

import dev.continuum.processor.TestCompiler.Source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One case of {@code src/test/resources/fixtures/<case>/}: the entity sources to compile, laid out
 * by package, and under {@code expected/} the sources the processor must generate from them,
 * byte for byte.
 *
 * <p>When the generated code changes on purpose, run the tests with
 * {@code -Dcontinuum.fixtures.update=true}: every compared source is then written over its
 * fixture in {@code src/test/resources} (the test still fails, so that nobody ships it by
 * accident), and {@code git diff} shows the change to review.
 */
final class Fixture {

    private static final String EXPECTED = "expected";
    private static final boolean UPDATE = Boolean.getBoolean("continuum.fixtures.update");

    private final String name;
    private final Path directory;

    private Fixture(String name, Path directory) {
        this.name = name;
        this.directory = directory;
    }

    /** The case {@code name}, read from the test class path. */
    static Fixture named(String name) {
        URL url = Fixture.class.getResource("/fixtures/" + name);
        if (url == null) {
            throw new IllegalArgumentException("No fixture " + name + " under src/test/resources/fixtures");
        }
        try {
            return new Fixture(name, Path.of(url.toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every input source of the case, in a stable order. */
    Source[] inputs() {
        return sourcesUnder(directory, path -> !path.startsWith(directory.resolve(EXPECTED))).toArray(Source[]::new);
    }

    /** One input source, to locate diagnostics with {@link Source#at(String)}. */
    Source input(String qualifiedName) {
        Path path = directory.resolve(qualifiedName.replace('.', '/') + ".java");
        return Source.of(qualifiedName, read(path));
    }

    /** The generated sources the case expects, by path relative to the output directory. */
    Map<String, String> expected() {
        Map<String, String> expected = new TreeMap<>();
        Path root = directory.resolve(EXPECTED);
        if (Files.isDirectory(root)) {
            for (Path path : javaFiles(root)) {
                expected.put(relative(root, path), read(path));
            }
        }
        return expected;
    }

    /**
     * Fails unless the {@code .java} files in {@code output} are exactly the expected ones, each
     * equal to its fixture; the message shows the first lines that differ.
     */
    void assertGenerated(Path output) {
        Map<String, String> actual = new TreeMap<>();
        for (Path path : javaFiles(output)) {
            actual.put(relative(output, path), read(path));
        }
        Map<String, String> expected = expected();
        if (UPDATE) {
            update(actual);
            throw new AssertionError("Fixture " + name + " was rewritten from the generated sources; review it with "
                    + "git diff and run again without -Dcontinuum.fixtures.update");
        }
        if (!actual.keySet().equals(expected.keySet())) {
            throw new AssertionError("Fixture " + name + " expects the generated sources " + expected.keySet()
                    + " but the processor generated " + actual.keySet());
        }
        expected.forEach((path, text) -> SourceDiff.assertSame(name + "/" + EXPECTED + "/" + path, text,
                actual.get(path)));
    }

    private void update(Map<String, String> actual) {
        Path sources = Path.of("src", "test", "resources", "fixtures", name, EXPECTED);
        try {
            if (Files.isDirectory(sources)) {
                for (Path stale : javaFiles(sources)) {
                    Files.delete(stale);
                }
            }
            for (Map.Entry<String, String> entry : actual.entrySet()) {
                Path target = sources.resolve(entry.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, entry.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Source> sourcesUnder(Path root, java.util.function.Predicate<Path> included) {
        List<Source> sources = new ArrayList<>();
        for (Path path : javaFiles(root)) {
            if (included.test(path)) {
                String relative = relative(root, path);
                String qualifiedName = relative.substring(0, relative.length() - ".java".length()).replace('/', '.');
                sources.add(Source.of(qualifiedName, read(path)));
            }
        }
        return sources;
    }

    private static List<Path> javaFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(path -> path.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String relative(Path root, Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
