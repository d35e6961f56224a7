package dev.continuum.processor.analysis;

import static dev.continuum.processor.analysis.MappingAnnotations.PERSISTENCE;

import dev.continuum.processor.model.VersionField;

import java.util.List;
import java.util.Optional;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The foreign key columns of an entity's to-one relations: a many-to-one or owning one-to-one
 * becomes, in the version class, the value of its foreign key ({@code authorId} for
 * {@code author}), named and typed as the live mapping makes the column.
 */
final class ForeignKeys {

    private final JavaTypes types;

    ForeignKeys(JavaTypes types) {
        this.types = types;
    }

    /** The key of the single-column identifier of {@code target}, when it has exactly one. */
    record TargetKey(TypeMirror type, String column) {
    }

    /**
     * The field of a foreign key.
     *
     * @param field the field
     * @param column the column it maps
     */
    record Key(VersionField field, String column) {
    }

    /**
     * The field for the foreign key of the to-one relation {@code name}; empty, with the reason
     * given to {@code subject}, when typed version classes cannot map it.
     */
    Optional<Key> of(Subject subject, String name, Element member, TypeMirror type) {
        AnnotationMirror relation = Mirrors.find(member, PERSISTENCE + "ManyToOne")
                .or(() -> Mirrors.find(member, PERSISTENCE + "OneToOne")).orElseThrow();
        String property = subject.property(name);
        Optional<AnnotationMirror> mapsId = Mirrors.find(member, PERSISTENCE + "MapsId");
        if (mapsId.isPresent()) {
            subject.unsupported("derived identifiers (@MapsId on " + property + ")", member, mapsId.get());
            return Optional.empty();
        }
        TypeMirror targetType = Mirrors.value(relation, "targetEntity")
                .map(value -> (TypeMirror) value.getValue())
                .filter(target -> !target.toString().equals("void"))
                .orElse(type);
        if (targetType.getKind() != TypeKind.DECLARED) {
            subject.unsupported("to-one relations to a type that is not an entity class (" + property + ")", member,
                    relation);
            return Optional.empty();
        }
        TypeElement target = (TypeElement) ((DeclaredType) targetType).asElement();
        Optional<TargetKey> key = singleKey(target);
        if (key.isEmpty() || Mirrors.has(member, PERSISTENCE + "JoinColumns")) {
            subject.unsupported("foreign keys to composite identifiers (" + property + " refers to "
                    + target.getSimpleName() + ")", member, relation);
            return Optional.empty();
        }
        Optional<AnnotationMirror> joinColumn = Mirrors.find(member, PERSISTENCE + "JoinColumn");
        String column = joinColumn.flatMap(join -> MappingAnnotations.string(join, "name"))
                .orElse(name + "_" + key.get().column());
        String definition = joinColumn.flatMap(join -> MappingAnnotations.string(join, "columnDefinition"))
                .orElse(null);
        return Optional.of(new Key(new VersionField(name + "Id", types.of(key.get().type()),
                List.of(MappingAnnotations.column(column, definition)), false,
                new VersionField.ForeignKey(name, types.of(target))), column));
    }

    /**
     * The type (boxed: a foreign key may be null) and column of the identifier of {@code target},
     * when it is a single {@code @Id}; empty for a composite identifier or none in source.
     */
    Optional<TargetKey> singleKey(TypeElement target) {
        PersistentProperties properties = PersistentProperties.of(target);
        if (properties.identifiers().size() != 1 || Identifiers.idClass(target).isPresent()) {
            return Optional.empty();
        }
        String idName = properties.identifiers().iterator().next();
        Element id = properties.members().get(idName);
        if (Mirrors.has(id, Mirrors.EMBEDDED_ID)) {
            return Optional.empty();
        }
        String column = Mirrors.find(id, PERSISTENCE + "Column")
                .flatMap(annotation -> MappingAnnotations.string(annotation, "name"))
                .orElse(idName);
        return Optional.of(new TargetKey(types.boxed(types.memberType((DeclaredType) target.asType(), id)), column));
    }
}
