package dev.continuum.processor.analysis;

import java.util.ArrayList;
import java.util.List;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;

/**
 * The entity whose version class is being analysed, and the reasons found so far not to generate
 * it. A reason is a warning, never an error: the entity is versioned all the same, and only its
 * typed version class is missing.
 */
final class Subject {

    final TypeElement entity;
    final DeclaredType type;
    final String entityName;
    final String className;
    final String packageName;
    final AnnotationMirror versioned;
    final PersistentProperties properties;
    private final List<Finding> findings = new ArrayList<>();
    private boolean skipped;

    Subject(TypeElement entity, String className, String packageName, PersistentProperties properties) {
        this.entity = entity;
        this.type = (DeclaredType) entity.asType();
        this.entityName = entity.getSimpleName().toString();
        this.className = className;
        this.packageName = packageName;
        this.versioned = Mirrors.find(entity, Mirrors.VERSIONED).orElse(null);
        this.properties = properties;
    }

    /** Leaves the version class out, because typed version classes cannot map {@code what} yet. */
    void unsupported(String what, Element element, AnnotationMirror annotation) {
        skip("typed version classes do not support " + what + " yet", element, annotation);
    }

    /** Leaves the version class out, saying why on {@code element}. */
    void skip(String why, Element element, AnnotationMirror annotation) {
        skipped = true;
        findings.add(Finding.warning(className + " is not generated: " + why + ". " + entityName
                + " is versioned all the same; read its history with VersionHistory", element, annotation));
    }

    /** Warns, on the entity's {@code @Versioned}, about something left out that is not the version class itself. */
    void warn(String message) {
        findings.add(Finding.warning(message, entity, versioned));
    }

    /** Leaves the version class out for a reason that concerns the whole entity, reported on its {@code @Versioned}. */
    void unsupported(String what) {
        unsupported(what, entity, versioned);
    }

    boolean skipped() {
        return skipped;
    }

    List<Finding> findings() {
        return List.copyOf(findings);
    }

    /** {@code Entity.property}, for messages. */
    String property(String name) {
        return entityName + "." + name;
    }

    /** The name of the property {@code member} maps, for messages. */
    static String propertyName(Element member) {
        if (member instanceof ExecutableElement method) {
            return PersistentProperties.getterProperty(method).orElse(method.getSimpleName().toString());
        }
        return member.getSimpleName().toString();
    }
}
