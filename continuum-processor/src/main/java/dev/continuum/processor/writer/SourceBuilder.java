package dev.continuum.processor.writer;

import dev.continuum.processor.model.AnnotationModel;
import dev.continuum.processor.model.JavaType;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of one generated compilation unit as it is written: indented lines, and the types and
 * annotations they name, spelled through the unit's {@link Imports}. Remembers whether anything
 * written is deprecated, so that the class can suppress the warning its users would otherwise get.
 */
final class SourceBuilder {

    private static final String INDENT = "    ";

    private final Imports imports;
    private final StringBuilder body = new StringBuilder();
    private boolean deprecated;

    SourceBuilder(Imports imports) {
        this.imports = imports;
    }

    void line(int indent, String text) {
        body.append(INDENT.repeat(indent)).append(text).append('\n');
    }

    void blank() {
        body.append('\n');
    }

    /** Where the next line will start, to insert a line there later. */
    int mark() {
        return body.length();
    }

    void insert(int mark, String text) {
        body.insert(mark, text);
    }

    boolean usedDeprecated() {
        return deprecated;
    }

    /** A fixed type of a known package, such as {@code jakarta.persistence.Column}. */
    String ref(String qualifiedName) {
        return imports.ref(qualifiedName);
    }

    /** The name of a class, without marking its deprecation: for Javadoc links and constants. */
    String name(JavaType.Declared type) {
        return imports.ref(type.qualifiedName(), type.packageName());
    }

    /** A type as source, with its type arguments. */
    String type(JavaType type) {
        if (type instanceof JavaType.Declared declared) {
            deprecated |= declared.deprecated();
            String name = name(declared);
            if (declared.arguments().isEmpty()) {
                return name;
            }
            List<String> arguments = new ArrayList<>();
            declared.arguments().forEach(argument -> arguments.add(type(argument)));
            return name + "<" + String.join(", ", arguments) + ">";
        }
        if (type instanceof JavaType.Array array) {
            return type(array.component()) + "[]";
        }
        if (type instanceof JavaType.Wildcard wildcard) {
            if (wildcard.extendsBound().isPresent()) {
                return "? extends " + type(wildcard.extendsBound().get());
            }
            return wildcard.superBound().map(bound -> "? super " + type(bound)).orElse("?");
        }
        return ((JavaType.Keyword) type).keyword();
    }

    /** An annotation as source, on one line unless it holds several annotations; {@code indent} is its line's. */
    String annotation(AnnotationModel annotation, int indent) {
        deprecated |= annotation.type().deprecated();
        StringBuilder out = new StringBuilder("@").append(name(annotation.type()));
        List<AnnotationModel.Member> members = annotation.members();
        if (members.isEmpty()) {
            return out.toString();
        }
        if (members.size() == 1 && members.get(0).name().equals("value")) {
            return out.append('(').append(value(members.get(0).value(), indent)).append(')').toString();
        }
        List<String> rendered = new ArrayList<>();
        members.forEach(member -> rendered.add(member.name() + " = " + value(member.value(), indent)));
        return out.append('(').append(String.join(", ", rendered)).append(')').toString();
    }

    private String value(AnnotationModel.Value value, int indent) {
        if (value instanceof AnnotationModel.EnumConstant constant) {
            return name(constant.type()) + "." + constant.name();
        }
        if (value instanceof AnnotationModel.ClassLiteral literal) {
            return type(literal.type()) + ".class";
        }
        if (value instanceof AnnotationModel.Nested nested) {
            return annotation(nested.annotation(), indent + 1);
        }
        if (value instanceof AnnotationModel.Array array) {
            List<String> rendered = new ArrayList<>();
            boolean annotations = false;
            for (AnnotationModel.Value element : array.elements()) {
                annotations |= element instanceof AnnotationModel.Nested;
                rendered.add(value(element, indent + 1));
            }
            if (rendered.size() == 1) {
                return rendered.get(0);
            }
            if (annotations) {
                // one annotation per line, as a formatter lays out @AttributeOverrides
                String inner = INDENT.repeat(indent + 1);
                return "{\n" + inner + String.join(",\n" + inner, rendered) + "\n" + INDENT.repeat(indent) + "}";
            }
            return "{" + String.join(", ", rendered) + "}";
        }
        return ((AnnotationModel.Literal) value).source();
    }

    static String quote(String text) {
        return AnnotationModel.Literal.string(text).source();
    }

    /** The unit: its package, its imports, then the body. */
    String unit(String packageName) {
        StringBuilder unit = new StringBuilder();
        if (!packageName.isEmpty()) {
            unit.append("package ").append(packageName).append(";\n\n");
        }
        return unit.append(imports.declarations()).append('\n').append(body).toString();
    }
}
