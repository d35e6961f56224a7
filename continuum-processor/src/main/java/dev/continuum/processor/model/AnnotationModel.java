package dev.continuum.processor.model;

import java.util.List;

/**
 * An annotation to write on a member of the generated class: one copied from the entity (minus
 * the members that would constrain a history row like its live row), or one the analysis made.
 *
 * @param type the annotation type
 * @param members the members to write, in the order they were written in the entity
 */
public record AnnotationModel(JavaType.Declared type, List<Member> members) {

    public AnnotationModel {
        members = List.copyOf(members);
    }

    /**
     * One {@code name = value} of an annotation.
     *
     * @param name the member name
     * @param value its value
     */
    public record Member(String name, Value value) {
    }

    /** The value of an annotation member, as source. */
    public sealed interface Value {
    }

    /**
     * A string, character or number, already spelled as a source literal.
     *
     * @param source the literal, such as {@code "writer_id"} or {@code 200}
     */
    public record Literal(String source) implements Value {

        /** A string literal, quoted and escaped. */
        public static Literal string(String text) {
            StringBuilder out = new StringBuilder("\"");
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    default -> out.append(c);
                }
            }
            return new Literal(out.append('"').toString());
        }
    }

    /**
     * An enum constant, such as {@code EnumType.STRING}.
     *
     * @param type the enum
     * @param name the constant
     */
    public record EnumConstant(JavaType.Declared type, String name) implements Value {
    }

    /** @param type the (erased) type of a class literal */
    public record ClassLiteral(JavaType type) implements Value {
    }

    /** @param annotation an annotation as the value, such as the {@code column} of {@code @AttributeOverride} */
    public record Nested(AnnotationModel annotation) implements Value {
    }

    /** @param elements the elements of an array value */
    public record Array(List<Value> elements) implements Value {

        public Array {
            elements = List.copyOf(elements);
        }
    }
}
