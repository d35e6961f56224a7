package dev.continuum.processor;

import dev.continuum.NotVersioned;
import dev.continuum.Versioned;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.annotation.processing.SupportedOptions;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Checks {@link Versioned} entities and {@link NotVersioned} properties at compile time, reporting
 * each mistake on the offending element with a message that names the entity, the property and
 * the fix.
 *
 * <p>Reported as errors: {@code @Versioned} on a class that is not an {@code @Entity}; a name in
 * {@code @Versioned(exclude)} that is not a persistent property of the entity or of its entity and
 * mapped superclasses; excluding the identifier, by name or with {@code @NotVersioned}. Reported as
 * a warning: {@code @NotVersioned} in a class where it has no effect. With the option
 * {@code -Acontinuum.generate=true}, an existing type named like an entity's version class
 * ({@code <Entity>Version} in the entity's package) is an error as well.
 *
 * <p>The processor never throws on user mistakes and claims no annotation, so other processors
 * still see them.
 */
@SupportedAnnotationTypes({"dev.continuum.Versioned", "dev.continuum.NotVersioned"})
@SupportedOptions(VersionedProcessor.GENERATE_OPTION)
public final class VersionedProcessor extends AbstractProcessor {

    static final String GENERATE_OPTION = "continuum.generate";

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
        for (TypeElement annotation : annotations) {
            boolean versioned = annotation.getQualifiedName().contentEquals(VERSIONED);
            for (Element element : round.getElementsAnnotatedWith(annotation)) {
                if (versioned && element instanceof TypeElement type) {
                    checkVersioned(type);
                } else if (!versioned && element.getEnclosingElement() instanceof TypeElement owner) {
                    checkNotVersioned(element, owner);
                }
            }
        }
        return false;
    }

    private void checkVersioned(TypeElement type) {
        AnnotationMirror versioned = Mirrors.find(type, VERSIONED).orElseThrow();
        if (!Mirrors.has(type, Mirrors.ENTITY)) {
            error(notAnEntity(type), type, versioned);
            return;
        }
        checkExcludes(type, versioned);
        if (Boolean.parseBoolean(processingEnv.getOptions().get(GENERATE_OPTION))) {
            checkVersionClassIsFree(type, versioned);
        }
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

    private void checkExcludes(TypeElement entity, AnnotationMirror versioned) {
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
            } else if (properties.identifiers().contains(name)) {
                error(property + " is excluded in @Versioned(exclude) but it is the identifier of " + entityName
                        + ", and every version row needs the identifier; remove '" + name + "' from exclude",
                        entity, versioned, value);
            }
        }
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

    private void checkVersionClassIsFree(TypeElement entity, AnnotationMirror versioned) {
        PackageElement pkg = processingEnv.getElementUtils().getPackageOf(entity);
        String simpleName = entity.getSimpleName() + "Version";
        String name = pkg.isUnnamed() ? simpleName : pkg.getQualifiedName() + "." + simpleName;
        if (processingEnv.getElementUtils().getTypeElement(name) != null) {
            error(entity.getSimpleName() + " is annotated @Versioned, so its version class is generated as " + name
                    + ", but a type of that name already exists; rename the existing " + name, entity, versioned);
        }
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
