package dev.continuum.processor.writer;

import dev.continuum.processor.model.AnnotationModel;
import dev.continuum.processor.model.RelationAccessor;
import dev.continuum.processor.model.VersionClassModel;
import dev.continuum.processor.model.VersionField;

import java.util.Optional;

/**
 * Renders a {@link VersionClassModel} to the source of the typed version class: the class
 * header and mapping, the fields and their getters, the bookkeeping columns and
 * {@code asVersion}. The {@code Version<T>} methods, relation accessors, identity and key class
 * are written by {@link VersionApiWriter} and {@link IdentityWriter}. Writes only what the
 * model says, in a fixed order, so that the output is deterministic.
 */
public final class VersionClassWriter {

    private static final String PERSISTENCE = "jakarta.persistence.";

    private VersionClassWriter() {
    }

    /** The source of the version class {@code model} describes. */
    public static String write(VersionClassModel model) {
        SourceBuilder out = new SourceBuilder(new Imports(model.packageName(), model.simpleName(), "Key"));
        // The first names asked for get the short imports, so the order of these calls is part of the output.
        String entity = out.type(model.entity());
        model.keyFields().forEach(field -> out.type(field.type()));
        VersionField identifier = model.identifier();
        String simpleName = model.simpleName();

        out.line(0, "/**");
        out.line(0, " * A recorded version of {@link " + entity + "}: one row of its version table {@code "
                + model.table().name() + "},");
        out.line(0, " * read-only. Query it with JPQL or the Criteria API like any entity, for example");
        out.line(0, " * {@code select v from " + simpleName + " v where v." + identifier.name()
                + " = :id order by v.transactionId}.");
        out.line(0, " *");
        String version = out.ref("dev.continuum.Version");
        String bindable = out.ref("dev.continuum.binding.VersionBinding") + ".Bindable";
        out.line(0, " * <p>Each instance is also the {@link " + version + "} of " + entity
                + " it records: Continuum binds the instances");
        out.line(0, " * Hibernate loads to the persistence context that loaded them, and the {@code " + version
                + "} methods read");
        out.line(0, " * the version's transaction, neighbours and changeset through it, on first use.");
        if (!model.relations().isEmpty()) {
            out.line(0, " * The relation accessors return the related entities as they were at the version's");
            out.line(0, " * transaction, as {@link #entity()} holds them; the instances one persistence context");
            out.line(0, " * loads are read together, with a few statements per relation however many they are.");
        }
        out.line(0, " *");
        out.line(0, " * <p>Generated from {@link " + entity + "} by the Continuum annotation processor; do not edit.");
        out.line(0, " * Recompile when " + entity + " changes: Continuum checks at boot that this class still matches");
        out.line(0, " * the version table of " + entity + ".");
        out.line(0, " */");
        out.line(0, "@" + out.ref("javax.annotation.processing.Generated") + "("
                + SourceBuilder.quote(VersionClassModel.GENERATOR) + ")");
        out.line(0, "@" + out.ref("dev.continuum.VersionOf") + "(" + entity + ".class)");
        out.line(0, "@" + out.ref(PERSISTENCE + "Entity") + "(name = " + SourceBuilder.quote(simpleName) + ")");
        out.line(0, "@" + out.ref("org.hibernate.annotations.Immutable"));
        out.line(0, tableAnnotation(out, model.table()));
        out.line(0, "@" + out.ref(PERSISTENCE + "IdClass") + "(" + simpleName + ".Key.class)");
        int classHeader = out.mark();
        out.line(0, "public class " + simpleName + " implements " + version + "<" + entity + ">, " + bindable + " {");
        writeFields(out, model, entity, version);
        writeGetters(out, model, entity);
        model.relations().forEach(relation -> VersionApiWriter.writeRelation(out, relation, entity));
        writeAsVersion(out, model, entity, version);
        VersionApiWriter.writeVersionMethods(out, model, entity, version);
        IdentityWriter.writeIdentity(out, model);
        IdentityWriter.writeKey(out, model);
        out.line(0, "}");

        if (out.usedDeprecated()) {
            // the mapping copies the entity's annotations as written, deprecated ones included
            out.insert(classHeader, "@SuppressWarnings({\"deprecation\", \"removal\"})\n");
        }
        return out.unit(model.packageName());
    }

    private static String tableAnnotation(SourceBuilder out, VersionClassModel.Table table) {
        StringBuilder annotation = new StringBuilder("@" + out.ref(PERSISTENCE + "Table") + "(name = "
                + SourceBuilder.quote(table.name()));
        table.schema().ifPresent(schema -> annotation.append(", schema = ").append(SourceBuilder.quote(schema)));
        table.catalog().ifPresent(catalog -> annotation.append(", catalog = ").append(SourceBuilder.quote(catalog)));
        return annotation.append(")").toString();
    }

    private static void writeFields(SourceBuilder out, VersionClassModel model, String entity, String version) {
        String column = out.ref(PERSISTENCE + "Column");
        String id = out.ref(PERSISTENCE + "Id");
        for (VersionField field : model.fields()) {
            out.blank();
            if (field.id()) {
                out.line(1, "@" + id);
            }
            for (AnnotationModel annotation : field.annotations()) {
                out.line(1, out.annotation(annotation, 1));
            }
            out.line(1, "private " + out.type(field.type()) + " " + field.name() + ";");
        }
        VersionClassModel.Bookkeeping bookkeeping = model.bookkeeping();
        out.blank();
        out.line(1, "@" + id);
        out.line(1, "@" + column + "(name = " + SourceBuilder.quote(bookkeeping.transactionId()) + ")");
        out.line(1, "private long transactionId;");
        out.blank();
        out.line(1, "@" + column + "(name = " + SourceBuilder.quote(bookkeeping.endTransactionId()) + ")");
        out.line(1, "private Long endTransactionId;");
        out.blank();
        out.line(1, "@" + column + "(name = " + SourceBuilder.quote(bookkeeping.operationType()) + ")");
        out.line(1, "private short operationType;");
        out.blank();
        out.line(1, "@" + out.ref(PERSISTENCE + "Transient"));
        out.line(1, "private transient " + version + "<" + entity + "> " + VersionApiWriter.DELEGATE + ";");
        out.blank();
        out.line(1, "/** For JPA: versions are read, never created. */");
        out.line(1, "protected " + model.simpleName() + "() {");
        out.line(1, "}");
    }

    private static void writeGetters(SourceBuilder out, VersionClassModel model, String entity) {
        for (VersionField field : model.fields()) {
            if (field.origin() instanceof VersionField.ModifiedFlag flag) {
                writeFlagGetter(out, field, flag, entity);
                continue;
            }
            String type = out.type(field.type());
            out.blank();
            out.line(1, "/**");
            describe(out, field, entity);
            out.line(1, " *");
            out.line(1, " * @return the value recorded by the version's transaction");
            if (field.origin() instanceof VersionField.ForeignKey key) {
                accessorOf(model, key.property())
                        .ifPresent(relation -> out.line(1, " * @see #" + relation.accessor() + "()"));
            }
            out.line(1, " */");
            out.line(1, "public " + type + " " + field.getterName() + "() {");
            out.line(2, "return " + field.name() + ";");
            out.line(1, "}");
        }
        String operation = out.ref("dev.continuum.Operation");
        out.blank();
        out.line(1, "/**");
        out.line(1, " * The transaction that recorded this version.");
        out.line(1, " *");
        out.line(1, " * @return the transaction id");
        out.line(1, " */");
        out.line(1, "public long getTransactionId() {");
        out.line(2, "return transactionId;");
        out.line(1, "}");
        out.blank();
        out.line(1, "/**");
        out.line(1, " * The transaction that superseded this version.");
        out.line(1, " *");
        out.line(1, " * @return the transaction id, or null while this version is current");
        out.line(1, " */");
        out.line(1, "public Long getEndTransactionId() {");
        out.line(2, "return endTransactionId;");
        out.line(1, "}");
        out.blank();
        out.line(1, "/**");
        out.line(1, " * The stored operation code.");
        out.line(1, " *");
        out.line(1, " * @return 0 for insert, 1 for update, 2 for delete");
        out.line(1, " * @see #getOperation()");
        out.line(1, " */");
        out.line(1, "public short getOperationType() {");
        out.line(2, "return operationType;");
        out.line(1, "}");
        out.blank();
        out.line(1, "/**");
        out.line(1, " * What the version's transaction did to the {@link " + entity + "}.");
        out.line(1, " *");
        out.line(1, " * @return insert, update or delete");
        out.line(1, " */");
        out.line(1, "public " + operation + " getOperation() {");
        out.line(2, "return " + operation + ".ofCode(operationType);");
        out.line(1, "}");
    }

    private static void writeFlagGetter(SourceBuilder out, VersionField field, VersionField.ModifiedFlag flag,
            String entity) {
        out.blank();
        out.line(1, "/**");
        out.line(1, " * Whether this version changed the {@code " + flag.property() + "} of the {@link " + entity
                + "}: its modification flag.");
        out.line(1, " *");
        out.line(1, " * @return true when the value differs from the one before the version's transaction (on insert,");
        out.line(1, " *         when it is set); false otherwise, and for versions written before flags were on");
        out.line(1, " */");
        out.line(1, "public boolean " + field.getterName() + "() {");
        out.line(2, "return Boolean.TRUE.equals(" + field.name() + ");");
        out.line(1, "}");
    }

    /** The first sentence of a getter's Javadoc, which says what the field records. */
    private static void describe(SourceBuilder out, VersionField field, String entity) {
        VersionField.Origin origin = field.origin();
        if (origin instanceof VersionField.Property property) {
            out.line(1, " * The {@code " + property.property() + "} of the {@link " + entity + "} in this version.");
        } else if (origin instanceof VersionField.ForeignKey key) {
            out.line(1, " * The identifier of the {@link " + out.name(key.target()) + "} that {@code " + key.property()
                    + "} of the");
            out.line(1, " * {@link " + entity + "} referred to in this version.");
        } else if (origin instanceof VersionField.IdentifierPart part) {
            out.line(1, " * The {@code " + part.part() + "} of the {@code " + part.identifier() + "} of the {@link "
                    + entity + "} in this version.");
        } else if (origin instanceof VersionField.Discriminator) {
            out.line(1, " * The discriminator of the row: which class of the {@link " + entity
                    + "} hierarchy the version records.");
        } else if (origin instanceof VersionField.CollectionKey key) {
            out.line(1, " * The identifier of the {@link " + out.name(key.owner()) + "} whose {@code " + key.property()
                    + "} held the {@link " + entity + "}");
            out.line(1, " * in this version, or null when none did.");
        } else {
            out.line(1, " * The identifier of the {@link " + entity + "} in this version, as {@link #id()} returns it.");
        }
    }

    private static Optional<RelationAccessor> accessorOf(VersionClassModel model, String property) {
        return model.relations().stream().filter(relation -> relation.property().equals(property)).findFirst();
    }

    private static void writeAsVersion(SourceBuilder out, VersionClassModel model, String entity, String version) {
        String entityManager = out.ref(PERSISTENCE + "EntityManager");
        String history = out.ref("dev.continuum.VersionHistory");
        String lookup = out.ref("dev.continuum.HistoryLookupException");
        String id = IdentityWriter.unshadowed(model.identifier().name(), "em");
        out.blank();
        out.line(1, "/**");
        out.line(1, " * This version as a {@link " + version + "} of {@link " + entity
                + "}, with its transaction, changeset,");
        out.line(1, " * navigation and revert, read in one statement.");
        out.line(1, " *");
        out.line(1, " * @param em an open entity manager of the persistence unit that maps this class");
        out.line(1, " * @return the version");
        out.line(1, " * @throws " + lookup + " if the row is no longer in the version table");
        out.line(1, " */");
        out.line(1, "public " + version + "<" + entity + "> asVersion(" + entityManager + " em) {");
        out.line(2, "return " + history + ".of(em).recordedIn(" + entity + ".class, " + id + ", transactionId)");
        out.line(4, ".orElseThrow(() -> new " + lookup + "(\"The version of " + entity + " \" + " + id
                + " + \" of transaction \"");
        // the table's name closes the message's string literal, escaped as a literal ("order_version" is quoted)
        String table = SourceBuilder.quote(model.table().name()).substring(1);
        out.line(6, "+ transactionId + \" is no longer in " + table + "));");
        out.line(1, "}");
    }
}
