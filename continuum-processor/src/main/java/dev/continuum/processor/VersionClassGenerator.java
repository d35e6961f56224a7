package dev.continuum.processor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Writes the typed version class of one {@code @Versioned} entity: a read-only JPA entity mapped
 * onto the entity's version table, with a field and a getter for every versioned property and the
 * bookkeeping columns, that implements {@code Version<T>} by delegating to the version the runtime
 * binds to each instance it loads.
 *
 * <p>Mapping annotations of the entity's properties are copied as written, minus those that make
 * no sense on a history row (identifier generation, optimistic locking, relationships,
 * constraints); a many-to-one or owning one-to-one becomes the value of its foreign key.
 *
 * <p>Every versioned relation (many-to-one, owning one-to-one, one-to-many, many-to-many, element
 * collection) also gets an accessor named like the entity's property, {@code getAuthor()} for
 * {@code author}, with the property's declared type: it returns what the version's
 * {@code entity()} holds for the relation, read by the runtime through its mapping model (see
 * {@code VersionBinding.Relations}). The class maps its fields (its identifiers are fields), so
 * the accessors are not mapped. When another getter of the class already has that name (the
 * foreign key getter {@code getAuthorId()} of a relation {@code author}, for a relation named
 * {@code authorId}), the accessor is {@code get<Property>Relation()}.
 */
final class VersionClassGenerator {

    /** What {@code @Generated} names as the generator. */
    static final String GENERATOR = "dev.continuum.processor.VersionedProcessor";

    private static final String PERSISTENCE = "jakarta.persistence.";
    private static final String HIBERNATE = "org.hibernate.annotations.";

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

    /** The field holding the {@code Version<T>} a generated class delegates to. */
    private static final String DELEGATE = "continuumVersion";

    /** The method of a generated class that gives the delegate as {@code VersionBinding.Relations}. */
    private static final String RELATIONS = "continuumRelations";

    /** Members of kept annotations that would constrain a history row like its live row. */
    private static final Set<String> DROPPED_MEMBERS = Set.of("unique", "nullable", "insertable", "updatable",
            "optional");

    /**
     * Names and column names of the generated class.
     *
     * @param classSuffix appended to the entity's simple name
     * @param tableSuffix appended to the live table's name
     * @param transactionIdColumn the transaction column of version tables
     * @param endTransactionIdColumn the superseding-transaction column
     * @param operationTypeColumn the operation column
     */
    record Options(String classSuffix, String tableSuffix, String transactionIdColumn, String endTransactionIdColumn,
            String operationTypeColumn) {
    }

    /** Where the generator reports what it cannot generate. */
    interface Errors {
        void error(String message, Element element, AnnotationMirror annotation);
    }

    /** What a relation accessor returns. */
    private enum RelationKind { TO_ONE, TO_MANY, ELEMENTS }

    /** One relation accessor of the generated class. */
    private record Relation(String property, TypeMirror type, RelationKind kind, TypeElement unversionedTarget,
            String accessor) {
    }

    /** One field of the generated class. */
    private record Field(String name, TypeMirror type, List<AnnotationMirror> annotations, String column,
            String columnDefinition, boolean id, String property, TypeElement target) {
    }

    private final Elements elements;
    private final Types types;
    private final Options options;

    VersionClassGenerator(ProcessingEnvironment environment, Options options) {
        this.elements = environment.getElementUtils();
        this.types = environment.getTypeUtils();
        this.options = options;
    }

    /** The qualified name of the version class of {@code entity}. */
    String className(TypeElement entity) {
        PackageElement pkg = elements.getPackageOf(entity);
        String simpleName = entity.getSimpleName() + options.classSuffix();
        return pkg.isUnnamed() ? simpleName : pkg.getQualifiedName() + "." + simpleName;
    }

    /**
     * The source of the version class of {@code entity}, or empty when the entity uses a mapping
     * the generator does not support, which is then reported.
     */
    Optional<String> generate(TypeElement entity, AnnotationMirror versioned, PersistentProperties properties,
            Set<String> excluded, Errors errors) {
        String className = className(entity);
        String entityName = entity.getSimpleName().toString();
        Optional<String> unsupported = unsupportedEntityMapping(entity, properties);
        if (unsupported.isPresent()) {
            errors.error(unsupported(unsupported.get(), className, entityName), entity, versioned);
            return Optional.empty();
        }
        DeclaredType entityType = (DeclaredType) entity.asType();
        List<Field> fields = new ArrayList<>();
        List<Relation> relations = new ArrayList<>();
        Map<String, Element> relationMembers = new LinkedHashMap<>();
        boolean failed = false;
        for (Map.Entry<String, Element> property : properties.members().entrySet()) {
            String name = property.getKey();
            Element member = property.getValue();
            boolean id = properties.identifiers().contains(name);
            if (!id && (excluded.contains(name) || has(member, "dev.continuum.NotVersioned"))) {
                continue;
            }
            Optional<Relation> relation = id ? Optional.empty() : relation(name, member, memberType(entityType, member));
            if (relation.isPresent()) {
                relations.add(relation.get());
                relationMembers.put(name, member);
            }
            if (!id && skipped(member)) {
                continue;
            }
            TypeMirror type = memberType(entityType, member);
            if (has(member, PERSISTENCE + "ManyToOne") || has(member, PERSISTENCE + "OneToOne")) {
                Optional<Field> key = foreignKey(name, member, type, className, entityName, errors);
                failed |= key.isEmpty();
                key.ifPresent(fields::add);
                continue;
            }
            if (has(member, HIBERNATE + "Any") || has(member, HIBERNATE + "ManyToAny")) {
                errors.error(unsupported("@Any associations (" + entityName + "." + name + ")", className, entityName),
                        member, Mirrors.find(member, HIBERNATE + "Any")
                                .or(() -> Mirrors.find(member, HIBERNATE + "ManyToAny")).orElseThrow());
                failed = true;
                continue;
            }
            fields.add(new Field(name, type, copied(member), null, null, id, name, null));
        }
        for (String reserved : List.of("transactionId", "endTransactionId", "operationType", "operation",
                DELEGATE)) {
            for (Field field : fields) {
                if (field.name().equals(reserved)) {
                    errors.error(entityName + "." + field.name() + " is named like a property the version class "
                            + className + " needs for Continuum's bookkeeping; rename the property, or use "
                            + "-Acontinuum.generate=false", properties.members().get(field.name()) != null
                            ? properties.members().get(field.name()) : entity, null);
                    failed = true;
                }
            }
        }
        List<Relation> accessors = new ArrayList<>();
        if (!failed) {
            Set<String> getters = new HashSet<>(List.of("getTransactionId", "getEndTransactionId", "getOperationType",
                    "getOperation", "getClass"));
            fields.forEach(field -> getters.add(getterName(field)));
            for (Relation relation : relations) {
                String accessor = "get" + capitalize(relation.property());
                if (getters.contains(accessor)) {
                    accessor += "Relation";
                }
                if (!getters.add(accessor)) {
                    errors.error("The accessor of " + entityName + "." + relation.property() + " in " + className
                            + " would be " + accessor + "(), which the class already has; rename the property, or "
                            + "use -Acontinuum.generate=false", relationMembers.get(relation.property()), null);
                    failed = true;
                }
                accessors.add(new Relation(relation.property(), relation.type(), relation.kind(),
                        relation.unversionedTarget(), accessor));
            }
        }
        if (failed) {
            return Optional.empty();
        }
        return Optional.of(new Writer(entity, className, fields, accessors, tableName(entity)).write());
    }

    /**
     * The relation {@code member} maps, when the runtime reads it as of a version; empty for other
     * properties and for relations no version row records: the inverse side of a one-to-one or
     * many-to-many ({@code mappedBy}), and a one-to-many kept by a foreign key in children that
     * are not versioned.
     */
    private Optional<Relation> relation(String name, Element member, TypeMirror type) {
        RelationKind kind;
        AnnotationMirror annotation;
        if (has(member, PERSISTENCE + "ElementCollection")) {
            return Optional.of(new Relation(name, type, RelationKind.ELEMENTS, null, null));
        } else if (has(member, PERSISTENCE + "ManyToOne")) {
            kind = RelationKind.TO_ONE;
            annotation = Mirrors.find(member, PERSISTENCE + "ManyToOne").orElseThrow();
        } else if (has(member, PERSISTENCE + "OneToOne")) {
            kind = RelationKind.TO_ONE;
            annotation = Mirrors.find(member, PERSISTENCE + "OneToOne").orElseThrow();
        } else if (has(member, PERSISTENCE + "ManyToMany")) {
            kind = RelationKind.TO_MANY;
            annotation = Mirrors.find(member, PERSISTENCE + "ManyToMany").orElseThrow();
        } else if (has(member, PERSISTENCE + "OneToMany")) {
            kind = RelationKind.TO_MANY;
            annotation = Mirrors.find(member, PERSISTENCE + "OneToMany").orElseThrow();
        } else {
            return Optional.empty();
        }
        boolean mappedBy = Mirrors.value(annotation, "mappedBy")
                .filter(value -> !value.getValue().toString().isEmpty()).isPresent();
        boolean oneToMany = has(member, PERSISTENCE + "OneToMany");
        if (mappedBy && !oneToMany) {
            return Optional.empty();
        }
        Optional<TypeElement> target = Mirrors.value(annotation, "targetEntity")
                .map(value -> (TypeMirror) value.getValue())
                .filter(targetType -> targetType.getKind() == TypeKind.DECLARED)
                .map(targetType -> (TypeElement) ((DeclaredType) targetType).asElement())
                .or(() -> kind == RelationKind.TO_ONE ? element(type) : collectionElement(type));
        boolean versioned = target.map(VersionClassGenerator::isVersioned).orElse(true);
        boolean inChildren = mappedBy || has(member, PERSISTENCE + "JoinColumn")
                || has(member, PERSISTENCE + "JoinColumns");
        if (oneToMany && inChildren && !versioned) {
            return Optional.empty();
        }
        return Optional.of(new Relation(name, type, kind, versioned ? null : target.get(), null));
    }

    /** The element type of a collection (the value type of a map), when it is a class. */
    private Optional<TypeElement> collectionElement(TypeMirror type) {
        if (type.getKind() != TypeKind.DECLARED) {
            return Optional.empty();
        }
        List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
        if (arguments.isEmpty()) {
            return Optional.empty();
        }
        TypeMirror element = arguments.get(arguments.size() - 1);
        if (element instanceof WildcardType wildcard && wildcard.getExtendsBound() != null) {
            element = wildcard.getExtendsBound();
        }
        return element(element);
    }

    private static Optional<TypeElement> element(TypeMirror type) {
        return type.getKind() == TypeKind.DECLARED
                ? Optional.of((TypeElement) ((DeclaredType) type).asElement()) : Optional.empty();
    }

    /** Whether Continuum versions the entity {@code type}: it or a superclass is {@code @Versioned}. */
    private static boolean isVersioned(TypeElement type) {
        for (Optional<TypeElement> current = Optional.of(type); current.isPresent();
                current = Mirrors.superclass(current.get())) {
            if (has(current.get(), "dev.continuum.Versioned")) {
                return true;
            }
        }
        return false;
    }

    private static String getterName(Field field) {
        return (field.type().getKind() == TypeKind.BOOLEAN ? "is" : "get") + capitalize(field.name());
    }

    private static String unsupported(String what, String className, String entityName) {
        return "Typed version classes do not support " + what + " yet, so " + className + " cannot be generated for "
                + entityName + "; use -Acontinuum.generate=false, or leave its package out of -Acontinuum.packages";
    }

    private Optional<String> unsupportedEntityMapping(TypeElement entity, PersistentProperties properties) {
        if (has(entity, PERSISTENCE + "Inheritance")) {
            return Optional.of("entity inheritance (@Inheritance on " + entity.getSimpleName() + ")");
        }
        for (Optional<TypeElement> type = Mirrors.superclass(entity); type.isPresent();
                type = Mirrors.superclass(type.get())) {
            if (has(type.get(), Mirrors.ENTITY)) {
                return Optional.of("entity inheritance (" + entity.getSimpleName() + " extends the entity "
                        + type.get().getSimpleName() + ")");
            }
        }
        for (Optional<TypeElement> type = Optional.of(entity); type.isPresent(); type = Mirrors.superclass(type.get())) {
            if (has(type.get(), PERSISTENCE + "IdClass")) {
                return Optional.of("composite identifiers (@IdClass on " + type.get().getSimpleName() + ")");
            }
        }
        if (has(entity, PERSISTENCE + "SecondaryTable") || has(entity, PERSISTENCE + "SecondaryTables")) {
            return Optional.of("secondary tables (@SecondaryTable on " + entity.getSimpleName() + ")");
        }
        if (properties.identifiers().isEmpty()) {
            return Optional.of("identifiers mapped outside the source (no @Id in " + entity.getSimpleName() + ")");
        }
        if (properties.identifiers().size() > 1) {
            return Optional.of("composite identifiers (" + entity.getSimpleName() + " has several @Id properties)");
        }
        Element id = properties.members().get(properties.identifiers().iterator().next());
        if (id != null && has(id, Mirrors.EMBEDDED_ID)) {
            return Optional.of("composite identifiers (@EmbeddedId " + entity.getSimpleName() + "." + propertyName(id)
                    + ")");
        }
        return Optional.empty();
    }

    /** Properties that have no column in the version table: collections, inverse sides, formulas, optimistic locks. */
    private boolean skipped(Element member) {
        if (has(member, "dev.continuum.NotVersioned") || has(member, PERSISTENCE + "Version")
                || has(member, PERSISTENCE + "OneToMany") || has(member, PERSISTENCE + "ManyToMany")
                || has(member, PERSISTENCE + "ElementCollection") || has(member, HIBERNATE + "Formula")) {
            return true;
        }
        Optional<AnnotationMirror> oneToOne = Mirrors.find(member, PERSISTENCE + "OneToOne");
        if (oneToOne.isPresent() && Mirrors.value(oneToOne.get(), "mappedBy")
                .filter(value -> !value.getValue().toString().isEmpty()).isPresent()) {
            return true;
        }
        TypeMirror type = member instanceof ExecutableElement method ? method.getReturnType() : member.asType();
        TypeMirror erased = types.erasure(type);
        return isSubtype(erased, "java.util.Collection") || isSubtype(erased, "java.util.Map");
    }

    private boolean isSubtype(TypeMirror type, String name) {
        TypeElement collection = elements.getTypeElement(name);
        return collection != null && types.isSubtype(type, types.erasure(collection.asType()));
    }

    private Optional<Field> foreignKey(String name, Element member, TypeMirror type, String className,
            String entityName, Errors errors) {
        AnnotationMirror relation = Mirrors.find(member, PERSISTENCE + "ManyToOne")
                .or(() -> Mirrors.find(member, PERSISTENCE + "OneToOne")).orElseThrow();
        String property = entityName + "." + name;
        if (has(member, PERSISTENCE + "MapsId")) {
            errors.error(unsupported("derived identifiers (@MapsId on " + property + ")", className, entityName),
                    member, Mirrors.find(member, PERSISTENCE + "MapsId").orElseThrow());
            return Optional.empty();
        }
        TypeMirror targetType = Mirrors.value(relation, "targetEntity")
                .map(value -> (TypeMirror) value.getValue())
                .filter(target -> !target.toString().equals("void"))
                .orElse(type);
        if (targetType.getKind() != TypeKind.DECLARED) {
            return Optional.empty();
        }
        TypeElement target = (TypeElement) ((DeclaredType) targetType).asElement();
        PersistentProperties targetProperties = PersistentProperties.of(target);
        Optional<AnnotationMirror> joinColumns = Mirrors.find(member, PERSISTENCE + "JoinColumns");
        boolean compositeTarget = targetProperties.identifiers().size() != 1
                || hasIdClass(target)
                || has(targetProperties.members().get(targetProperties.identifiers().iterator().next()),
                        Mirrors.EMBEDDED_ID);
        if (compositeTarget || joinColumns.isPresent()) {
            errors.error(unsupported("foreign keys to composite identifiers (" + property + " refers to "
                    + target.getSimpleName() + ")", className, entityName), member, relation);
            return Optional.empty();
        }
        String targetIdName = targetProperties.identifiers().iterator().next();
        Element targetId = targetProperties.members().get(targetIdName);
        TypeMirror idType = memberType((DeclaredType) target.asType(), targetId);
        if (idType.getKind().isPrimitive()) {
            idType = types.boxedClass(types.getPrimitiveType(idType.getKind())).asType();
        }
        String targetColumn = Mirrors.find(targetId, PERSISTENCE + "Column")
                .flatMap(column -> Mirrors.value(column, "name"))
                .map(value -> value.getValue().toString())
                .orElse(targetIdName);
        Optional<AnnotationMirror> joinColumn = Mirrors.find(member, PERSISTENCE + "JoinColumn");
        String column = joinColumn.flatMap(join -> Mirrors.value(join, "name"))
                .map(value -> value.getValue().toString())
                .filter(value -> !value.isEmpty())
                .orElse(name + "_" + targetColumn);
        String definition = joinColumn.flatMap(join -> Mirrors.value(join, "columnDefinition"))
                .map(value -> value.getValue().toString())
                .filter(value -> !value.isEmpty())
                .orElse(null);
        return Optional.of(new Field(name + "Id", idType, List.of(), column, definition, false, name, target));
    }

    private static boolean hasIdClass(TypeElement type) {
        for (Optional<TypeElement> current = Optional.of(type); current.isPresent();
                current = Mirrors.superclass(current.get())) {
            if (has(current.get(), PERSISTENCE + "IdClass")) {
                return true;
            }
        }
        return false;
    }

    /** The mapping annotations of {@code member} that the version class keeps. */
    private List<AnnotationMirror> copied(Element member) {
        List<AnnotationMirror> kept = new ArrayList<>();
        for (AnnotationMirror annotation : member.getAnnotationMirrors()) {
            TypeElement type = (TypeElement) annotation.getAnnotationType().asElement();
            String name = type.getQualifiedName().toString();
            boolean mapping = name.startsWith(PERSISTENCE) || name.startsWith(HIBERNATE);
            if (mapping && !DROPPED.contains(type.getSimpleName().toString()) && !isGenerator(type)) {
                kept.add(annotation);
            }
        }
        return kept;
    }

    /** Hibernate's generator annotations, which are meta-annotated as such. */
    private static boolean isGenerator(TypeElement annotation) {
        return has(annotation, HIBERNATE + "IdGeneratorType") || has(annotation, HIBERNATE + "ValueGenerationType");
    }

    private TypeMirror memberType(DeclaredType owner, Element member) {
        TypeMirror type;
        try {
            type = types.asMemberOf(owner, member);
        } catch (IllegalArgumentException e) {
            type = member.asType();
        }
        return type instanceof javax.lang.model.type.ExecutableType method ? method.getReturnType() : type;
    }

    /** The version table's name, as the runtime derives it. */
    private String tableName(TypeElement entity) {
        Optional<String> explicit = Mirrors.find(entity, "dev.continuum.Versioned")
                .flatMap(versioned -> Mirrors.value(versioned, "table"))
                .map(value -> value.getValue().toString())
                .filter(value -> !value.isEmpty());
        if (explicit.isPresent()) {
            return explicit.get();
        }
        String live = Mirrors.find(entity, PERSISTENCE + "Table")
                .flatMap(table -> Mirrors.value(table, "name"))
                .map(value -> value.getValue().toString())
                .filter(value -> !value.isEmpty())
                .orElseGet(() -> Mirrors.find(entity, Mirrors.ENTITY)
                        .flatMap(annotation -> Mirrors.value(annotation, "name"))
                        .map(value -> value.getValue().toString())
                        .filter(value -> !value.isEmpty())
                        .orElse(entity.getSimpleName().toString()));
        return live + options.tableSuffix();
    }

    private static String tableAttribute(TypeElement entity, String name) {
        return Mirrors.find(entity, PERSISTENCE + "Table")
                .flatMap(table -> Mirrors.value(table, name))
                .map(value -> value.getValue().toString())
                .filter(value -> !value.isEmpty())
                .orElse(null);
    }

    private static boolean has(Element element, String annotation) {
        return element != null && Mirrors.has(element, annotation);
    }

    private static String propertyName(Element member) {
        if (member instanceof ExecutableElement method) {
            return PersistentProperties.getterProperty(method).orElse(method.getSimpleName().toString());
        }
        return member.getSimpleName().toString();
    }

    private static String capitalize(String name) {
        return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** Renders one compilation unit. */
    private final class Writer {

        private final TypeElement entity;
        private final String packageName;
        private final String simpleName;
        private final List<Field> fields;
        private final List<Relation> relations;
        private final String table;
        private final Imports imports;
        private final StringBuilder body = new StringBuilder();
        private boolean deprecated;

        Writer(TypeElement entity, String className, List<Field> fields, List<Relation> relations, String table) {
            this.entity = entity;
            PackageElement pkg = elements.getPackageOf(entity);
            this.packageName = pkg.isUnnamed() ? "" : pkg.getQualifiedName().toString();
            this.simpleName = className.substring(className.lastIndexOf('.') + 1);
            this.fields = fields;
            this.relations = relations;
            this.table = table;
            this.imports = new Imports(packageName, simpleName, "Key");
        }

        String write() {
            Field id = fields.stream().filter(Field::id).findFirst().orElseThrow();
            String entityRef = type(entity.asType());
            String idType = type(id.type());

            line(0, "/**");
            line(0, " * A recorded version of {@link " + entityRef + "}: one row of its version table {@code "
                    + table + "},");
            line(0, " * read-only. Query it with JPQL or the Criteria API like any entity, for example");
            line(0, " * {@code select v from " + simpleName + " v where v." + id.name()
                    + " = :id order by v.transactionId}.");
            line(0, " *");
            String version = imports.ref("dev.continuum.Version");
            String bindable = imports.ref("dev.continuum.binding.VersionBinding") + ".Bindable";
            line(0, " * <p>Each instance is also the {@link " + version + "} of " + entityRef
                    + " it records: Continuum binds the instances");
            line(0, " * Hibernate loads to the persistence context that loaded them, and the {@code " + version
                    + "} methods read");
            line(0, " * the version's transaction, neighbours and changeset through it, on first use.");
            if (!relations.isEmpty()) {
                line(0, " * The relation accessors return the related entities as they were at the version's");
                line(0, " * transaction, as {@link #entity()} holds them; the instances one persistence context");
                line(0, " * loads are read together, with a few statements per relation however many they are.");
            }
            line(0, " *");
            line(0, " * <p>Generated from {@link " + entityRef + "} by the Continuum annotation processor; do not edit.");
            line(0, " * Recompile when " + entityRef + " changes: Continuum checks at boot that this class still matches");
            line(0, " * the version table of " + entityRef + ".");
            line(0, " */");
            line(0, "@" + imports.ref("javax.annotation.processing.Generated") + "(" + quote(GENERATOR) + ")");
            line(0, "@" + imports.ref("dev.continuum.VersionOf") + "(" + entityRef + ".class)");
            line(0, "@" + imports.ref(PERSISTENCE + "Entity") + "(name = " + quote(simpleName) + ")");
            line(0, "@" + imports.ref(HIBERNATE + "Immutable"));
            StringBuilder tableAnnotation = new StringBuilder("@" + imports.ref(PERSISTENCE + "Table") + "(name = "
                    + quote(table));
            String schema = tableAttribute(entity, "schema");
            String catalog = tableAttribute(entity, "catalog");
            if (schema != null) {
                tableAnnotation.append(", schema = ").append(quote(schema));
            }
            if (catalog != null) {
                tableAnnotation.append(", catalog = ").append(quote(catalog));
            }
            line(0, tableAnnotation.append(")").toString());
            line(0, "@" + imports.ref(PERSISTENCE + "IdClass") + "(" + simpleName + ".Key.class)");
            int classHeader = body.length();
            line(0, "public class " + simpleName + " implements " + version + "<" + entityRef + ">, " + bindable + " {");
            String column = imports.ref(PERSISTENCE + "Column");
            String idAnnotation = imports.ref(PERSISTENCE + "Id");
            for (Field field : fields) {
                blank();
                if (field.id()) {
                    line(1, "@" + idAnnotation);
                }
                for (AnnotationMirror annotation : field.annotations()) {
                    line(1, annotation(annotation, 1));
                }
                if (field.column() != null) {
                    line(1, "@" + column + "(name = " + quote(field.column())
                            + (field.columnDefinition() == null ? ""
                                    : ", columnDefinition = " + quote(field.columnDefinition())) + ")");
                }
                line(1, "private " + type(field.type()) + " " + field.name() + ";");
            }
            blank();
            line(1, "@" + idAnnotation);
            line(1, "@" + column + "(name = " + quote(options.transactionIdColumn()) + ")");
            line(1, "private long transactionId;");
            blank();
            line(1, "@" + column + "(name = " + quote(options.endTransactionIdColumn()) + ")");
            line(1, "private Long endTransactionId;");
            blank();
            line(1, "@" + column + "(name = " + quote(options.operationTypeColumn()) + ")");
            line(1, "private short operationType;");
            blank();
            line(1, "@" + imports.ref(PERSISTENCE + "Transient"));
            line(1, "private transient " + version + "<" + entityRef + "> " + DELEGATE + ";");
            blank();
            line(1, "/** For JPA: versions are read, never created. */");
            line(1, "protected " + simpleName + "() {");
            line(1, "}");
            for (Field field : fields) {
                String type = type(field.type());
                blank();
                line(1, "/**");
                if (field.target() == null) {
                    line(1, " * The {@code " + field.property() + "} of the {@link " + entityRef + "} in this version.");
                } else {
                    line(1, " * The identifier of the {@link " + typeName(field.target()) + "} that {@code "
                            + field.property() + "} of the");
                    line(1, " * {@link " + entityRef + "} referred to in this version.");
                }
                line(1, " *");
                line(1, " * @return the value recorded by the version's transaction");
                relations.stream().filter(relation -> field.target() != null
                        && relation.property().equals(field.property())).findFirst()
                        .ifPresent(relation -> line(1, " * @see #" + relation.accessor() + "()"));
                line(1, " */");
                line(1, "public " + type + " " + getterName(field) + "() {");
                line(2, "return " + field.name() + ";");
                line(1, "}");
            }
            String operation = imports.ref("dev.continuum.Operation");
            blank();
            line(1, "/**");
            line(1, " * The transaction that recorded this version.");
            line(1, " *");
            line(1, " * @return the transaction id");
            line(1, " */");
            line(1, "public long getTransactionId() {");
            line(2, "return transactionId;");
            line(1, "}");
            blank();
            line(1, "/**");
            line(1, " * The transaction that superseded this version.");
            line(1, " *");
            line(1, " * @return the transaction id, or null while this version is current");
            line(1, " */");
            line(1, "public Long getEndTransactionId() {");
            line(2, "return endTransactionId;");
            line(1, "}");
            blank();
            line(1, "/**");
            line(1, " * The stored operation code.");
            line(1, " *");
            line(1, " * @return 0 for insert, 1 for update, 2 for delete");
            line(1, " * @see #getOperation()");
            line(1, " */");
            line(1, "public short getOperationType() {");
            line(2, "return operationType;");
            line(1, "}");
            blank();
            line(1, "/**");
            line(1, " * What the version's transaction did to the {@link " + entityRef + "}.");
            line(1, " *");
            line(1, " * @return insert, update or delete");
            line(1, " */");
            line(1, "public " + operation + " getOperation() {");
            line(2, "return " + operation + ".ofCode(operationType);");
            line(1, "}");
            relations.forEach(relation -> writeRelation(relation, entityRef));
            String entityManager = imports.ref(PERSISTENCE + "EntityManager");
            String history = imports.ref("dev.continuum.VersionHistory");
            String lookup = imports.ref("dev.continuum.HistoryLookupException");
            blank();
            line(1, "/**");
            line(1, " * This version as a {@link " + version + "} of {@link " + entityRef
                    + "}, with its transaction, changeset,");
            line(1, " * navigation and revert, read in one statement.");
            line(1, " *");
            line(1, " * @param em an open entity manager of the persistence unit that maps this class");
            line(1, " * @return the version");
            line(1, " * @throws " + lookup + " if the row is no longer in the version table");
            line(1, " */");
            line(1, "public " + version + "<" + entityRef + "> asVersion(" + entityManager + " em) {");
            line(2, "return " + history + ".of(em).recordedIn(" + entityRef + ".class, " + id.name()
                    + ", transactionId)");
            line(4, ".orElseThrow(() -> new " + lookup + "(\"The version of " + entityRef + " \" + " + id.name()
                    + " + \" of transaction \"");
            line(6, "+ transactionId + \" is no longer in " + table + "\"));");
            line(1, "}");
            writeVersionMethods(id, entityRef, version);
            writeIdentity(id);
            writeKey(id, idType);
            line(0, "}");

            if (deprecated) {
                body.insert(classHeader, "@SuppressWarnings({\"deprecation\", \"removal\"})\n");
            }
            StringBuilder unit = new StringBuilder();
            if (!packageName.isEmpty()) {
                unit.append("package ").append(packageName).append(";\n\n");
            }
            unit.append(imports.declarations()).append('\n').append(body);
            return unit.toString();
        }

        /** {@code Version<T>}: bookkeeping from the fields, everything else from the bound delegate. */
        private void writeVersionMethods(Field id, String entityRef, String version) {
            String binding = imports.ref("dev.continuum.binding.VersionBinding");
            String optional = imports.ref("java.util.Optional");
            String optionalLong = imports.ref("java.util.OptionalLong");
            String operation = imports.ref("dev.continuum.Operation");
            String transaction = imports.ref("dev.continuum.Transaction");
            String changeset = imports.ref("dev.continuum.Changeset");
            String failure = imports.ref("dev.continuum.ContinuumException");
            String type = version + "<" + entityRef + ">";
            blank();
            line(1, "/**");
            line(1, " * Binds this instance to the version its {@link " + version
                    + "} methods delegate to. Continuum calls");
            line(1, " * this for every instance Hibernate loads; applications do not.");
            line(1, " *");
            line(1, " * @param binding the binding of the persistence context that loaded this instance");
            line(1, " */");
            line(1, "@Override");
            line(1, "public void continuumBind(" + binding + " binding) {");
            line(2, DELEGATE + " = binding.versionOf(" + entityRef + ".class, " + id.name() + ", transactionId);");
            line(1, "}");
            delegating(entityRef, "entity", "");
            delegating("String", "entityName", "");
            blank();
            line(1, "@Override");
            line(1, "public Object id() {");
            line(2, "return " + id.name() + ";");
            line(1, "}");
            blank();
            line(1, "@Override");
            line(1, "public long transactionId() {");
            line(2, "return transactionId;");
            line(1, "}");
            blank();
            line(1, "@Override");
            line(1, "public " + optionalLong + " endTransactionId() {");
            line(2, "return endTransactionId == null ? " + optionalLong + ".empty() : " + optionalLong
                    + ".of(endTransactionId);");
            line(1, "}");
            blank();
            line(1, "@Override");
            line(1, "public " + operation + " operation() {");
            line(2, "return " + operation + ".ofCode(operationType);");
            line(1, "}");
            delegating(transaction, "transaction", "");
            delegating("int", "index", "");
            delegating(optional + "<" + type + ">", "previous", "");
            delegating(optional + "<" + type + ">", "next", "");
            delegating(changeset + "<" + entityRef + ">", "changeset", "");
            delegating(optional + "<" + entityRef + ">", "revert", "");
            delegating(optional + "<" + entityRef + ">", "revert", "String... relations");
            blank();
            line(1, "private " + type + " " + DELEGATE + "() {");
            line(2, "if (" + DELEGATE + " == null) {");
            line(3, "throw new " + failure + "(\"This " + simpleName + " was not loaded by Hibernate, so it is \"");
            line(5, "+ \"not bound to an EntityManager and its Version methods cannot read history; load it \"");
            line(5, "+ \"with a query, find() or VersionHistory.typedVersions(), or call asVersion(em)\");");
            line(2, "}");
            line(2, "return " + DELEGATE + ";");
            line(1, "}");
            if (!relations.isEmpty()) {
                String relationsType = imports.ref("dev.continuum.binding.VersionBinding") + ".Relations";
                blank();
                line(1, "private " + relationsType + " " + RELATIONS + "() {");
                line(2, "if (" + DELEGATE + "() instanceof " + relationsType + " relations) {");
                line(3, "return relations;");
                line(2, "}");
                line(2, "throw new " + failure + "(\"This " + simpleName + " is bound to a version that cannot read \"");
                line(4, "+ \"relations; read them from asVersion(em).entity()\");");
                line(1, "}");
            }
        }

        /**
         * The accessor of one relation: what the bound version's entity holds for it, cast to the
         * property's declared type.
         */
        private void writeRelation(Relation relation, String entityRef) {
            String type = type(relation.type());
            blank();
            line(1, "/**");
            switch (relation.kind()) {
                case TO_ONE -> {
                    line(1, " * The {@code " + relation.property() + "} of the {@link " + entityRef
                            + "} as it was at this version's transaction:");
                    if (relation.unversionedTarget() == null) {
                        line(1, " * a detached snapshot of the related entity of then, the one {@link #entity()} refers to.");
                    } else {
                        line(1, " * the related entity of then, as a detached copy of its current row ({@link "
                                + typeName(relation.unversionedTarget()) + "} is");
                        line(1, " * not versioned), the one {@link #entity()} refers to.");
                    }
                    line(1, " *");
                    line(1, " * @return the related entity, or null when there was none");
                }
                case TO_MANY -> {
                    line(1, " * The {@code " + relation.property() + "} of the {@link " + entityRef
                            + "} as they were at this version's transaction:");
                    if (relation.unversionedTarget() == null) {
                        line(1, " * detached snapshots of the related entities of then, as {@link #entity()} holds them.");
                    } else {
                        line(1, " * the related entities of then, as detached copies of their current rows ({@link "
                                + typeName(relation.unversionedTarget()) + "}");
                        line(1, " * is not versioned), as {@link #entity()} holds them.");
                    }
                    line(1, " *");
                    line(1, " * @return the related entities of then");
                }
                case ELEMENTS -> {
                    line(1, " * The {@code " + relation.property() + "} of the {@link " + entityRef
                            + "} as they were at this version's transaction,");
                    line(1, " * as {@link #entity()} holds them.");
                    line(1, " *");
                    line(1, " * @return the elements of then");
                }
            }
            line(1, " */");
            if (isRaw(relation.type())) {
                line(1, "@SuppressWarnings(\"rawtypes\")");
            } else if (isParameterized(relation.type())) {
                // the runtime returns the value Hibernate holds for the property, of this very type
                line(1, "@SuppressWarnings(\"unchecked\")");
            }
            line(1, "public " + type + " " + relation.accessor() + "() {");
            line(2, "return (" + type + ") " + RELATIONS + "().relation(" + quote(relation.property()) + ");");
            line(1, "}");
        }

        private boolean isParameterized(TypeMirror type) {
            return type.getKind() == TypeKind.DECLARED && !((DeclaredType) type).getTypeArguments().isEmpty();
        }

        private boolean isRaw(TypeMirror type) {
            return type.getKind() == TypeKind.DECLARED && ((DeclaredType) type).getTypeArguments().isEmpty()
                    && !((TypeElement) ((DeclaredType) type).asElement()).getTypeParameters().isEmpty();
        }

        private void delegating(String returnType, String method, String parameter) {
            String argument = parameter.isEmpty() ? "" : parameter.substring(parameter.lastIndexOf(' ') + 1);
            blank();
            line(1, "@Override");
            line(1, "public " + returnType + " " + method + "(" + parameter + ") {");
            line(2, "return " + DELEGATE + "()." + method + "(" + argument + ");");
            line(1, "}");
        }

        /** Equality by primary key, through the getters so that a proxy compares like its target. */
        private void writeIdentity(Field id) {
            String objects = imports.ref("java.util.Objects");
            String idGetter = (id.type().getKind() == TypeKind.BOOLEAN ? "is" : "get") + capitalize(id.name()) + "()";
            blank();
            line(1, "/**");
            line(1, " * Versions are equal when they record the same entity in the same transaction, as their");
            line(1, " * {@link Key}s are.");
            line(1, " *");
            line(1, " * @param other another object");
            line(1, " * @return whether {@code other} is a version of the same entity and transaction");
            line(1, " */");
            line(1, "@Override");
            line(1, "public boolean equals(Object other) {");
            line(2, "return other instanceof " + simpleName + " that && " + objects + ".equals(" + idGetter + ", that."
                    + idGetter + ")");
            line(4, "&& getTransactionId() == that.getTransactionId();");
            line(1, "}");
            blank();
            line(1, "@Override");
            line(1, "public int hashCode() {");
            line(2, "return " + objects + ".hash(" + idGetter + ", getTransactionId());");
            line(1, "}");
            blank();
            line(1, "@Override");
            line(1, "public String toString() {");
            line(2, "return \"" + simpleName + "[" + id.name() + "=\" + " + idGetter
                    + " + \", transactionId=\" + getTransactionId() + \", \"");
            line(4, "+ getOperation() + \"]\";");
            line(1, "}");
        }

        private void writeKey(Field id, String idType) {
            String objects = imports.ref("java.util.Objects");
            String serializable = imports.ref("java.io.Serializable");
            String name = id.name();
            blank();
            line(1, "/** The primary key of a version: the identifier of the entity and the transaction. */");
            line(1, "public static final class Key implements " + serializable + " {");
            blank();
            line(2, "private static final long serialVersionUID = 1L;");
            blank();
            line(2, "private " + idType + " " + name + ";");
            line(2, "private long transactionId;");
            blank();
            line(2, "/** For JPA. */");
            line(2, "public Key() {");
            line(2, "}");
            blank();
            line(2, "/**");
            line(2, " * The key of the version of the entity with identifier {@code " + name + "} that transaction");
            line(2, " * {@code transactionId} recorded.");
            line(2, " *");
            line(2, " * @param " + name + " the identifier of the entity");
            line(2, " * @param transactionId the transaction id");
            line(2, " */");
            line(2, "public Key(" + idType + " " + name + ", long transactionId) {");
            line(3, "this." + name + " = " + name + ";");
            line(3, "this.transactionId = transactionId;");
            line(2, "}");
            blank();
            line(2, "/**");
            line(2, " * The identifier of the entity.");
            line(2, " *");
            line(2, " * @return the identifier");
            line(2, " */");
            line(2, "public " + idType + " get" + capitalize(name) + "() {");
            line(3, "return " + name + ";");
            line(2, "}");
            blank();
            line(2, "/**");
            line(2, " * The transaction that recorded the version.");
            line(2, " *");
            line(2, " * @return the transaction id");
            line(2, " */");
            line(2, "public long getTransactionId() {");
            line(3, "return transactionId;");
            line(2, "}");
            blank();
            line(2, "@Override");
            line(2, "public boolean equals(Object other) {");
            line(3, "return other instanceof Key key && " + objects + ".equals(" + name + ", key." + name + ")");
            line(5, "&& transactionId == key.transactionId;");
            line(2, "}");
            blank();
            line(2, "@Override");
            line(2, "public int hashCode() {");
            line(3, "return " + objects + ".hash(" + name + ", transactionId);");
            line(2, "}");
            blank();
            line(2, "@Override");
            line(2, "public String toString() {");
            line(3, "return \"" + simpleName + ".Key[" + name + "=\" + " + name
                    + " + \", transactionId=\" + transactionId + \"]\";");
            line(2, "}");
            line(1, "}");
        }

        private void line(int indent, String text) {
            body.append("    ".repeat(indent)).append(text).append('\n');
        }

        private void blank() {
            body.append('\n');
        }

        /** An annotation as source, with the members that constrain live rows left out. */
        private String annotation(AnnotationMirror annotation, int indent) {
            TypeElement type = (TypeElement) annotation.getAnnotationType().asElement();
            deprecated |= elements.isDeprecated(type);
            StringBuilder out = new StringBuilder("@").append(typeName(type));
            List<String> members = new ArrayList<>();
            boolean onlyValue = true;
            for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
                    : annotation.getElementValues().entrySet()) {
                String member = entry.getKey().getSimpleName().toString();
                if (DROPPED_MEMBERS.contains(member)) {
                    continue;
                }
                onlyValue &= member.equals("value");
                members.add(member + " = " + value(entry.getValue(), indent));
            }
            if (members.isEmpty()) {
                return out.toString();
            }
            if (onlyValue && members.size() == 1) {
                return out.append('(').append(members.get(0).substring("value = ".length())).append(')').toString();
            }
            return out.append('(').append(String.join(", ", members)).append(')').toString();
        }

        private String value(AnnotationValue value, int indent) {
            Object content = value.getValue();
            if (content instanceof VariableElement constant) {
                return typeName((TypeElement) constant.getEnclosingElement()) + "." + constant.getSimpleName();
            }
            if (content instanceof TypeMirror type) {
                return type(types.erasure(type)) + ".class";
            }
            if (content instanceof AnnotationMirror nested) {
                return annotation(nested, indent + 1);
            }
            if (content instanceof List<?> list) {
                List<String> rendered = new ArrayList<>();
                boolean annotations = false;
                for (Object element : list) {
                    AnnotationValue item = (AnnotationValue) element;
                    annotations |= item.getValue() instanceof AnnotationMirror;
                    rendered.add(value(item, indent + 1));
                }
                if (rendered.size() == 1) {
                    return rendered.get(0);
                }
                if (annotations) {
                    String inner = "    ".repeat(indent + 1);
                    return "{\n" + inner + String.join(",\n" + inner, rendered) + "\n" + "    ".repeat(indent) + "}";
                }
                return "{" + String.join(", ", rendered) + "}";
            }
            // strings, characters and numbers: javac renders them as source literals
            return value.toString();
        }

        private String typeName(TypeElement type) {
            return imports.ref(type.getQualifiedName().toString(), elements.getPackageOf(type).getQualifiedName()
                    .toString());
        }

        private String type(TypeMirror type) {
            switch (type.getKind()) {
                case DECLARED -> {
                    DeclaredType declared = (DeclaredType) type;
                    TypeElement element = (TypeElement) declared.asElement();
                    deprecated |= elements.isDeprecated(element);
                    String name = typeName(element);
                    if (declared.getTypeArguments().isEmpty()) {
                        return name;
                    }
                    List<String> arguments = new ArrayList<>();
                    declared.getTypeArguments().forEach(argument -> arguments.add(type(argument)));
                    return name + "<" + String.join(", ", arguments) + ">";
                }
                case ARRAY -> {
                    return type(((ArrayType) type).getComponentType()) + "[]";
                }
                case WILDCARD -> {
                    WildcardType wildcard = (WildcardType) type;
                    if (wildcard.getExtendsBound() != null) {
                        return "? extends " + type(wildcard.getExtendsBound());
                    }
                    return wildcard.getSuperBound() != null ? "? super " + type(wildcard.getSuperBound()) : "?";
                }
                case TYPEVAR -> {
                    return type(types.erasure(type));
                }
                default -> {
                    return type.toString();
                }
            }
        }
    }
}
