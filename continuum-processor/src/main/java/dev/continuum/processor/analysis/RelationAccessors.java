package dev.continuum.processor.analysis;

import static dev.continuum.processor.analysis.MappingAnnotations.PERSISTENCE;

import dev.continuum.processor.model.JavaType;
import dev.continuum.processor.model.Names;
import dev.continuum.processor.model.RelationAccessor;
import dev.continuum.processor.model.VersionField;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The relation accessors of a version class. Every versioned relation (many-to-one, owning
 * one-to-one, one-to-many, many-to-many, element collection) gets a method named like the
 * entity's property, {@code getAuthor()} for {@code author}, with the property's declared type:
 * it returns what the version's {@code entity()} holds for the relation, which the runtime reads
 * through its mapping model. When another getter of the class already has that name (the foreign
 * key getter {@code getAuthorId()} of a relation {@code author}, for a relation named
 * {@code authorId}), the accessor is {@code get<Property>Relation()}.
 */
final class RelationAccessors {

    /** Getters every version class has. */
    private static final List<String> FIXED_GETTERS = List.of("getTransactionId", "getEndTransactionId",
            "getOperationType", "getOperation", "getClass");

    private final JavaTypes types;

    RelationAccessors(JavaTypes types) {
        this.types = types;
    }

    /** A relation whose accessor is not named yet. */
    record Relation(String property, Element member, TypeMirror type, RelationAccessor.Kind kind,
            Optional<TypeElement> unversionedTarget) {
    }

    /**
     * The relation {@code member} maps, when the runtime reads it as of a version; empty for other
     * properties and for relations no version row records: the inverse side of a one-to-one or
     * many-to-many ({@code mappedBy}), and a one-to-many kept by a foreign key in children that
     * are not versioned.
     */
    Optional<Relation> relation(String name, Element member, TypeMirror type) {
        if (Mirrors.has(member, PERSISTENCE + "ElementCollection")) {
            return Optional.of(new Relation(name, member, type, RelationAccessor.Kind.ELEMENTS, Optional.empty()));
        }
        RelationAccessor.Kind kind;
        AnnotationMirror annotation;
        if (Mirrors.has(member, PERSISTENCE + "ManyToOne")) {
            kind = RelationAccessor.Kind.TO_ONE;
            annotation = Mirrors.find(member, PERSISTENCE + "ManyToOne").orElseThrow();
        } else if (Mirrors.has(member, PERSISTENCE + "OneToOne")) {
            kind = RelationAccessor.Kind.TO_ONE;
            annotation = Mirrors.find(member, PERSISTENCE + "OneToOne").orElseThrow();
        } else if (Mirrors.has(member, PERSISTENCE + "ManyToMany")) {
            kind = RelationAccessor.Kind.TO_MANY;
            annotation = Mirrors.find(member, PERSISTENCE + "ManyToMany").orElseThrow();
        } else if (Mirrors.has(member, PERSISTENCE + "OneToMany")) {
            kind = RelationAccessor.Kind.TO_MANY;
            annotation = Mirrors.find(member, PERSISTENCE + "OneToMany").orElseThrow();
        } else {
            return Optional.empty();
        }
        boolean mappedBy = MappingAnnotations.string(annotation, "mappedBy").isPresent();
        boolean oneToMany = Mirrors.has(member, PERSISTENCE + "OneToMany");
        if (mappedBy && !oneToMany) {
            return Optional.empty();
        }
        Optional<TypeElement> target = target(annotation, type, kind);
        boolean versioned = target.map(Mirrors::isVersioned).orElse(true);
        boolean inChildren = mappedBy || Mirrors.has(member, PERSISTENCE + "JoinColumn")
                || Mirrors.has(member, PERSISTENCE + "JoinColumns");
        if (oneToMany && inChildren && !versioned) {
            return Optional.empty();
        }
        return Optional.of(new Relation(name, member, type, kind, versioned ? Optional.empty() : target));
    }

    /** The related entity class: {@code targetEntity}, else the property's type or element type. */
    Optional<TypeElement> target(AnnotationMirror annotation, TypeMirror type, RelationAccessor.Kind kind) {
        return Mirrors.value(annotation, "targetEntity")
                .map(value -> (TypeMirror) value.getValue())
                .filter(targetType -> targetType.getKind() == TypeKind.DECLARED)
                .map(targetType -> (TypeElement) ((DeclaredType) targetType).asElement())
                .or(() -> kind == RelationAccessor.Kind.TO_ONE ? JavaTypes.element(type) : types.collectionElement(type));
    }

    /**
     * Names the accessors of {@code relations} so that they clash with none of the getters of
     * {@code fields}; empty, with the reason given to {@code subject}, when both names are taken.
     */
    Optional<List<RelationAccessor>> named(Subject subject, List<Relation> relations, List<VersionField> fields) {
        Set<String> getters = new HashSet<>(FIXED_GETTERS);
        fields.forEach(field -> getters.add(field.getterName()));
        List<RelationAccessor> accessors = new ArrayList<>();
        for (Relation relation : relations) {
            String accessor = "get" + Names.capitalize(relation.property());
            if (getters.contains(accessor)) {
                accessor += "Relation";
            }
            if (!getters.add(accessor)) {
                subject.skip("the accessor of " + subject.property(relation.property()) + " would be " + accessor
                        + "(), which the class already has; rename the property to have it generated",
                        relation.member(), null);
                return Optional.empty();
            }
            Optional<JavaType.Declared> unversioned = relation.unversionedTarget().map(types::of);
            accessors.add(new RelationAccessor(relation.property(), types.of(relation.type()), relation.kind(),
                    unversioned, accessor));
        }
        return Optional.of(accessors);
    }
}
