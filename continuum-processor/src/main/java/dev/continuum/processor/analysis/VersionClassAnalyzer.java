package dev.continuum.processor.analysis;

import static dev.continuum.processor.analysis.MappingAnnotations.PERSISTENCE;

import dev.continuum.processor.model.JavaType;
import dev.continuum.processor.model.VersionClassModel;
import dev.continuum.processor.model.VersionField;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
    private final Identifiers identifiers;
    private final PropertyFields properties;
    private final RelationAccessors relations;
    private final CollectionKeys collectionKeys;
    private final Hierarchies hierarchies;
    private final Naming naming;

    /**
     * How the version classes and their tables are named.
     *
     * @param classSuffix appended to the entity's simple name
     * @param tableSuffix appended to the live table's name
     * @param bookkeeping the names of the bookkeeping columns
     * @param modifiedFlags whether version tables have modification flags where {@code @Versioned} does not say
     */
    public record Naming(String classSuffix, String tableSuffix, VersionClassModel.Bookkeeping bookkeeping,
            boolean modifiedFlags) {
    }

    /**
     * @param environment the processing environment
     * @param naming the names of classes, tables and columns
     * @param catalog where to look for the other entities whose collections write into an entity's rows
     */
    public VersionClassAnalyzer(ProcessingEnvironment environment, Naming naming, EntityCatalog catalog) {
        this.elements = environment.getElementUtils();
        this.types = new JavaTypes(environment);
        MappingAnnotations annotations = new MappingAnnotations(types);
        ForeignKeys foreignKeys = new ForeignKeys(types);
        this.identifiers = new Identifiers(types, annotations);
        this.relations = new RelationAccessors(types);
        this.properties = new PropertyFields(types, annotations, foreignKeys, relations);
        this.collectionKeys = new CollectionKeys(types, foreignKeys, catalog);
        this.hierarchies = new Hierarchies(catalog);
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
        TypeElement entity = subject.entity;
        if (!types.accessibleFrom(entity.asType(), subject.packageName)) {
            subject.skip(subject.entityName + " is private, so a class beside it cannot name it", entity,
                    subject.versioned);
            return Optional.empty();
        }
        if (Mirrors.has(entity, PERSISTENCE + "SecondaryTable") || Mirrors.has(entity, PERSISTENCE + "SecondaryTables")) {
            subject.unsupported("secondary tables (@SecondaryTable on " + subject.entityName + ")");
            return Optional.empty();
        }
        Optional<Hierarchies.Layout> layout = hierarchies.of(subject);
        if (layout.isEmpty()) {
            return Optional.empty();
        }
        Optional<Identifiers.Fields> identifier = identifiers.of(subject);
        if (identifier.isEmpty()) {
            return Optional.empty();
        }
        PropertyFields.Found found = new PropertyFields.Found();
        Set<String> excluded = Mirrors.excludedNames(entity);
        PropertyFields.Reading own = new PropertyFields.Reading(subject.type, true, false);
        for (Map.Entry<String, Element> property : subject.properties.members().entrySet()) {
            String name = property.getKey();
            Element member = property.getValue();
            List<VersionField> idFields = identifier.get().byProperty().get(name);
            if (idFields != null) {
                found.fields.addAll(idFields);
                idFields.forEach(field -> PropertyFields.column(field.name(), member).ifPresent(found.columns::add));
            } else if (!excluded.contains(name) && !Mirrors.has(member, Mirrors.NOT_VERSIONED)) {
                properties.add(subject, name, member, own, found);
            }
        }
        Set<TypeElement> rowsOf = new HashSet<>(List.of(entity));
        if (layout.get().strategy() == Hierarchies.Strategy.SINGLE_TABLE) {
            addSubclassColumns(subject, layout.get().subclasses(), found);
            rowsOf.addAll(layout.get().subclasses());
        }
        if (layout.get().hasDiscriminator()) {
            found.fields.add(Discriminators.field(layout.get().discriminator()));
        }
        checkReservedNames(subject, found.fields);
        if (subject.skipped()) {
            return Optional.empty();
        }
        Optional<List<VersionField>> keys = collectionKeys.of(subject, rowsOf, found.names(), found.columns);
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        found.fields.addAll(keys.get());
        if (ModifiedFlagFields.enabled(entity, naming.modifiedFlags())) {
            List<VersionField> flags = ModifiedFlagFields.of(subject, found.fields);
            if (subject.skipped()) {
                return Optional.empty();
            }
            found.fields.addAll(flags);
        }
        return relations.named(subject, found.relations, found.fields).map(accessors -> new VersionClassModel(
                subject.packageName, subject.className.substring(subject.className.lastIndexOf('.') + 1),
                (JavaType.Declared) types.of(entity.asType()), table(entity), found.fields,
                identifier.get().identifier(), accessors, naming.bookkeeping()));
    }

    /**
     * The columns of the subclasses of a single-table root, which its version table holds too:
     * nullable, as the rows of the other classes leave them null, and without relation accessors,
     * which the root's snapshot does not have.
     */
    private void addSubclassColumns(Subject subject, List<TypeElement> subclasses, PropertyFields.Found found) {
        Set<String> mapped = new HashSet<>(subject.properties.names());
        for (TypeElement subclass : subclasses) {
            Set<String> excluded = Mirrors.excludedNames(subclass);
            PropertyFields.Reading reading = new PropertyFields.Reading((DeclaredType) subclass.asType(), false, true);
            PersistentProperties.of(subclass).members().forEach((name, member) -> {
                if (mapped.add(name) && !excluded.contains(name) && !Mirrors.has(member, Mirrors.NOT_VERSIONED)) {
                    properties.add(subject, name, member, reading, found);
                }
            });
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

    /** The version table's name, as the runtime derives it, with the live table's schema and catalog. */
    private VersionClassModel.Table table(TypeElement entity) {
        Optional<AnnotationMirror> table = Mirrors.find(entity, PERSISTENCE + "Table");
        Optional<String> explicit = Mirrors.find(entity, Mirrors.VERSIONED)
                .flatMap(versioned -> MappingAnnotations.string(versioned, "table"));
        String name = explicit.orElseGet(() -> suffixed(table
                .flatMap(annotation -> MappingAnnotations.string(annotation, "name"))
                .or(() -> Mirrors.find(entity, Mirrors.ENTITY)
                        .flatMap(annotation -> MappingAnnotations.string(annotation, "name")))
                .orElse(entity.getSimpleName().toString())));
        return new VersionClassModel.Table(name,
                table.flatMap(annotation -> MappingAnnotations.string(annotation, "schema")),
                table.flatMap(annotation -> MappingAnnotations.string(annotation, "catalog")));
    }

    /**
     * The live table's name with the suffix, quoted as a whole when the live name is quoted
     * ({@code "order"} gives {@code "order_version"}), as the runtime names it.
     */
    private String suffixed(String live) {
        for (String quote : List.of("\"", "`")) {
            if (live.length() > 1 && live.startsWith(quote) && live.endsWith(quote)) {
                return quote + live.substring(1, live.length() - 1) + naming.tableSuffix() + quote;
            }
        }
        return live + naming.tableSuffix();
    }

    private static boolean containsError(TypeMirror type) {
        if (type.getKind() == TypeKind.ERROR) {
            return true;
        }
        return type instanceof DeclaredType declared
                && declared.getTypeArguments().stream().anyMatch(VersionClassAnalyzer::containsError);
    }
}
