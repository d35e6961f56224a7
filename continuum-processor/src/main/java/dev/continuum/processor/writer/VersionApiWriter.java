package dev.continuum.processor.writer;

import dev.continuum.processor.model.RelationAccessor;
import dev.continuum.processor.model.VersionClassModel;

/**
 * Writes the {@code Version<T>} side of a version class: the binding the runtime calls for every
 * instance Hibernate loads, the bookkeeping answered from the row, every other method delegated
 * to the bound version, and the relation accessors that read through it.
 */
final class VersionApiWriter {

    /** The field holding the {@code Version<T>} a generated class delegates to. */
    static final String DELEGATE = "continuumVersion";

    /** The method of a generated class that gives the delegate as {@code VersionBinding.Relations}. */
    private static final String RELATIONS = "continuumRelations";

    private VersionApiWriter() {
    }

    /** {@code Version<T>}: bookkeeping from the fields, everything else from the bound delegate. */
    static void writeVersionMethods(SourceBuilder out, VersionClassModel model, String entity, String version) {
        String binding = out.ref("dev.continuum.binding.VersionBinding");
        String optional = out.ref("java.util.Optional");
        String optionalLong = out.ref("java.util.OptionalLong");
        String operation = out.ref("dev.continuum.Operation");
        String transaction = out.ref("dev.continuum.Transaction");
        String changeset = out.ref("dev.continuum.Changeset");
        String failure = out.ref("dev.continuum.ContinuumException");
        String type = version + "<" + entity + ">";
        String simpleName = model.simpleName();
        String id = model.identifier().name();
        out.blank();
        out.line(1, "/**");
        out.line(1, " * Binds this instance to the version its {@link " + version + "} methods delegate to. Continuum calls");
        out.line(1, " * this for every instance Hibernate loads; applications do not.");
        out.line(1, " *");
        out.line(1, " * @param binding the binding of the persistence context that loaded this instance");
        out.line(1, " */");
        out.line(1, "@Override");
        out.line(1, "public void continuumBind(" + binding + " binding) {");
        out.line(2, DELEGATE + " = binding.versionOf(" + entity + ".class, " + IdentityWriter.unshadowed(id, "binding")
                + ", transactionId);");
        out.line(1, "}");
        delegating(out, entity, "entity", "");
        delegating(out, "String", "entityName", "");
        out.blank();
        out.line(1, "@Override");
        out.line(1, "public Object id() {");
        out.line(2, "return " + id + ";");
        out.line(1, "}");
        out.blank();
        out.line(1, "@Override");
        out.line(1, "public long transactionId() {");
        out.line(2, "return transactionId;");
        out.line(1, "}");
        out.blank();
        out.line(1, "@Override");
        out.line(1, "public " + optionalLong + " endTransactionId() {");
        out.line(2, "return endTransactionId == null ? " + optionalLong + ".empty() : " + optionalLong
                + ".of(endTransactionId);");
        out.line(1, "}");
        out.blank();
        out.line(1, "@Override");
        out.line(1, "public " + operation + " operation() {");
        out.line(2, "return " + operation + ".ofCode(operationType);");
        out.line(1, "}");
        delegating(out, transaction, "transaction", "");
        delegating(out, "int", "index", "");
        delegating(out, optional + "<" + type + ">", "previous", "");
        delegating(out, optional + "<" + type + ">", "next", "");
        delegating(out, changeset + "<" + entity + ">", "changeset", "");
        delegating(out, optional + "<" + entity + ">", "revert", "");
        delegating(out, optional + "<" + entity + ">", "revert", "String... relations");
        out.blank();
        out.line(1, "private " + type + " " + DELEGATE + "() {");
        out.line(2, "if (" + DELEGATE + " == null) {");
        out.line(3, "throw new " + failure + "(\"This " + simpleName + " was not loaded by Hibernate, so it is \"");
        out.line(5, "+ \"not bound to an EntityManager and its Version methods cannot read history; load it \"");
        out.line(5, "+ \"with a query, find() or VersionHistory.typedVersions(), or call asVersion(em)\");");
        out.line(2, "}");
        out.line(2, "return " + DELEGATE + ";");
        out.line(1, "}");
        if (!model.relations().isEmpty()) {
            String relationsType = out.ref("dev.continuum.binding.VersionBinding") + ".Relations";
            out.blank();
            out.line(1, "private " + relationsType + " " + RELATIONS + "() {");
            out.line(2, "if (" + DELEGATE + "() instanceof " + relationsType + " relations) {");
            out.line(3, "return relations;");
            out.line(2, "}");
            out.line(2, "throw new " + failure + "(\"This " + simpleName + " is bound to a version that cannot read \"");
            out.line(4, "+ \"relations; read them from asVersion(em).entity()\");");
            out.line(1, "}");
        }
    }

    /**
     * The accessor of one relation: what the bound version's entity holds for it, cast to the
     * property's declared type.
     */
    static void writeRelation(SourceBuilder out, RelationAccessor relation, String entity) {
        String type = out.type(relation.type());
        out.blank();
        out.line(1, "/**");
        switch (relation.kind()) {
            case TO_ONE -> {
                out.line(1, " * The {@code " + relation.property() + "} of the {@link " + entity
                        + "} as it was at this version's transaction:");
                if (relation.unversionedTarget().isEmpty()) {
                    out.line(1, " * a detached snapshot of the related entity of then, the one {@link #entity()} refers to.");
                } else {
                    out.line(1, " * the related entity of then, as a detached copy of its current row ({@link "
                            + out.name(relation.unversionedTarget().get()) + "} is");
                    out.line(1, " * not versioned), the one {@link #entity()} refers to.");
                }
                out.line(1, " *");
                out.line(1, " * @return the related entity, or null when there was none");
            }
            case TO_MANY -> {
                out.line(1, " * The {@code " + relation.property() + "} of the {@link " + entity
                        + "} as they were at this version's transaction:");
                if (relation.unversionedTarget().isEmpty()) {
                    out.line(1, " * detached snapshots of the related entities of then, as {@link #entity()} holds them.");
                } else {
                    out.line(1, " * the related entities of then, as detached copies of their current rows ({@link "
                            + out.name(relation.unversionedTarget().get()) + "}");
                    out.line(1, " * is not versioned), as {@link #entity()} holds them.");
                }
                out.line(1, " *");
                out.line(1, " * @return the related entities of then");
            }
            case ELEMENTS -> {
                out.line(1, " * The {@code " + relation.property() + "} of the {@link " + entity
                        + "} as they were at this version's transaction,");
                out.line(1, " * as {@link #entity()} holds them.");
                out.line(1, " *");
                out.line(1, " * @return the elements of then");
            }
        }
        out.line(1, " */");
        if (relation.type().isRaw()) {
            out.line(1, "@SuppressWarnings(\"rawtypes\")");
        } else if (relation.type().isParameterized()) {
            // the runtime returns the value Hibernate holds for the property, of this very type
            out.line(1, "@SuppressWarnings(\"unchecked\")");
        }
        out.line(1, "public " + type + " " + relation.accessor() + "() {");
        out.line(2, "return (" + type + ") " + RELATIONS + "().relation(" + SourceBuilder.quote(relation.property())
                + ");");
        out.line(1, "}");
    }

    private static void delegating(SourceBuilder out, String returnType, String method, String parameter) {
        String argument = parameter.isEmpty() ? "" : parameter.substring(parameter.lastIndexOf(' ') + 1);
        out.blank();
        out.line(1, "@Override");
        out.line(1, "public " + returnType + " " + method + "(" + parameter + ") {");
        out.line(2, "return " + DELEGATE + "()." + method + "(" + argument + ");");
        out.line(1, "}");
    }
}
