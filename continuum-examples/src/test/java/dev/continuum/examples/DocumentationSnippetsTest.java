package dev.continuum.examples;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The code the README and the getting-started guide show is the code the tests compile and run.
 *
 * <p>In those pages every {@code java} and {@code xml} block follows a line
 * {@code <!-- snippet: path -->} or {@code <!-- snippet: path#name -->} (invisible once rendered)
 * naming its source, relative to the repository root: the whole file, or the lines between
 * {@code // snippet: name} and {@code // end snippet} ({@code <!-- snippet: name -->} and
 * {@code <!-- end snippet -->} in XML; an end may repeat the name to close an enclosing region).
 * Marker lines are left out and the region's common indentation removed; a block must then equal
 * its source, except that a line {@code // ...} or {@code <!-- ... -->} stands for the lines left out.
 */
class DocumentationSnippetsTest {

    private static final List<String> PAGES = List.of("README.md", "docs/getting-started.md");
    private static final Pattern PAGE_MARKER = Pattern.compile("<!-- snippet: ([^#\\s]+)(?:#([^>]+?))? -->");
    private static final Pattern FENCE = Pattern.compile("```\\s*(\\w*)\\s*");
    private static final Pattern SOURCE_START = Pattern.compile("(?://|<!--)\\s*snippet: (.+?)\\s*(?:-->)?");
    private static final Pattern SOURCE_END = Pattern.compile("(?://|<!--)\\s*end snippet(?:: (.+?))?\\s*(?:-->)?");
    private static final Set<String> QUOTED_LANGUAGES = Set.of("java", "xml");

    private static final Path ROOT = findRoot();

    /** A fenced block of a page, with the source its marker names (empty when it has no marker). */
    private record Block(String page, int line, String language, String source, String region, List<String> lines) {

        String where() {
            return page + ":" + line;
        }
    }

    @TestFactory
    Stream<DynamicTest> everyQuotedBlockEqualsItsSource() {
        return blocks().stream().filter(block -> !block.source().isEmpty())
                .map(block -> DynamicTest.dynamicTest(block.where() + " quotes " + block.source()
                        + (block.region() == null ? "" : "#" + block.region()), () -> assertQuotes(block)));
    }

    @Test
    void everyJavaAndXmlBlockNamesItsSource() {
        List<String> unmarked = blocks().stream()
                .filter(block -> block.source().isEmpty() && QUOTED_LANGUAGES.contains(block.language()))
                .map(Block::where).toList();

        assertThat(unmarked).as("%s blocks without a <!-- snippet: path#name --> line before them",
                QUOTED_LANGUAGES).isEmpty();
    }

    @Test
    void theGettingStartedPomUsesTheVersionsThisBuildUses() {
        Map<String, String> built = managedVersions(parse(ROOT.resolve("pom.xml")));
        Document example = parse(ROOT.resolve("continuum-examples/src/test/getting-started/pom.xml"));
        Map<String, String> shown = new LinkedHashMap<>();
        for (String tag : List.of("dependency", "path", "plugin")) {
            NodeList elements = example.getElementsByTagName(tag);
            for (int i = 0; i < elements.getLength(); i++) {
                Element element = (Element) elements.item(i);
                shown.put(coordinates(element), child(element, "version"));
            }
        }

        assertThat(shown).isNotEmpty();
        shown.forEach((coordinates, version) -> assertThat(version)
                .as("version of %s in the getting-started pom.xml", coordinates)
                .isEqualTo(built.get(coordinates)));
    }

    private static void assertQuotes(Block block) {
        Path file = ROOT.resolve(block.source());
        assertThat(file).as("%s names a source that does not exist", block.where()).isRegularFile();
        List<String> source = region(file, block.region());
        if (!matches(block.lines(), 0, source, 0)) {
            fail("%s differs from %s%s; the source reads:%n%s", block.where(), block.source(),
                    block.region() == null ? "" : "#" + block.region(), String.join("\n", source));
        }
    }

    /** Whether doc lines from {@code d} match source lines from {@code s}, an elision matching one or more. */
    private static boolean matches(List<String> doc, int d, List<String> source, int s) {
        if (d == doc.size()) {
            return s == source.size();
        }
        if (isElision(doc.get(d))) {
            for (int next = s + 1; next <= source.size(); next++) {
                if (matches(doc, d + 1, source, next)) {
                    return true;
                }
            }
            return false;
        }
        return s < source.size() && doc.get(d).equals(source.get(s)) && matches(doc, d + 1, source, s + 1);
    }

    private static boolean isElision(String line) {
        String trimmed = line.trim();
        return trimmed.startsWith("// ...") || trimmed.startsWith("<!-- ...");
    }

    /** The lines of a named region of {@code file}, or of the whole file, without marker lines, dedented. */
    private static List<String> region(Path file, String name) {
        List<String> lines = new ArrayList<>();
        List<String> open = new ArrayList<>();
        boolean found = name == null;
        for (String line : read(file)) {
            Matcher start = SOURCE_START.matcher(line.trim());
            Matcher end = SOURCE_END.matcher(line.trim());
            if (end.matches()) {
                assertThat(open).as("'%s' in %s closes no region", line.trim(), file).isNotEmpty();
                String closed = end.group(1) == null ? open.get(open.size() - 1) : end.group(1);
                assertThat(open).as("'%s' in %s", line.trim(), file).contains(closed);
                open.subList(open.indexOf(closed), open.size()).clear();
            } else if (start.matches()) {
                open.add(start.group(1));
                found |= start.group(1).equals(name);
            } else if (name == null || open.contains(name)) {
                lines.add(line);
            }
        }
        assertThat(found).as("%s has no region '// snippet: %s'", file, name).isTrue();
        assertThat(open).as("regions of %s that are never closed", file).isEmpty();
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        int indent = lines.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        return lines.stream().map(line -> line.isBlank() ? "" : line.substring(indent)).toList();
    }

    private static List<Block> blocks() {
        List<Block> blocks = new ArrayList<>();
        for (String page : PAGES) {
            List<String> lines = read(ROOT.resolve(page));
            for (int i = 0; i < lines.size(); i++) {
                Matcher fence = FENCE.matcher(lines.get(i));
                if (!fence.matches()) {
                    continue;
                }
                int start = i;
                List<String> body = new ArrayList<>();
                for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
                    body.add(lines.get(i));
                }
                Matcher marker = start > 0 ? PAGE_MARKER.matcher(lines.get(start - 1).trim()) : null;
                boolean marked = marker != null && marker.matches();
                blocks.add(new Block(page, start + 1, fence.group(1), marked ? marker.group(1) : "",
                        marked ? marker.group(2) : null, body));
            }
        }
        return blocks;
    }

    /** Versions of the dependencies and plugins the root pom manages, by groupId:artifactId. */
    private static Map<String, String> managedVersions(Document pom) {
        Element project = pom.getDocumentElement();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("project.version", child(project, "version"));
        Node declared = project.getElementsByTagName("properties").item(0);
        for (Node node = declared.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element property) {
                properties.put(property.getTagName(), property.getTextContent().trim());
            }
        }
        Map<String, String> versions = new LinkedHashMap<>();
        for (String tag : List.of("dependency", "plugin")) {
            NodeList elements = pom.getElementsByTagName(tag);
            for (int i = 0; i < elements.getLength(); i++) {
                Element element = (Element) elements.item(i);
                String version = child(element, "version");
                if (version != null) {
                    Matcher reference = Pattern.compile("\\$\\{(.+)}").matcher(version);
                    versions.put(coordinates(element), reference.matches() ? properties.get(reference.group(1)) : version);
                }
            }
        }
        return versions;
    }

    private static String coordinates(Element element) {
        String group = child(element, "groupId");
        return (group == null ? "org.apache.maven.plugins" : group) + ":" + child(element, "artifactId");
    }

    private static String child(Element element, String tag) {
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child && child.getTagName().equals(tag)) {
                return child.getTextContent().trim();
            }
        }
        return null;
    }

    private static Document parse(Path file) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot parse " + file, e);
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::stripTrailing).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path findRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/getting-started.md"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no docs/getting-started.md above " + Path.of("").toAbsolutePath());
    }
}
