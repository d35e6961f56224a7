package dev.continuum.processor.analysis;

import dev.continuum.processor.model.AnnotationModel;
import dev.continuum.processor.model.JavaType;
import dev.continuum.processor.model.VersionField;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.VariableElement;

/**
 * The discriminator column of a hierarchy's version table, which the runtime copies from the live
 * table: named and typed by {@code @DiscriminatorColumn}, {@code DTYPE varchar(31)} without one.
 */
final class Discriminators {

    /** The field's name; a property of that name makes the class skipped, as any clash does. */
    static final String FIELD = "discriminator";

    private Discriminators() {
    }

    static VersionField field(Optional<AnnotationMirror> annotation) {
        String type = annotation.flatMap(column -> Mirrors.value(column, "discriminatorType"))
                .map(value -> ((VariableElement) value.getValue()).getSimpleName().toString())
                .orElse("STRING");
        List<AnnotationModel.Member> members = new ArrayList<>();
        String name = annotation.flatMap(column -> MappingAnnotations.string(column, "name")).orElse("DTYPE");
        members.add(new AnnotationModel.Member("name", AnnotationModel.Literal.string(name)));
        Optional<String> definition = annotation.flatMap(column -> MappingAnnotations.string(column, "columnDefinition"));
        if (type.equals("STRING")) {
            String length = annotation.flatMap(column -> Mirrors.value(column, "length"))
                    .map(value -> value.getValue().toString()).orElse("31");
            members.add(new AnnotationModel.Member("length", new AnnotationModel.Literal(length)));
        }
        definition.ifPresent(text -> members.add(new AnnotationModel.Member("columnDefinition",
                AnnotationModel.Literal.string(text))));
        String javaType = switch (type) {
            case "CHAR" -> "java.lang.Character";
            case "INTEGER" -> "java.lang.Integer";
            default -> "java.lang.String";
        };
        return new VersionField(FIELD, JavaType.Declared.of(javaType),
                List.of(new AnnotationModel(JavaType.Declared.of(MappingAnnotations.PERSISTENCE + "Column"), members)),
                false, new VersionField.Discriminator());
    }
}
