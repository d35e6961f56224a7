package dev.continuum.processor.analysis;

import dev.continuum.processor.model.JavaType;

import static dev.continuum.processor.analysis.MappingAnnotations.HIBERNATE;
import static dev.continuum.processor.analysis.MappingAnnotations.PERSISTENCE;

import dev.continuum.processor.model.VersionField;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * The fields of a version class for the versioned properties of an entity: one per property with
 * its own column (the foreign key for a to-one), none for collections, the inverse side of a
 * one-to-one, formulas and optimistic locks, and a relation accessor for every versioned relation.
 */
final class PropertyFields {

    private final JavaTypes types;
    private final MappingAnnotations annotations;
    private final ForeignKeys foreignKeys;
    private final RelationAccessors relations;

    PropertyFields(JavaTypes types, MappingAnnotations annotations, ForeignKeys foreignKeys,
            RelationAccessors relations) {
        this.types = types;
        this.annotations = annotations;
        this.foreignKeys = foreignKeys;
        this.relations = relations;
    }

    /** The fields found so far, the columns they map (lower case, as far as the source tells), the relations. */
    static final class Found {
        final List<VersionField> fields = new ArrayList<>();
        final Set<String> columns = new HashSet<>();
        final List<RelationAccessors.Relation> relations = new ArrayList<>();

        Set<String> names() {
            Set<String> names = new HashSet<>();
            fields.forEach(field -> names.add(field.name()));
            return names;
        }
    }

    /**
     * How a property is read.
     *
     * @param owner the entity class the property is seen from, for the type arguments it binds
     * @param accessors whether its relation gets an accessor: not for the subclasses' properties
     *        that a single-table root's version class maps, which the root's snapshot does not have
     * @param nullable whether a primitive becomes its box, for columns other classes' rows leave null
     */
    record Reading(DeclaredType owner, boolean accessors, boolean nullable) {
    }

    /** Adds what the property {@code name} maps to {@code found}, or gives the subject the reason it cannot. */
    void add(Subject subject, String name, Element member, Reading reading, Found found) {
        TypeMirror type = types.memberType(reading.owner(), member);
        if (!types.accessibleFrom(type, subject.packageName)) {
            subject.skip(subject.property(name) + " is of a type that is not visible in its package, so the version "
                    + "class cannot declare it", member, null);
            return;
        }
        if (reading.accessors()) {
            relations.relation(name, member, type).ifPresent(found.relations::add);
        }
        if (hasNoColumn(member)) {
            return;
        }
        if (Mirrors.has(member, PERSISTENCE + "ManyToOne") || Mirrors.has(member, PERSISTENCE + "OneToOne")) {
            foreignKeys.of(subject, name, member, type).ifPresent(key -> {
                found.fields.add(key.field());
                found.columns.add(key.column().toLowerCase(Locale.ROOT));
            });
            return;
        }
        Optional<AnnotationMirror> any = Mirrors.find(member, HIBERNATE + "Any")
                .or(() -> Mirrors.find(member, HIBERNATE + "ManyToAny"));
        if (any.isPresent()) {
            subject.unsupported("@Any associations (" + subject.property(name) + ")", member, any.get());
            return;
        }
        if (Mirrors.has(member, "dev.continuum.Compact")) {
            // the version column holds the reference of the value (the 32 bytes of its SHA-256), not the value
            String column = Mirrors.find(member, PERSISTENCE + "Column")
                    .flatMap(annotation -> MappingAnnotations.string(annotation, "name")).orElse(name);
            found.fields.add(new VersionField(name, new JavaType.Array(new JavaType.Keyword("byte")),
                    List.of(MappingAnnotations.reference(column)), false, new VersionField.Property(name)));
            column(name, member).ifPresent(found.columns::add);
            return;
        }
        found.fields.add(new VersionField(name, types.of(reading.nullable() ? types.boxed(type) : type),
                annotations.copied(member), false, new VersionField.Property(name)));
        column(name, member).ifPresent(found.columns::add);
    }

    /** The column (lower case) a basic property maps, when the source says: its {@code @Column} name, else its name. */
    static Optional<String> column(String name, Element member) {
        if (Mirrors.has(member, PERSISTENCE + "Embedded") || Mirrors.has(member, Mirrors.EMBEDDED_ID)
                || JavaTypes.element(JavaTypes.declaredType(member))
                        .filter(type -> Mirrors.has(type, Mirrors.EMBEDDABLE)).isPresent()) {
            return Optional.empty();
        }
        String column = Mirrors.find(member, PERSISTENCE + "Column")
                .flatMap(annotation -> MappingAnnotations.string(annotation, "name"))
                .orElse(name);
        return Optional.of(column.toLowerCase(Locale.ROOT));
    }

    /**
     * Properties that have no column of their own in the version table: collections (their
     * version rows are elsewhere), the inverse side of a one-to-one, formulas, optimistic locks. A
     * collection or map without a relationship annotation is a basic value of one column (an
     * array, JSON), like any other.
     */
    private static boolean hasNoColumn(Element member) {
        for (String annotation : List.of(PERSISTENCE + "Version", PERSISTENCE + "OneToMany", PERSISTENCE + "ManyToMany",
                PERSISTENCE + "ElementCollection", HIBERNATE + "ManyToAny", HIBERNATE + "Formula")) {
            if (Mirrors.has(member, annotation)) {
                return true;
            }
        }
        Optional<AnnotationMirror> oneToOne = Mirrors.find(member, PERSISTENCE + "OneToOne");
        return oneToOne.isPresent() && MappingAnnotations.string(oneToOne.get(), "mappedBy").isPresent();
    }
}
