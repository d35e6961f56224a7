package dev.continuum.processor.analysis;

import static dev.continuum.processor.analysis.MappingAnnotations.PERSISTENCE;

import dev.continuum.processor.model.AnnotationModel;
import dev.continuum.processor.model.JavaType;
import dev.continuum.processor.model.Names;
import dev.continuum.processor.model.VersionField;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * The identifier part of a version class. The version table's primary key is the entity's
 * identifier columns and the transaction, so the version class has one {@code @Id} field per
 * identifier column: the {@code @Id} itself for a simple identifier, each {@code @Id} of an
 * {@code @IdClass} entity, each attribute of an {@code @EmbeddedId}'s embeddable. A composite
 * identifier is also mapped whole, read-only onto the same columns, as an instance of the
 * entity's own identifier class: what {@code id()} returns and the runtime looks versions up by.
 */
final class Identifiers {

    private static final JavaType.Declared EMBEDDED = JavaType.Declared.of(PERSISTENCE + "Embedded");
    private static final JavaType.Declared ATTRIBUTE_OVERRIDE = JavaType.Declared.of(PERSISTENCE + "AttributeOverride");

    /** Annotations that make an identifier attribute more than a column of its own: a relation, an embeddable. */
    private static final List<String> NOT_A_COLUMN = List.of("ManyToOne", "OneToOne", "MapsId", "Embedded",
            "OneToMany", "ManyToMany", "ElementCollection");

    private final JavaTypes types;
    private final MappingAnnotations annotations;

    Identifiers(JavaTypes types, MappingAnnotations annotations) {
        this.types = types;
        this.annotations = annotations;
    }

    /**
     * The fields of the identifier.
     *
     * @param byProperty the fields to write in place of each identifier property of the entity, in order
     * @param identifier the field {@code id()} returns
     */
    record Fields(Map<String, List<VersionField>> byProperty, VersionField identifier) {
    }

    /** The {@code @IdClass} of {@code type} or of one of its superclasses. */
    static Optional<TypeMirror> idClass(TypeElement type) {
        for (Optional<TypeElement> current = Optional.of(type); current.isPresent();
                current = Mirrors.superclass(current.get())) {
            Optional<TypeMirror> idClass = Mirrors.find(current.get(), PERSISTENCE + "IdClass")
                    .flatMap(annotation -> Mirrors.value(annotation, "value"))
                    .map(value -> (TypeMirror) value.getValue());
            if (idClass.isPresent()) {
                return idClass;
            }
        }
        return Optional.empty();
    }

    /** The identifier fields of the subject's version class; empty, with the reason given to it, when they cannot be mapped. */
    Optional<Fields> of(Subject subject) {
        PersistentProperties properties = subject.properties;
        if (properties.identifiers().isEmpty()) {
            subject.unsupported("identifiers mapped outside the source (no @Id in " + subject.entityName + ")");
            return Optional.empty();
        }
        for (String name : properties.identifiers()) {
            Element member = properties.members().get(name);
            Optional<String> relation = moreThanAColumn(member);
            if (relation.isPresent()) {
                subject.unsupported("identifiers derived from a relation or embeddable (@Id @" + relation.get() + " "
                        + subject.property(name) + ")", member, Mirrors.find(member, PERSISTENCE + relation.get())
                        .orElse(null));
                return Optional.empty();
            }
        }
        Optional<TypeMirror> idClass = idClass(subject.entity);
        if (idClass.isPresent()) {
            return ofIdClass(subject, idClass.get());
        }
        if (properties.identifiers().size() > 1) {
            subject.unsupported("composite identifiers without an @IdClass (" + subject.entityName
                    + " has several @Id properties)");
            return Optional.empty();
        }
        String name = properties.identifiers().iterator().next();
        Element member = properties.members().get(name);
        if (Mirrors.has(member, Mirrors.EMBEDDED_ID)) {
            return ofEmbeddedId(subject, name, member);
        }
        VersionField id = new VersionField(name, types.of(types.memberType(subject.type, member)),
                annotations.copied(member), true, new VersionField.Property(name));
        return Optional.of(new Fields(Map.of(name, List.of(id)), id));
    }

    /** Each {@code @Id} property as it is, then the whole identifier as an instance of the {@code @IdClass}. */
    private Optional<Fields> ofIdClass(Subject subject, TypeMirror idClass) {
        Map<String, List<VersionField>> byProperty = new LinkedHashMap<>();
        List<AnnotationModel> overrides = new ArrayList<>();
        String last = null;
        for (String name : subject.properties.members().keySet()) {
            if (!subject.properties.identifiers().contains(name)) {
                continue;
            }
            Element member = subject.properties.members().get(name);
            List<AnnotationModel> copied = annotations.copied(member);
            byProperty.put(name, new ArrayList<>(List.of(new VersionField(name,
                    types.of(types.memberType(subject.type, member)), copied, true, new VersionField.Property(name)))));
            overrides.add(readOnlyOverride(name, copied));
            last = name;
        }
        Optional<String> copyName = wholeIdentifierName(subject, idClass);
        if (copyName.isEmpty()) {
            return Optional.empty();
        }
        VersionField identifier = whole(copyName.get(), idClass, overrides);
        byProperty.get(last).add(identifier);
        return Optional.of(new Fields(byProperty, identifier));
    }

    /** Each attribute of the embeddable, then the embeddable itself under the property's name. */
    private Optional<Fields> ofEmbeddedId(Subject subject, String name, Element member) {
        TypeMirror type = types.memberType(subject.type, member);
        Optional<TypeElement> embeddable = JavaTypes.element(type);
        if (embeddable.isEmpty()) {
            subject.unsupported("an @EmbeddedId that is not a class (" + subject.property(name) + ")", member,
                    Mirrors.find(member, Mirrors.EMBEDDED_ID).orElse(null));
            return Optional.empty();
        }
        Map<String, AnnotationMirror> columnOverrides = columnOverrides(member);
        PersistentProperties parts = PersistentProperties.ofEmbeddable(embeddable.get(), member);
        List<VersionField> fields = new ArrayList<>();
        List<AnnotationModel> overrides = new ArrayList<>();
        for (Map.Entry<String, Element> part : parts.members().entrySet()) {
            Element partMember = part.getValue();
            TypeMirror partType = types.memberType((DeclaredType) type, partMember);
            boolean nested = JavaTypes.element(partType)
                    .filter(element -> Mirrors.has(element, Mirrors.EMBEDDABLE)).isPresent();
            if (moreThanAColumn(partMember).isPresent() || nested) {
                subject.unsupported("an @EmbeddedId whose class nests an embeddable or a relation ("
                        + embeddable.get().getSimpleName() + "." + part.getKey() + ")", member,
                        Mirrors.find(member, Mirrors.EMBEDDED_ID).orElse(null));
                return Optional.empty();
            }
            List<AnnotationModel> copied = new ArrayList<>(annotations.copied(partMember));
            AnnotationMirror override = columnOverrides.get(part.getKey());
            if (override != null) {
                // @AttributeOverride on the @EmbeddedId renames the column, as it does for the live table
                copied.removeIf(MappingAnnotations::isColumn);
                copied.add(annotations.copy(override));
            }
            fields.add(new VersionField(part.getKey(), types.of(partType), copied, true,
                    new VersionField.IdentifierPart(name, part.getKey())));
            overrides.add(readOnlyOverride(part.getKey(), copied));
        }
        if (fields.isEmpty()) {
            subject.unsupported("an @EmbeddedId without attributes (" + subject.property(name) + ")", member,
                    Mirrors.find(member, Mirrors.EMBEDDED_ID).orElse(null));
            return Optional.empty();
        }
        VersionField identifier = whole(name, type, overrides);
        fields.add(identifier);
        return Optional.of(new Fields(Map.of(name, fields), identifier));
    }

    /** The first annotation of {@code member} that makes it more than a column of its own. */
    private static Optional<String> moreThanAColumn(Element member) {
        return NOT_A_COLUMN.stream().filter(annotation -> Mirrors.has(member, PERSISTENCE + annotation)).findFirst();
    }

    /**
     * The name of the field holding the whole identifier of an {@code @IdClass} entity: {@code id},
     * or the id class's name when a property is called {@code id}.
     */
    private static Optional<String> wholeIdentifierName(Subject subject, TypeMirror idClass) {
        String className = JavaTypes.element(idClass).map(type -> type.getSimpleName().toString()).orElse("Id");
        for (String candidate : List.of("id", Names.decapitalize(className))) {
            if (!subject.properties.names().contains(candidate)) {
                return Optional.of(candidate);
            }
        }
        subject.skip("the field holding its whole identifier would be named id or " + Names.decapitalize(className)
                + ", but " + subject.entityName + " has properties of both names; rename one of them to have it "
                + "generated", subject.entity, subject.versioned);
        return Optional.empty();
    }

    /** The whole identifier, embedded read-only: every column is mapped by an {@code @Id} field already. */
    private VersionField whole(String name, TypeMirror type, List<AnnotationModel> overrides) {
        List<AnnotationModel> mapping = new ArrayList<>();
        mapping.add(new AnnotationModel(EMBEDDED, List.of()));
        mapping.addAll(overrides);
        return new VersionField(name, types.of(type), mapping, false, new VersionField.Identifier());
    }

    /**
     * {@code @AttributeOverride} of the whole identifier's attribute {@code name} onto the column of
     * its {@code @Id} field: that field's {@code @Column}, named (JPA names it after the attribute
     * when it does not), and read-only.
     */
    private static AnnotationModel readOnlyOverride(String name, List<AnnotationModel> partAnnotations) {
        List<AnnotationModel.Member> members = new ArrayList<>();
        Optional<AnnotationModel> column = partAnnotations.stream().filter(MappingAnnotations::isColumn).findFirst();
        if (column.isEmpty() || column.get().members().stream().noneMatch(member -> member.name().equals("name"))) {
            members.add(new AnnotationModel.Member("name", AnnotationModel.Literal.string(name)));
        }
        column.ifPresent(annotation -> members.addAll(annotation.members()));
        AnnotationModel named = new AnnotationModel(MappingAnnotations.column(name, null).type(), members);
        return new AnnotationModel(ATTRIBUTE_OVERRIDE, List.of(
                new AnnotationModel.Member("name", AnnotationModel.Literal.string(name)),
                new AnnotationModel.Member("column", new AnnotationModel.Nested(MappingAnnotations.readOnly(named)))));
    }

    /** The columns that {@code @AttributeOverride}s on an {@code @EmbeddedId} give its attributes, by attribute. */
    private static Map<String, AnnotationMirror> columnOverrides(Element member) {
        List<AnnotationMirror> overrides = new ArrayList<>();
        Mirrors.find(member, PERSISTENCE + "AttributeOverride").ifPresent(overrides::add);
        Mirrors.find(member, PERSISTENCE + "AttributeOverrides")
                .flatMap(container -> Mirrors.value(container, "value"))
                .ifPresent(value -> ((List<?>) value.getValue())
                        .forEach(element -> overrides.add((AnnotationMirror) ((AnnotationValue) element).getValue())));
        Map<String, AnnotationMirror> columns = new LinkedHashMap<>();
        for (AnnotationMirror override : overrides) {
            Optional<String> name = MappingAnnotations.string(override, "name");
            Optional<AnnotationMirror> column = Mirrors.value(override, "column")
                    .map(value -> (AnnotationMirror) value.getValue());
            if (name.isPresent() && column.isPresent()) {
                columns.put(name.get(), column.get());
            }
        }
        return columns;
    }
}
