package dev.continuum.processor;

import dev.continuum.processor.analysis.EntityCatalog;
import dev.continuum.processor.analysis.Finding;
import dev.continuum.processor.analysis.VersionClassAnalysis;
import dev.continuum.processor.analysis.VersionClassAnalyzer;
import dev.continuum.processor.analysis.VersionedChecks;
import dev.continuum.processor.model.VersionClassModel;
import dev.continuum.processor.writer.VersionClassWriter;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Checks {@code @Versioned} entities and {@code @NotVersioned} properties at compile time, reporting
 * each mistake on the offending element with a message that names the entity, the property and
 * the fix, and generates the typed version class of every valid versioned entity.
 *
 * <p>Reported as errors: {@code @Versioned} on a class that is not an {@code @Entity}; a name in
 * {@code @Versioned(exclude)} that is not a persistent property of the entity or of its entity and
 * mapped superclasses; excluding the identifier, by name or with {@code @NotVersioned}; an existing
 * type named like an entity's version class. Reported as warnings: {@code @NotVersioned} in a class
 * where it has no effect; an entity whose version class is not generated because it uses a mapping
 * typed version classes do not follow (the entity is versioned all the same); a renamed option.
 *
 * <p>Options ({@code -A<name>=<value>}), named like the runtime settings they must match:
 * <ul>
 * <li>{@code continuum.generate}: {@code false} turns the generation of version classes off
 *     (default {@code true});</li>
 * <li>{@code continuum.version_class_suffix}: appended to the entity's name to name its version
 *     class (default {@code Version});</li>
 * <li>{@code continuum.table_suffix}: as the runtime setting of the same name (default
 *     {@code _version});</li>
 * <li>{@code continuum.transaction_id_column}, {@code continuum.end_transaction_id_column},
 *     {@code continuum.operation_type_column}: as the runtime settings of the same names;</li>
 * <li>{@code continuum.packages}: a comma-separated list of packages; when given, only entities
 *     in these packages and their subpackages are checked and get version classes.</li>
 * </ul>
 * The former names {@code continuum.versionClassSuffix} and {@code continuum.tableSuffix} are
 * still read, with a warning.
 *
 * <p>The processor never throws on user mistakes and claims no annotation, so other processors
 * still see them.
 */
@SupportedAnnotationTypes({"dev.continuum.Versioned", "dev.continuum.NotVersioned"})
public final class VersionedProcessor extends AbstractProcessor {

    private static final String VERSIONED = "dev.continuum.Versioned";

    /** Entities whose version class waits for types that later rounds may generate. */
    private final Set<String> deferred = new TreeSet<>();
    /** The version classes written by this compilation, and the entity each was written for. */
    private final Map<String, String> written = new HashMap<>();

    private ProcessorOptions options;
    private EntityCatalog catalog;
    private VersionedChecks checks;
    private VersionClassAnalyzer analyzer;

    /** Creates the processor; the compiler calls this through the service registration. */
    public VersionedProcessor() {
    }

    /** Reads the options, and warns about the renamed ones. */
    @Override
    public synchronized void init(ProcessingEnvironment environment) {
        super.init(environment);
        options = ProcessorOptions.of(environment.getOptions());
        catalog = new EntityCatalog(environment.getElementUtils());
        checks = new VersionedChecks(environment.getElementUtils());
        analyzer = new VersionClassAnalyzer(environment, options.naming(), catalog);
        options.warnings().forEach(warning -> environment.getMessager().printMessage(Diagnostic.Kind.WARNING,
                warning));
    }

    /**
     * Supports the newest language version of the running compiler, since the checks only read
     * annotations, fields and methods.
     *
     * @return {@link SourceVersion#latestSupported()}
     */
    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    /**
     * The options this processor reads, former names included.
     *
     * @return the option names
     */
    @Override
    public Set<String> getSupportedOptions() {
        Set<String> names = new TreeSet<>(List.of(ProcessorOptions.GENERATE, ProcessorOptions.PACKAGES,
                ProcessorOptions.VERSION_CLASS_SUFFIX, ProcessorOptions.TABLE_SUFFIX,
                ProcessorOptions.TRANSACTION_ID_COLUMN, ProcessorOptions.END_TRANSACTION_ID_COLUMN,
                ProcessorOptions.OPERATION_TYPE_COLUMN, ProcessorOptions.MODIFIED_FLAGS));
        names.addAll(ProcessorOptions.RENAMED.values());
        return names;
    }

    /**
     * Checks every element of this round annotated {@code @Versioned} or {@code @NotVersioned},
     * reports each mistake through the compiler's {@link javax.annotation.processing.Messager}, and
     * writes the version classes of the valid versioned entities.
     *
     * @return {@code false}: the annotations stay unclaimed
     */
    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        Set<String> ready = new TreeSet<>(deferred);
        deferred.clear();
        for (TypeElement entity : catalog.addAll(round.getRootElements())) {
            // the subclasses of a versioned root: some map version tables of their own (TABLE_PER_CLASS)
            if (options.generate() && options.selects(packageOf(entity)) && VersionedChecks.inheritsVersioning(entity)) {
                ready.add(entity.getQualifiedName().toString());
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (TypeElement annotation : annotations) {
            boolean versioned = annotation.getQualifiedName().contentEquals(VERSIONED);
            for (Element element : round.getElementsAnnotatedWith(annotation)) {
                if (!options.selects(packageOf(element))) {
                    continue;
                }
                if (versioned && element instanceof TypeElement type) {
                    Optional<String> versionClass = options.generate()
                            ? Optional.of(analyzer.className(type)) : Optional.empty();
                    if (checks.checkVersioned(type, versionClass, written::containsKey, findings) && options.generate()) {
                        ready.add(type.getQualifiedName().toString());
                    }
                } else if (!versioned && element.getEnclosingElement() instanceof TypeElement owner) {
                    checks.checkNotVersioned(element, owner, findings);
                }
            }
        }
        report(findings);
        for (String name : ready) {
            TypeElement entity = processingEnv.getElementUtils().getTypeElement(name);
            if (entity == null) {
                continue;
            }
            boolean unresolved = VersionClassAnalyzer.hasUnresolvedTypes(entity);
            if (unresolved && !round.processingOver()) {
                // another processor may generate them in this round; try again in the next
                deferred.add(name);
            } else if (!unresolved) {
                generate(entity);
            }
        }
        return false;
    }

    private void generate(TypeElement entity) {
        VersionClassAnalysis analysis = analyzer.analyze(entity);
        report(analysis.findings());
        String entityName = entity.getQualifiedName().toString();
        String first = written.putIfAbsent(analysis.className(), entityName);
        if (first != null && !first.equals(entityName)) {
            // nested entities of the same simple name in one package
            processingEnv.getMessager().printMessage(Diagnostic.Kind.WARNING, analysis.className() + " is not "
                    + "generated for " + entityName + ": it is the version class of " + first + ", whose simple name "
                    + "is the same. " + entity.getSimpleName() + " is versioned all the same; read its history with "
                    + "VersionHistory, or rename one of the two entity classes", entity);
            return;
        }
        if (first == null && analysis.versionClass().isPresent()) {
            write(entity, analysis.className(), analysis.versionClass().get());
        } else if (first == null) {
            written.remove(analysis.className());
        }
    }

    private void write(TypeElement entity, String name, VersionClassModel model) {
        try (Writer out = processingEnv.getFiler().createSourceFile(name, entity).openWriter()) {
            out.write(VersionClassWriter.write(model));
        } catch (FilerException e) {
            TypeElement existing = processingEnv.getElementUtils().getTypeElement(name);
            if (existing == null || !VersionedChecks.isGeneratedVersionClass(existing)) {
                cannotWrite(entity, name, e);
            }
            // else: an incremental build passed the version class generated earlier back in as a source
        } catch (IOException e) {
            cannotWrite(entity, name, e);
        }
    }

    private void cannotWrite(TypeElement entity, String name, IOException e) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "Could not write " + name
                + ", the version class of " + entity.getSimpleName() + " (" + e.getMessage() + "); if another tool "
                + "writes a type of that name, use -A" + ProcessorOptions.VERSION_CLASS_SUFFIX, entity);
    }

    private void report(List<Finding> findings) {
        for (Finding finding : findings) {
            processingEnv.getMessager().printMessage(finding.kind(), finding.message(), finding.element(),
                    finding.annotation(), finding.value());
        }
    }

    private String packageOf(Element element) {
        return processingEnv.getElementUtils().getPackageOf(element).getQualifiedName().toString();
    }
}
