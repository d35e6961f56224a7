package dev.continuum.processor;

import java.util.Optional;

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

    /** The superclass of {@code type}, empty for {@code Object}, interfaces and unresolved types. */
    static Optional<TypeElement> superclass(TypeElement type) {
        TypeMirror superclass = type.getSuperclass();
        if (superclass.getKind() != TypeKind.DECLARED) {
            return Optional.empty();
        }
        return Optional.of((TypeElement) ((DeclaredType) superclass).asElement());
    }
}
