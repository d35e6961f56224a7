package dev.continuum.processor;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles in-memory sources with the JDK compiler against the test classpath, so that
 * {@code jakarta.persistence} and {@code continuum-core} resolve, and returns what the compiler
 * reported.
 */
final class TestCompiler {

    private final Path outputDirectory;
    private final List<Processor> processors;
    private final List<String> options;
    private final String classpath;

    private TestCompiler(Path outputDirectory, List<Processor> processors, List<String> options) {
        this(outputDirectory, processors, options, System.getProperty("java.class.path"));
    }

    private TestCompiler(Path outputDirectory, List<Processor> processors, List<String> options, String classpath) {
        this.outputDirectory = outputDirectory;
        this.processors = processors;
        this.options = options;
        this.classpath = classpath;
    }

    /** A compiler that runs a fresh {@link VersionedProcessor}, writing classes to {@code outputDirectory}. */
    static TestCompiler withProcessor(Path outputDirectory) {
        return new TestCompiler(outputDirectory, List.of(new VersionedProcessor()), List.of());
    }

    /**
     * A compiler that finds its processors itself, through their service registrations on a
     * processor path equal to the test classpath.
     */
    static TestCompiler withDiscoveredProcessors(Path outputDirectory) {
        return new TestCompiler(outputDirectory, List.of(),
                List.of("-processorpath", System.getProperty("java.class.path")));
    }

    /** The same compiler with {@code extraOptions} added to the command line. */
    TestCompiler withOptions(String... extraOptions) {
        List<String> all = new ArrayList<>(options);
        all.addAll(Arrays.asList(extraOptions));
        return new TestCompiler(outputDirectory, processors, List.copyOf(all), classpath);
    }

    /** The same compiler with {@code directory} (classes of an earlier compilation, say) on the class path. */
    TestCompiler withClasspath(Path directory) {
        return new TestCompiler(outputDirectory, processors, options,
                classpath + java.io.File.pathSeparator + directory);
    }

    /** Compiles {@code sources} to class files and returns every diagnostic, in reporting order. */
    List<Reported> compile(Source... sources) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> arguments = new ArrayList<>(List.of(
                "-classpath", classpath,
                "-d", outputDirectory.toString()));
        arguments.addAll(options);
        StringWriter output = new StringWriter();
        try (StandardJavaFileManager files =
                compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            JavaCompiler.CompilationTask task = compiler.getTask(output, files, diagnostics, arguments, null,
                    Arrays.asList(sources));
            if (!processors.isEmpty()) {
                task.setProcessors(processors);
            }
            task.call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Reported> reported = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
            reported.add(Reported.of(diagnostic));
        }
        if (!output.toString().isEmpty()) {
            reported.add(new Reported(Diagnostic.Kind.OTHER, "-", output.toString()));
        }
        return reported;
    }

    /**
     * One diagnostic, reduced to what a user sees.
     *
     * @param kind error, warning, note...
     * @param position {@code path:line} of the reported element, {@code -} when none
     * @param message the message text
     */
    record Reported(Diagnostic.Kind kind, String position, String message) {

        static Reported of(Diagnostic<? extends JavaFileObject> diagnostic) {
            String position = diagnostic.getSource() == null
                    ? "-"
                    : diagnostic.getSource().getName() + ":" + diagnostic.getLineNumber();
            return new Reported(diagnostic.getKind(), position, diagnostic.getMessage(Locale.ROOT));
        }
    }

    /** A compilation unit held in memory. */
    static final class Source extends SimpleJavaFileObject {

        private final String text;

        private Source(String qualifiedName, String text) {
            super(URI.create("string:///" + qualifiedName.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.text = text;
        }

        /** The source of the top-level type {@code qualifiedName}. */
        static Source of(String qualifiedName, String text) {
            return new Source(qualifiedName, text);
        }

        /** The {@code path:line} where {@code fragment} first occurs, as {@link Reported#position()} gives it. */
        String at(String fragment) {
            int index = text.indexOf(fragment);
            if (index < 0) {
                throw new IllegalArgumentException("'" + fragment + "' does not occur in " + getName());
            }
            long line = text.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
            return getName() + ":" + line;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
