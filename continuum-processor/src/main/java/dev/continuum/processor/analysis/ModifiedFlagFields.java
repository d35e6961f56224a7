package dev.continuum.processor.analysis;

import dev.continuum.processor.model.AnnotationModel;
import dev.continuum.processor.model.JavaType;
import dev.continuum.processor.model.VersionField;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * The modification flags of a version class, when its entity's version table has them
 * ({@code @Versioned(modifiedFlags)} on the hierarchy's root, else the processor option
 * {@code continuum.modified_flags}, as the runtime setting decides): one {@code Boolean} field per
 * versioned property, on the column the runtime names {@code <column>_mod} for a property of one
 * column and {@code <property>_mod} for an embeddable.
 */
final class ModifiedFlagFields {

    /** What follows a column's or a property's name in its flag's name, as at runtime. */
    static final String SUFFIX = "_mod";
    /** What follows a property's name in its flag field's name. */
    static final String FIELD_SUFFIX = "Modified";

    private ModifiedFlagFields() {
    }

    /** Whether the version table of {@code entity} has flags: its root's {@code @Versioned} decides, else {@code byDefault}. */
    static boolean enabled(TypeElement entity, boolean byDefault) {
        List<TypeElement> hierarchy = Mirrors.hierarchy(entity);
        for (int i = hierarchy.size() - 1; i >= 0; i--) {
            Optional<String> option = Mirrors.find(hierarchy.get(i), Mirrors.VERSIONED)
                    .flatMap(versioned -> Mirrors.value(versioned, "modifiedFlags"))
                    .map(value -> ((VariableElement) value.getValue()).getSimpleName().toString());
            if (Mirrors.has(hierarchy.get(i), Mirrors.VERSIONED)) {
                return option.map(name -> name.equals("ENABLED") || name.equals("DEFAULT") && byDefault)
                        .orElse(byDefault);
            }
        }
        return byDefault;
    }

    /**
     * The flag fields of {@code fields}' versioned properties and foreign keys, or empty with the
     * subject skipped when a flag's column or field would clash with a column or field of its own.
     */
    static List<VersionField> of(Subject subject, List<VersionField> fields) {
        Set<String> columns = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (VersionField field : fields) {
            names.add(field.name());
            columnName(field).ifPresent(column -> columns.add(unquoted(column).toLowerCase(Locale.ROOT)));
        }
        List<VersionField> flags = new ArrayList<>();
        for (VersionField field : fields) {
            String property;
            if (field.id()) {
                continue;
            } else if (field.origin() instanceof VersionField.Property p) {
                property = p.property();
            } else if (field.origin() instanceof VersionField.ForeignKey key) {
                property = key.property();
            } else {
                continue;
            }
            Element member = subject.properties.members().get(property);
            String column = flagColumn(field, property, member);
            String name = property + FIELD_SUFFIX;
            if (columns.contains(unquoted(column).toLowerCase(Locale.ROOT)) || names.contains(name)) {
                subject.skip("the modification flag of " + subject.property(property) + " would be the column "
                        + column + " or the field " + name + ", which " + subject.entityName + " maps already; "
                        + "rename the property or column, or turn modification flags off for " + subject.entityName
                        + " (@Versioned(modifiedFlags = DISABLED))", member == null ? subject.entity : member, null);
                return List.of();
            }
            flags.add(new VersionField(name, JavaType.Declared.of("java.lang.Boolean"),
                    List.of(new AnnotationModel(JavaType.Declared.of(MappingAnnotations.PERSISTENCE + "Column"),
                            List.of(new AnnotationModel.Member("name", AnnotationModel.Literal.string(column))))),
                    false, new VersionField.ModifiedFlag(property)));
        }
        return flags;
    }

    /** The flag's column: the property's single column with the suffix (inside its quotes), or the property's name with it. */
    private static String flagColumn(VersionField field, String property, Element member) {
        boolean embedded = member != null && field.origin() instanceof VersionField.Property
                && PropertyFields.column(property, member).isEmpty();
        String column = embedded ? property : columnName(field).orElse(property);
        for (String quote : List.of("\"", "`")) {
            if (column.length() > 1 && column.startsWith(quote) && column.endsWith(quote)) {
                return quote + column.substring(1, column.length() - 1) + SUFFIX + quote;
            }
        }
        return column + SUFFIX;
    }

    /** The name a field's {@code @Column} gives, as written in the entity's source. */
    private static Optional<String> columnName(VersionField field) {
        for (AnnotationModel annotation : field.annotations()) {
            if (annotation.type().qualifiedName().equals(MappingAnnotations.PERSISTENCE + "Column")) {
                for (AnnotationModel.Member member : annotation.members()) {
                    if (member.name().equals("name") && member.value() instanceof AnnotationModel.Literal literal) {
                        return Optional.of(unescaped(literal.source()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The text of a string literal's source. */
    private static String unescaped(String source) {
        String body = source.startsWith("\"") && source.endsWith("\"") && source.length() > 1
                ? source.substring(1, source.length() - 1) : source;
        return body.replace("\\\"", "\"").replace("\\\\", "\\");
    }

    private static String unquoted(String column) {
        return column.replace("\"", "").replace("`", "");
    }
}
