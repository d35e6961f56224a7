package dev.continuum.processor.analysis;

import static dev.continuum.processor.analysis.MappingAnnotations.HIBERNATE;
import static dev.continuum.processor.analysis.MappingAnnotations.PERSISTENCE;

import dev.continuum.processor.model.JavaType;
import dev.continuum.processor.model.VersionClassModel;
import dev.continuum.processor.model.VersionField;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Works out the typed version class of a {@code @Versioned} entity: a field for every versioned
 * property with its column mapping, the identifier, the foreign keys of to-one relations and of
 * other entities' join-column collections, the relation accessors, the version table. Where the
 * entity uses a mapping the class cannot follow, the class is skipped with a warning that says
 * why, never an error: the entity's history is recorded all the same.
 */
public final class VersionClassAnalyzer {

    /** Names the generated class uses for Continuum's bookkeeping, which no field may take. */
    private static final List<String> RESERVED = List.of("transactionId", "endTransactionId", "operationType",
            "operation", "continuumVersion");

    private final Elements elements;
    private final JavaTypes types;
    private final MappingAnnotations annotations;
    private final Identifiers identifiers;
    private final ForeignKeys foreignKeys;
    private final RelationAccessors relations;
    private final CollectionKeys collectionKeys;
    private final Naming naming;

    /**
     * How the version classes and their tables are named.
     *
     * @param classSuffix appended to the entity's simple name
     * @param tableSuffix appended to the live table's name
     * @param bookkeeping the names of the bookkeeping columns
     */
    public record Naming(String classSuffix, String tableSuffix, VersionClassModel.Bookkeeping bookkeeping) {
    }

    /**
     * @param environment the processing environment
     * @param naming the names of classes, tables and columns
     * @param catalog where to look for the other entities whose collections write into an entity's rows
     */
    public VersionClassAnalyzer(ProcessingEnvironment environment, Naming naming, EntityCatalog catalog) {
        this.elements = environment.getElementUtils();
        this.types = new JavaTypes(environment);
        this.annotations = new MappingAnnotations(types);
        this.identifiers = new Identifiers(types, annotations);
        this.foreignKeys = new ForeignKeys(types);
        this.relations = new RelationAccessors(types);
        this.collectionKeys = new CollectionKeys(types, foreignKeys, catalog);
        this.naming = naming;
    }

    /** The qualified name of the version class of {@code entity}. */
    public String className(TypeElement entity) {
        PackageElement pkg = elements.getPackageOf(entity);
        String simpleName = entity.getSimpleName() + naming.classSuffix();
        return pkg.isUnnamed() ? simpleName : pkg.getQualifiedName() + "." + simpleName;
    }

    /** Whether the entity's hierarchy or a property's type is a type the compiler cannot resolve (yet). */
    public static boolean hasUnresolvedTypes(TypeElement entity) {
        for (TypeElement type : Mirrors.hierarchy(entity)) {
            if (type.getSuperclass().getKind() == TypeKind.ERROR) {
                return true;
            }
        }
        for (Element member : PersistentProperties.of(entity).members().values()) {
            if (containsError(JavaTypes.declaredType(member))) {
                return true;
            }
        }
        return false;
    }

    /** The version class of {@code entity}, or why it is skipped. */
    public VersionClassAnalysis analyze(TypeElement entity) {
        PackageElement pkg = elements.getPackageOf(entity);
        String packageName = pkg.isUnnamed() ? "" : pkg.getQualifiedName().toString();
        Subject subject = new Subject(entity, className(entity), packageName, PersistentProperties.of(entity));
        Optional<VersionClassModel> model = model(subject);
        return new VersionClassAnalysis(subject.className, subject.skipped() ? Optional.empty() : model,
                subject.findings());
    }

    private Optional<VersionClassModel> model(Subject subject) {
        checkEntityShape(subject);
        if (!types.accessibleFrom(subject.entity.asType(), subject.packageName)) {
            subject.skip(subject.entityName + " is private, so a class beside it cannot name it", subject.entity,
                    subject.versioned);
        }
        if (subject.skipped()) {
            return Optional.empty();
        }
        Optional<Identifiers.Fields> identifier = identifiers.of(subject);
        if (identifier.isEmpty()) {
            return Optional.empty();
        }
        Set<String> excluded = Mirrors.excludedNames(subject.entity);
        List<VersionField> fields = new ArrayList<>();
        Set<String> columns = new HashSet<>();
        List<RelationAccessors.Relation> found = new ArrayList<>();
        for (Map.Entry<String, Element> property : subject.properties.members().entrySet()) {
            String name = property.getKey();
            Element member = property.getValue();
            List<VersionField> idFields = identifier.get().byProperty().get(name);
            if (idFields != null) {
                fields.addAll(idFields);
                idFields.forEach(field -> columnOf(field.name(), member).ifPresent(columns::add));
                continue;
            }
            if (excluded.contains(name) || Mirrors.has(member, Mirrors.NOT_VERSIONED)) {
                continue;
            }
            TypeMirror type = types.memberType(subject.type, member);
            if (!types.accessibleFrom(type, subject.packageName)) {
                subject.skip(subject.property(name) + " is of a type that is not visible in its package, so the "
                        + "version class cannot declare it", member, null);
                continue;
            }
            relations.relation(name, member, type).ifPresent(found::add);
            if (hasNoColumn(member)) {
                continue;
            }
            if (Mirrors.has(member, PERSISTENCE + "ManyToOne") || Mirrors.has(member, PERSISTENCE + "OneToOne")) {
                foreignKeys.of(subject, name, member, type).ifPresent(key -> {
                    fields.add(key.field());
                    columns.add(key.column().toLowerCase(Locale.ROOT));
                });
                continue;
            }
            Optional<AnnotationMirror> any = Mirrors.find(member, HIBERNATE + "Any")
                    .or(() -> Mirrors.find(member, HIBERNATE + "ManyToAny"));
            if (any.isPresent()) {
                subject.unsupported("@Any associations (" + subject.property(name) + ")", member, any.get());
                continue;
            }
            fields.add(new VersionField(name, types.of(type), annotations.copied(member), false,
                    new VersionField.Property(name)));
            columnOf(name, member).ifPresent(columns::add);
        }
        checkReservedNames(subject, fields);
        if (subject.skipped()) {
            return Optional.empty();
        }
        Set<String> names = new HashSet<>();
        fields.forEach(field -> names.add(field.name()));
        Optional<List<VersionField>> keys = collectionKeys.of(subject, names, columns);
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        fields.addAll(keys.get());
        return relations.named(subject, found, fields).map(accessors -> new VersionClassModel(subject.packageName,
                subject.className.substring(subject.className.lastIndexOf('.') + 1),
                (JavaType.Declared) types.of(subject.entity.asType()), table(subject.entity), fields,
                identifier.get().identifier(), accessors, naming.bookkeeping()));
    }

    /** Mappings of the whole entity that a version class of one table cannot follow. */
    private static void checkEntityShape(Subject subject) {
        TypeElement entity = subject.entity;
        if (Mirrors.has(entity, PERSISTENCE + "Inheritance")) {
            subject.unsupported("entity inheritance (@Inheritance on " + subject.entityName + ")");
            return;
        }
        for (TypeElement type : Mirrors.hierarchy(entity)) {
            if (type != entity && Mirrors.has(type, Mirrors.ENTITY)) {
                subject.unsupported("entity inheritance (" + subject.entityName + " extends the entity "
                        + type.getSimpleName() + ")");
                return;
            }
        }
        if (Mirrors.has(entity, PERSISTENCE + "SecondaryTable") || Mirrors.has(entity, PERSISTENCE + "SecondaryTables")) {
            subject.unsupported("secondary tables (@SecondaryTable on " + subject.entityName + ")");
        }
    }

    /** A property named like one the version class needs for itself would clash with it. */
    private static void checkReservedNames(Subject subject, List<VersionField> fields) {
        Set<String> seen = new HashSet<>();
        for (VersionField field : fields) {
            Element member = subject.properties.members().get(field.name());
            Element where = member != null ? member : subject.entity;
            if (RESERVED.contains(field.name())) {
                subject.skip(subject.property(field.name()) + " is named like a field the version class needs for "
                        + "Continuum's bookkeeping; rename the property to have it generated", where, null);
            } else if (!seen.add(field.name())) {
                subject.skip("two of its fields would be named " + field.name() + " (a property of "
                        + subject.entityName + " and a part of its identifier or a foreign key); rename the property "
                        + "to have it generated", where, null);
            }
        }
    }

    /**
     * Properties that have no column of their own in the version table: collections (their
     * version rows are elsewhere), the inverse side of a one-to-one, formulas, optimistic locks.
     */
    private boolean hasNoColumn(Element member) {
        if (Mirrors.has(member, PERSISTENCE + "Version") || Mirrors.has(member, PERSISTENCE + "OneToMany")
                || Mirrors.has(member, PERSISTENCE + "ManyToMany") || Mirrors.has(member, PERSISTENCE + "ElementCollection")
                || Mirrors.has(member, HIBERNATE + "Formula")) {
            return true;
        }
        Optional<AnnotationMirror> oneToOne = Mirrors.find(member, PERSISTENCE + "OneToOne");
        if (oneToOne.isPresent() && MappingAnnotations.string(oneToOne.get(), "mappedBy").isPresent()) {
            return true;
        }
        return types.isCollectionOrMap(JavaTypes.declaredType(member));
    }

    /** The column (lower case) a basic property maps, when the source says: its {@code @Column} name, else its name. */
    private Optional<String> columnOf(String name, Element member) {
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

    /** The version table's name, as the runtime derives it, with the live table's schema and catalog. */
    private VersionClassModel.Table table(TypeElement entity) {
        Optional<AnnotationMirror> table = Mirrors.find(entity, PERSISTENCE + "Table");
        Optional<String> explicit = Mirrors.find(entity, Mirrors.VERSIONED)
                .flatMap(versioned -> MappingAnnotations.string(versioned, "table"));
        String name = explicit.orElseGet(() -> table.flatMap(annotation -> MappingAnnotations.string(annotation, "name"))
                .or(() -> Mirrors.find(entity, Mirrors.ENTITY)
                        .flatMap(annotation -> MappingAnnotations.string(annotation, "name")))
                .orElse(entity.getSimpleName().toString()) + naming.tableSuffix());
        return new VersionClassModel.Table(name,
                table.flatMap(annotation -> MappingAnnotations.string(annotation, "schema")),
                table.flatMap(annotation -> MappingAnnotations.string(annotation, "catalog")));
    }

    private static boolean containsError(TypeMirror type) {
        if (type.getKind() == TypeKind.ERROR) {
            return true;
        }
        return type instanceof DeclaredType declared
                && declared.getTypeArguments().stream().anyMatch(VersionClassAnalyzer::containsError);
    }
}
