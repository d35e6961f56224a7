package dev.continuum.processor.analysis;

import dev.continuum.processor.model.VersionClassModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;

/**
 * The compile-time checks of {@code @Versioned} and {@code @NotVersioned}: mistakes the runtime
 * would reject at boot, reported as errors on the offending element, and {@code @NotVersioned}
 * where it has no effect, reported as a warning.
 */
public final class VersionedChecks {

    private static final String VERSION_OF = "dev.continuum.VersionOf";
    private static final String GENERATED = "javax.annotation.processing.Generated";

    /**
     * How javac hands over a value it could not resolve, such as a constant of a missing class; it
     * reports that itself, and no property can carry this name.
     */
    private static final String UNRESOLVED_VALUE = "<error>";

    private final Elements elements;

    public VersionedChecks(Elements elements) {
        this.elements = elements;
    }

    /**
     * Checks a {@code @Versioned} type.
     *
     * @param type the annotated type
     * @param versionClass the name of its version class, when version classes are generated: a
     *        type of that name must not exist unless it is a version class generated earlier
     * @param ours whether a type of that name was written by this compilation
     * @param findings where to put the errors
     * @return whether {@code type} is a valid versioned entity
     */
    public boolean checkVersioned(TypeElement type, Optional<String> versionClass, Predicate<String> ours,
            List<Finding> findings) {
        AnnotationMirror versioned = Mirrors.find(type, Mirrors.VERSIONED).orElseThrow();
        if (!Mirrors.has(type, Mirrors.ENTITY)) {
            findings.add(Finding.error(notAnEntity(type), type, versioned));
            return false;
        }
        boolean valid = checkExcludes(type, versioned, findings);
        if (versionClass.isPresent()) {
            valid &= checkVersionClassIsFree(type, versioned, versionClass.get(), ours, findings);
        }
        return valid;
    }

    /** Checks a member annotated {@code @NotVersioned} of {@code owner}. */
    public void checkNotVersioned(Element member, TypeElement owner, List<Finding> findings) {
        AnnotationMirror notVersioned = Mirrors.find(member, Mirrors.NOT_VERSIONED).orElseThrow();
        String ownerName = owner.getSimpleName().toString();
        String property = ownerName + "." + propertyName(member);
        if (PersistentProperties.isIdentifier(member)) {
            findings.add(Finding.error(property + " is annotated @NotVersioned but is the identifier of " + ownerName
                    + ", and every version row needs the identifier; remove @NotVersioned from " + property, member,
                    notVersioned));
            return;
        }
        // The entities extending a mapped superclass may be in any compilation unit, so it cannot be judged here.
        if (Mirrors.has(owner, Mirrors.MAPPED_SUPERCLASS) || Mirrors.isVersioned(owner)) {
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
        findings.add(Finding.warning(property + " is annotated @NotVersioned but " + fix, member, notVersioned));
    }

    /**
     * Whether {@code entity} is versioned through a superclass entity's {@code @Versioned} (a
     * subclass of a hierarchy), so that it is not checked, but may have a version class.
     */
    public static boolean inheritsVersioning(TypeElement entity) {
        return !Mirrors.has(entity, Mirrors.VERSIONED) && Mirrors.isVersioned(entity);
    }

    /** The marker of generated version classes: {@code @VersionOf} survives compilation, {@code @Generated} does not. */
    public static boolean isGeneratedVersionClass(TypeElement type) {
        if (Mirrors.has(type, VERSION_OF)) {
            return true;
        }
        return Mirrors.find(type, GENERATED)
                .flatMap(generated -> Mirrors.value(generated, "value"))
                .map(value -> value.toString().contains(VersionClassModel.GENERATOR))
                .orElse(false);
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

    private static boolean checkExcludes(TypeElement entity, AnnotationMirror versioned, List<Finding> findings) {
        boolean valid = true;
        PersistentProperties properties = PersistentProperties.of(entity);
        String entityName = entity.getSimpleName().toString();
        for (AnnotationValue value : excludedNames(versioned)) {
            String name = (String) value.getValue();
            String property = entityName + "." + name;
            if (!properties.names().contains(name)) {
                String known = properties.names().isEmpty() ? "none" : String.join(", ", properties.names());
                findings.add(new Finding(Diagnostic.Kind.ERROR, property + " is excluded in @Versioned(exclude) but "
                        + entityName + " has no persistent property '" + name + "'"
                        + Spelling.closest(name, properties.names())
                                .map(closest -> "; did you mean '" + closest + "'? Persistent properties of "
                                        + entityName + ": " + known)
                                .orElse("; remove it from exclude or name a persistent property of "
                                        + entityName + ": " + known),
                        entity, versioned, value));
                valid = false;
            } else if (properties.identifiers().contains(name)) {
                findings.add(new Finding(Diagnostic.Kind.ERROR, property + " is excluded in @Versioned(exclude) but "
                        + "it is the identifier of " + entityName + ", and every version row needs the identifier; "
                        + "remove '" + name + "' from exclude", entity, versioned, value));
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
        List<AnnotationValue> names = new ArrayList<>();
        for (Object value : values) {
            if (value instanceof AnnotationValue element && element.getValue() instanceof String name
                    && !name.equals(UNRESOLVED_VALUE)) {
                names.add(element);
            }
        }
        return names;
    }

    /**
     * Whether the version class name of {@code entity} is free: no type of that name exists, or the
     * one that exists is a version class this processor generated (in an earlier round, or in an
     * earlier build that left it on the class path).
     */
    private boolean checkVersionClassIsFree(TypeElement entity, AnnotationMirror versioned, String name,
            Predicate<String> ours, List<Finding> findings) {
        TypeElement existing = elements.getTypeElement(name);
        if (existing == null || ours.test(name) || isGeneratedVersionClass(existing)) {
            return true;
        }
        findings.add(Finding.error(entity.getSimpleName() + " is annotated @Versioned, so its version class is "
                + "generated as " + name + ", but a type of that name already exists; rename the existing " + name,
                entity, versioned));
        return false;
    }

    private static String propertyName(Element member) {
        if (member instanceof ExecutableElement method) {
            return PersistentProperties.getterProperty(method).orElse(method.getSimpleName() + "()");
        }
        return member.getSimpleName().toString();
    }
}
