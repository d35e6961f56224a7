package dev.continuum.processor;

import dev.continuum.NotVersioned;
import dev.continuum.Versioned;

import java.io.IOException;
import java.io.Writer;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.annotation.processing.SupportedOptions;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.tools.Diagnostic;

/**
 * Checks {@link Versioned} entities and {@link NotVersioned} properties at compile time, reporting
 * each mistake on the offending element with a message that names the entity, the property and
 * the fix, and generates the typed version class of every valid versioned entity.
 *
 * <p>Reported as errors: {@code @Versioned} on a class that is not an {@code @Entity}; a name in
 * {@code @Versioned(exclude)} that is not a persistent property of the entity or of its entity and
 * mapped superclasses; excluding the identifier, by name or with {@code @NotVersioned}; an existing
 * type named like an entity's version class; a mapping the version class generator does not
 * support yet. Reported as a warning: {@code @NotVersioned} in a class where it has no effect.
 *
 * <p>Options ({@code -A<name>=<value>}):
 * <ul>
 * <li>{@code continuum.generate}: {@code false} turns the generation of version classes off
 *     (default {@code true});</li>
 * <li>{@code continuum.versionClassSuffix}: appended to the entity's name to name its version
 *     class (default {@code Version});</li>
 * <li>{@code continuum.tableSuffix}: as the runtime setting {@code continuum.table_suffix}
 *     (default {@code _version});</li>
 * <li>{@code continuum.transaction_id_column}, {@code continuum.end_transaction_id_column},
 *     {@code continuum.operation_type_column}: as the runtime settings of the same names;</li>
 * <li>{@code continuum.packages}: a comma-separated list of packages; when given, only entities
 *     in these packages and their subpackages are checked and get version classes.</li>
 * </ul>
 *
 * <p>The processor never throws on user mistakes and claims no annotation, so other processors
 * still see them.
 */
@SupportedAnnotationTypes({"dev.continuum.Versioned", "dev.continuum.NotVersioned"})
@SupportedOptions({VersionedProcessor.GENERATE_OPTION, VersionedProcessor.CLASS_SUFFIX_OPTION,
        VersionedProcessor.TABLE_SUFFIX_OPTION, VersionedProcessor.TRANSACTION_ID_COLUMN_OPTION,
        VersionedProcessor.END_TRANSACTION_ID_COLUMN_OPTION, VersionedProcessor.OPERATION_TYPE_COLUMN_OPTION,
        VersionedProcessor.PACKAGES_OPTION})
public final class VersionedProcessor extends AbstractProcessor {

    static final String GENERATE_OPTION = "continuum.generate";
    static final String CLASS_SUFFIX_OPTION = "continuum.versionClassSuffix";
    static final String TABLE_SUFFIX_OPTION = "continuum.tableSuffix";
    static final String TRANSACTION_ID_COLUMN_OPTION = "continuum.transaction_id_column";
    static final String END_TRANSACTION_ID_COLUMN_OPTION = "continuum.end_transaction_id_column";
    static final String OPERATION_TYPE_COLUMN_OPTION = "continuum.operation_type_column";
    static final String PACKAGES_OPTION = "continuum.packages";
    private static final String VERSION_OF = "dev.continuum.VersionOf";
    private static final String GENERATED = "javax.annotation.processing.Generated";

    /** Entities whose version class waits for types that later rounds may generate. */
    private final Set<String> deferred = new TreeSet<>();
    /** The version classes written by this compilation. */
    private final Set<String> written = new HashSet<>();

    private static final String VERSIONED = Versioned.class.getCanonicalName();
    private static final String NOT_VERSIONED = NotVersioned.class.getCanonicalName();

    /**
     * How javac hands over a value it could not resolve, such as a constant of a missing class; it
     * reports that itself, and no property can carry this name.
     */
    private static final String UNRESOLVED_VALUE = "<error>";

    /** Creates the processor; the compiler calls this through the service registration. */
    public VersionedProcessor() {
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
     * Checks every element of this round annotated {@code @Versioned} or {@code @NotVersioned} and
     * reports each mistake through the compiler's {@link javax.annotation.processing.Messager}.
     *
     * @return {@code false}: the annotations stay unclaimed
     */
    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        Set<String> ready = new TreeSet<>(deferred);
        deferred.clear();
        for (TypeElement annotation : annotations) {
            boolean versioned = annotation.getQualifiedName().contentEquals(VERSIONED);
            for (Element element : round.getElementsAnnotatedWith(annotation)) {
                if (!selected(element)) {
                    continue;
                }
                if (versioned && element instanceof TypeElement type) {
                    if (checkVersioned(type) && generating()) {
                        ready.add(type.getQualifiedName().toString());
                    }
                } else if (!versioned && element.getEnclosingElement() instanceof TypeElement owner) {
                    checkNotVersioned(element, owner);
                }
            }
        }
        for (String name : ready) {
            TypeElement entity = processingEnv.getElementUtils().getTypeElement(name);
            if (entity == null) {
                continue;
            }
            if (!round.processingOver() && hasUnresolvedTypes(entity)) {
                // another processor may generate them in this round; try again in the next
                deferred.add(name);
            } else if (!hasUnresolvedTypes(entity)) {
                generate(entity);
            }
        }
        return false;
    }

    private boolean generating() {
        return !"false".equalsIgnoreCase(processingEnv.getOptions().getOrDefault(GENERATE_OPTION, "true").trim());
    }

    /** Whether {@code element} lies in one of the packages of {@code -Acontinuum.packages}, if given. */
    private boolean selected(Element element) {
        String packages = processingEnv.getOptions().get(PACKAGES_OPTION);
        if (packages == null || packages.isBlank()) {
            return true;
        }
        String name = processingEnv.getElementUtils().getPackageOf(element).getQualifiedName().toString();
        for (String selected : packages.split(",")) {
            String prefix = selected.trim();
            if (!prefix.isEmpty() && (name.equals(prefix) || name.startsWith(prefix + "."))) {
                return true;
            }
        }
        return false;
    }

    /** Checks a {@code @Versioned} type; true when it is a valid versioned entity. */
    private boolean checkVersioned(TypeElement type) {
        AnnotationMirror versioned = Mirrors.find(type, VERSIONED).orElseThrow();
        if (!Mirrors.has(type, Mirrors.ENTITY)) {
            error(notAnEntity(type), type, versioned);
            return false;
        }
        boolean valid = checkExcludes(type, versioned);
        if (generating()) {
            valid &= checkVersionClassIsFree(type, versioned);
        }
        return valid;
    }

    private VersionClassGenerator generator() {
        Map<String, String> options = processingEnv.getOptions();
        return new VersionClassGenerator(processingEnv, new VersionClassGenerator.Options(
                options.getOrDefault(CLASS_SUFFIX_OPTION, "Version"),
                options.getOrDefault(TABLE_SUFFIX_OPTION, "_version"),
                options.getOrDefault(TRANSACTION_ID_COLUMN_OPTION, "transaction_id"),
                options.getOrDefault(END_TRANSACTION_ID_COLUMN_OPTION, "end_transaction_id"),
                options.getOrDefault(OPERATION_TYPE_COLUMN_OPTION, "operation_type")));
    }

    private void generate(TypeElement entity) {
        VersionClassGenerator generator = generator();
        String name = generator.className(entity);
        if (!written.add(name)) {
            return;
        }
        AnnotationMirror versioned = Mirrors.find(entity, VERSIONED).orElseThrow();
        Set<String> excluded = new HashSet<>();
        excludedNames(versioned).forEach(value -> excluded.add((String) value.getValue()));
        Optional<String> source = generator.generate(entity, versioned, PersistentProperties.of(entity), excluded,
                this::error);
        if (source.isEmpty()) {
            return;
        }
        try (Writer out = processingEnv.getFiler().createSourceFile(name, entity).openWriter()) {
            out.write(source.get());
        } catch (FilerException e) {
            TypeElement existing = processingEnv.getElementUtils().getTypeElement(name);
            if (existing == null || !isGeneratedVersionClass(existing)) {
                error("Could not write " + name + ", the version class of " + entity.getSimpleName() + " ("
                        + e.getMessage() + "); if another tool writes a type of that name, use -A"
                        + CLASS_SUFFIX_OPTION, entity, versioned);
            }
            // else: an incremental build passed the version class generated earlier back in as a source
        } catch (IOException e) {
            error("Could not write " + name + ", the version class of " + entity.getSimpleName() + " (" + e.getMessage()
                    + "); if another tool writes a type of that name, use -Acontinuum.versionClassSuffix", entity,
                    versioned);
        }
    }

    /** Whether the entity's hierarchy or a property's type is a type the compiler cannot resolve (yet). */
    private static boolean hasUnresolvedTypes(TypeElement entity) {
        for (Optional<TypeElement> type = Optional.of(entity); type.isPresent(); type = Mirrors.superclass(type.get())) {
            if (type.get().getSuperclass().getKind() == TypeKind.ERROR) {
                return true;
            }
        }
        for (Element member : PersistentProperties.of(entity).members().values()) {
            TypeMirror type = member instanceof ExecutableElement method ? method.getReturnType() : member.asType();
            if (containsError(type)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsError(TypeMirror type) {
        if (type.getKind() == TypeKind.ERROR) {
            return true;
        }
        return type instanceof DeclaredType declared
                && declared.getTypeArguments().stream().anyMatch(VersionedProcessor::containsError);
    }

    private static String notAnEntity(TypeElement type) {
        String name = type.getSimpleName().toString();
        if (Mirrors.has(type, Mirrors.MAPPED_SUPERCLASS)) {
            return name + " is annotated @Versioned but is a @MappedSuperclass, not an @Entity, so nothing of it is "
                    + "versioned; put @Versioned on the entities that extend " + name + " and remove it here";
        }
        if (Mirrors.has(type, Mirrors.EMBEDDABLE)) {
            return name + " is annotated @Versioned but is an @Embeddable, not an @Entity, so nothing of it is "
                    + "versioned; put @Versioned on the entities that embed " + name + " and remove it here";
        }
        return name + " is annotated @Versioned but is not an @Entity, so nothing of it can be versioned; annotate "
                + name + " with @jakarta.persistence.Entity or remove @Versioned (for an @Embeddable or "
                + "@MappedSuperclass, put @Versioned on the entities that use it)";
    }

    private boolean checkExcludes(TypeElement entity, AnnotationMirror versioned) {
        boolean valid = true;
        PersistentProperties properties = PersistentProperties.of(entity);
        String entityName = entity.getSimpleName().toString();
        for (AnnotationValue value : excludedNames(versioned)) {
            String name = (String) value.getValue();
            String property = entityName + "." + name;
            if (!properties.names().contains(name)) {
                String known = properties.names().isEmpty() ? "none" : String.join(", ", properties.names());
                error(property + " is excluded in @Versioned(exclude) but " + entityName
                        + " has no persistent property '" + name + "'"
                        + Spelling.closest(name, properties.names())
                                .map(closest -> "; did you mean '" + closest + "'? Persistent properties of "
                                        + entityName + ": " + known)
                                .orElse("; remove it from exclude or name a persistent property of "
                                        + entityName + ": " + known),
                        entity, versioned, value);
                valid = false;
            } else if (properties.identifiers().contains(name)) {
                error(property + " is excluded in @Versioned(exclude) but it is the identifier of " + entityName
                        + ", and every version row needs the identifier; remove '" + name + "' from exclude",
                        entity, versioned, value);
                valid = false;
            }
        }
        return valid;
    }

    /** The string elements of {@code exclude}; elements the compiler could not resolve are its to report. */
    private static List<AnnotationValue> excludedNames(AnnotationMirror versioned) {
        Optional<AnnotationValue> exclude = Mirrors.value(versioned, "exclude");
        if (exclude.isEmpty() || !(exclude.get().getValue() instanceof List<?> values)) {
            return List.of();
        }
        return values.stream()
                .filter(value -> value instanceof AnnotationValue element
                        && element.getValue() instanceof String name
                        && !name.equals(UNRESOLVED_VALUE))
                .map(AnnotationValue.class::cast)
                .toList();
    }

    /**
     * Whether the version class name of {@code entity} is free: no type of that name exists, or the
     * one that exists is a version class this processor generated (in an earlier round, or in an
     * earlier build that left it on the class path).
     */
    private boolean checkVersionClassIsFree(TypeElement entity, AnnotationMirror versioned) {
        String name = generator().className(entity);
        TypeElement existing = processingEnv.getElementUtils().getTypeElement(name);
        if (existing == null || written.contains(name) || isGeneratedVersionClass(existing)) {
            return true;
        }
        error(entity.getSimpleName() + " is annotated @Versioned, so its version class is generated as " + name
                + ", but a type of that name already exists; rename the existing " + name, entity, versioned);
        return false;
    }

    /** The marker of generated version classes: {@code @VersionOf} survives compilation, {@code @Generated} does not. */
    private static boolean isGeneratedVersionClass(TypeElement type) {
        if (Mirrors.has(type, VERSION_OF)) {
            return true;
        }
        return Mirrors.find(type, GENERATED)
                .flatMap(generated -> Mirrors.value(generated, "value"))
                .map(value -> value.toString().contains(VersionClassGenerator.GENERATOR))
                .orElse(false);
    }

    private void checkNotVersioned(Element member, TypeElement owner) {
        AnnotationMirror notVersioned = Mirrors.find(member, NOT_VERSIONED).orElseThrow();
        String ownerName = owner.getSimpleName().toString();
        String property = ownerName + "." + propertyName(member);
        if (PersistentProperties.isIdentifier(member)) {
            report(Diagnostic.Kind.ERROR, property + " is annotated @NotVersioned but is the identifier of "
                    + ownerName + ", and every version row needs the identifier; remove @NotVersioned from "
                    + property, member, notVersioned);
            return;
        }
        // The entities extending a mapped superclass may be in any compilation unit, so it cannot be judged here.
        if (Mirrors.has(owner, Mirrors.MAPPED_SUPERCLASS) || isVersioned(owner)) {
            return;
        }
        String fix;
        if (Mirrors.has(owner, Mirrors.ENTITY)) {
            fix = ownerName + " is not @Versioned, so it has no effect; annotate " + ownerName
                    + " with @Versioned or remove @NotVersioned";
        } else if (Mirrors.has(owner, Mirrors.EMBEDDABLE)) {
            fix = ownerName + " is an @Embeddable, where it has no effect; to leave the embedded value out of "
                    + "versioning, put @NotVersioned on the property that embeds " + ownerName
                    + " in the @Versioned entity";
        } else {
            fix = ownerName + " is not a @Versioned entity, so it has no effect; remove @NotVersioned";
        }
        report(Diagnostic.Kind.WARNING, property + " is annotated @NotVersioned but " + fix, member, notVersioned);
    }

    private static boolean isVersioned(TypeElement type) {
        for (Optional<TypeElement> current = Optional.of(type); current.isPresent();
                current = Mirrors.superclass(current.get())) {
            if (Mirrors.has(current.get(), VERSIONED)) {
                return true;
            }
        }
        return false;
    }

    private static String propertyName(Element member) {
        if (member instanceof ExecutableElement method) {
            return PersistentProperties.getterProperty(method).orElse(method.getSimpleName() + "()");
        }
        return member.getSimpleName().toString();
    }

    private void error(String message, Element element, AnnotationMirror annotation) {
        report(Diagnostic.Kind.ERROR, message, element, annotation);
    }

    private void error(String message, Element element, AnnotationMirror annotation, AnnotationValue value) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, element, annotation, value);
    }

    private void report(Diagnostic.Kind kind, String message, Element element, AnnotationMirror annotation) {
        processingEnv.getMessager().printMessage(kind, message, element, annotation);
    }
}
