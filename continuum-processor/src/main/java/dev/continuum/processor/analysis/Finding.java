package dev.continuum.processor.analysis;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Something the analysis has to tell the user, on the element (and annotation, and annotation
 * value) where the editor should show it. The processor reports it through the compiler's
 * {@code Messager}.
 *
 * @param kind error, warning or note
 * @param message the message, naming the entity, the property and the fix
 * @param element where to report it
 * @param annotation the annotation of {@code element} to point at, or null
 * @param value the value of {@code annotation} to point at, or null
 */
public record Finding(Diagnostic.Kind kind, String message, Element element, AnnotationMirror annotation,
        AnnotationValue value) {

    static Finding error(String message, Element element, AnnotationMirror annotation) {
        return new Finding(Diagnostic.Kind.ERROR, message, element, annotation, null);
    }

    static Finding warning(String message, Element element, AnnotationMirror annotation) {
        return new Finding(Diagnostic.Kind.WARNING, message, element, annotation, null);
    }
}
