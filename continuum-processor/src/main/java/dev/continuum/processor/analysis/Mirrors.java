package dev.continuum.processor.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Reads annotations and superclasses off the language model by name. JPA is looked up by name so
 * that the processor does not need {@code jakarta.persistence} on its own path.
 */
final class Mirrors {

    static final String ENTITY = "jakarta.persistence.Entity";
    static final String MAPPED_SUPERCLASS = "jakarta.persistence.MappedSuperclass";
    static final String EMBEDDABLE = "jakarta.persistence.Embeddable";
    static final String ID = "jakarta.persistence.Id";
    static final String EMBEDDED_ID = "jakarta.persistence.EmbeddedId";
    static final String TRANSIENT = "jakarta.persistence.Transient";
    static final String ACCESS = "jakarta.persistence.Access";
    static final String VERSIONED = "dev.continuum.Versioned";
    static final String NOT_VERSIONED = "dev.continuum.NotVersioned";

    private Mirrors() {
    }

    /** The annotation of type {@code annotationName} directly present on {@code element}. */
    static Optional<AnnotationMirror> find(Element element, String annotationName) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            Element type = mirror.getAnnotationType().asElement();
            if (type instanceof TypeElement annotation && annotation.getQualifiedName().contentEquals(annotationName)) {
                return Optional.of(mirror);
            }
        }
        return Optional.empty();
    }

    static boolean has(Element element, String annotationName) {
        return find(element, annotationName).isPresent();
    }

    /** The explicitly written value of {@code name}; defaults are left out on purpose. */
    static Optional<AnnotationValue> value(AnnotationMirror mirror, String name) {
        return mirror.getElementValues().entrySet().stream()
                .filter(entry -> entry.getKey().getSimpleName().contentEquals(name))
                .map(entry -> (AnnotationValue) entry.getValue())
                .findFirst();
    }

    /** Whether Continuum versions the entity {@code type}: it or a superclass is {@code @Versioned}. */
    static boolean isVersioned(TypeElement type) {
        return hierarchy(type).stream().anyMatch(current -> has(current, VERSIONED));
    }

    /** The names excluded by the {@code @Versioned} of {@code type} and of its superclasses. */
    static Set<String> excludedNames(TypeElement type) {
        Set<String> names = new TreeSet<>();
        for (TypeElement current : hierarchy(type)) {
            find(current, VERSIONED).flatMap(versioned -> value(versioned, "exclude")).ifPresent(exclude -> {
                if (exclude.getValue() instanceof List<?> values) {
                    values.forEach(value -> names.add(String.valueOf(((AnnotationValue) value).getValue())));
                }
            });
        }
        return names;
    }

    /** {@code type} and its superclasses, nearest first. */
    static List<TypeElement> hierarchy(TypeElement type) {
        List<TypeElement> types = new ArrayList<>();
        for (Optional<TypeElement> current = Optional.of(type); current.isPresent(); current = superclass(current.get())) {
            types.add(current.get());
        }
        return types;
    }

    /** The superclass of {@code type}, empty for {@code Object}, interfaces and unresolved types. */
    static Optional<TypeElement> superclass(TypeElement type) {
        TypeMirror superclass = type.getSuperclass();
        if (superclass.getKind() != TypeKind.DECLARED) {
            return Optional.empty();
        }
        return Optional.of((TypeElement) ((DeclaredType) superclass).asElement());
    }
}
