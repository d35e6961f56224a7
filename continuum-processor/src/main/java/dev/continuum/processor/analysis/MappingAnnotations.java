package dev.continuum.processor.analysis;

import dev.continuum.processor.model.AnnotationModel;
import dev.continuum.processor.model.JavaType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * Which mapping annotations of an entity's property its version class copies, and their copies:
 * a history row keeps the column mapping of the live row (names, types, converters, embeddables)
 * but none of what makes a live row (identifier generation, optimistic locking, relationships,
 * constraints).
 */
final class MappingAnnotations {

    static final String PERSISTENCE = "jakarta.persistence.";
    static final String HIBERNATE = "org.hibernate.annotations.";

    /** Annotations of a live property that do not belong on its history. */
    private static final Set<String> DROPPED = Set.of(
            "Id", "EmbeddedId", "GeneratedValue", "SequenceGenerator", "SequenceGenerators", "TableGenerator",
            "TableGenerators", "Version", "ManyToOne", "OneToOne", "OneToMany", "ManyToMany", "ElementCollection",
            "JoinColumn", "JoinColumns", "JoinTable", "MapsId", "OrderBy", "OrderColumn", "MapKey", "MapKeyClass",
            "MapKeyColumn", "MapKeyJoinColumn", "MapKeyJoinColumns", "MapKeyEnumerated", "MapKeyTemporal", "Access",
            "Transient", "PrimaryKeyJoinColumn", "PrimaryKeyJoinColumns", "CollectionTable", "ForeignKey",
            "AssociationOverride", "AssociationOverrides", "Cacheable",
            // org.hibernate.annotations
            "Cascade", "Fetch", "NotFound", "OnDelete", "BatchSize", "LazyGroup", "OptimisticLock", "NaturalId",
            "CreationTimestamp", "UpdateTimestamp", "CurrentTimestamp", "Generated", "GenericGenerator",
            "GenericGenerators", "UuidGenerator", "NativeGenerator", "TenantId", "Immutable", "JoinFormula",
            "JoinColumnOrFormula", "JoinColumnsOrFormulas", "SQLRestriction", "SQLOrder", "SortComparator",
            "SortNatural", "Filter", "Filters", "AttributeAccessor", "Parent", "Cache", "ListIndexBase", "Bag",
            "CollectionId", "Check", "Checks");

    /** Members of kept annotations that would constrain a history row like its live row. */
    private static final Set<String> DROPPED_MEMBERS = Set.of("unique", "nullable", "insertable", "updatable",
            "optional");

    private static final JavaType.Declared COLUMN = JavaType.Declared.of(PERSISTENCE + "Column");

    private final JavaTypes types;

    MappingAnnotations(JavaTypes types) {
        this.types = types;
    }

    /** The mapping annotations of {@code member} that the version class keeps, as it writes them. */
    List<AnnotationModel> copied(Element member) {
        List<AnnotationModel> kept = new ArrayList<>();
        for (AnnotationMirror annotation : member.getAnnotationMirrors()) {
            TypeElement type = (TypeElement) annotation.getAnnotationType().asElement();
            String name = type.getQualifiedName().toString();
            boolean mapping = name.startsWith(PERSISTENCE) || name.startsWith(HIBERNATE);
            if (mapping && !DROPPED.contains(type.getSimpleName().toString()) && !isGenerator(type)) {
                kept.add(copy(annotation));
            }
        }
        return kept;
    }

    /** {@code annotation} as written, minus the members that would constrain a history row. */
    AnnotationModel copy(AnnotationMirror annotation) {
        List<AnnotationModel.Member> members = new ArrayList<>();
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
                : annotation.getElementValues().entrySet()) {
            String member = entry.getKey().getSimpleName().toString();
            if (!DROPPED_MEMBERS.contains(member)) {
                members.add(new AnnotationModel.Member(member, value(entry.getValue())));
            }
        }
        return new AnnotationModel(types.of((TypeElement) annotation.getAnnotationType().asElement()), members);
    }

    /** {@code @Column(name = ...)}, with the column definition when the live mapping gives one. */
    static AnnotationModel column(String name, String definition) {
        List<AnnotationModel.Member> members = new ArrayList<>();
        members.add(new AnnotationModel.Member("name", AnnotationModel.Literal.string(name)));
        if (definition != null) {
            members.add(new AnnotationModel.Member("columnDefinition", AnnotationModel.Literal.string(definition)));
        }
        return new AnnotationModel(COLUMN, members);
    }

    /** {@code @Column(name = ..., length = 32)}: the reference column of a compact property. */
    static AnnotationModel reference(String name) {
        return new AnnotationModel(COLUMN, List.of(new AnnotationModel.Member("name", AnnotationModel.Literal.string(name)),
                new AnnotationModel.Member("length", new AnnotationModel.Literal("32"))));
    }

    /**
     * {@code column} (a {@code @Column} copied from a property) marked read-only: for a second
     * mapping of columns another field of the version class already maps.
     */
    static AnnotationModel readOnly(AnnotationModel column) {
        List<AnnotationModel.Member> members = new ArrayList<>(column.members());
        members.add(new AnnotationModel.Member("insertable", new AnnotationModel.Literal("false")));
        members.add(new AnnotationModel.Member("updatable", new AnnotationModel.Literal("false")));
        return new AnnotationModel(column.type(), members);
    }

    /** Whether {@code annotation} is {@code @Column}. */
    static boolean isColumn(AnnotationModel annotation) {
        return annotation.type().qualifiedName().equals(COLUMN.qualifiedName());
    }

    /** The value of a string member of {@code annotation}, when it is written and not empty. */
    static java.util.Optional<String> string(AnnotationMirror annotation, String member) {
        return Mirrors.value(annotation, member)
                .map(value -> value.getValue().toString())
                .filter(value -> !value.isEmpty());
    }

    private AnnotationModel.Value value(AnnotationValue value) {
        Object content = value.getValue();
        if (content instanceof VariableElement constant) {
            return new AnnotationModel.EnumConstant(types.of((TypeElement) constant.getEnclosingElement()),
                    constant.getSimpleName().toString());
        }
        if (content instanceof TypeMirror type) {
            return new AnnotationModel.ClassLiteral(types.erased(type));
        }
        if (content instanceof AnnotationMirror nested) {
            return new AnnotationModel.Nested(copy(nested));
        }
        if (content instanceof List<?> list) {
            List<AnnotationModel.Value> elements = new ArrayList<>();
            list.forEach(element -> elements.add(value((AnnotationValue) element)));
            return new AnnotationModel.Array(elements);
        }
        // strings, characters and numbers: javac renders them as source literals
        return new AnnotationModel.Literal(value.toString());
    }

    /** Hibernate's generator annotations, which are meta-annotated as such. */
    private static boolean isGenerator(TypeElement annotation) {
        return Mirrors.has(annotation, HIBERNATE + "IdGeneratorType")
                || Mirrors.has(annotation, HIBERNATE + "ValueGenerationType");
    }
}
