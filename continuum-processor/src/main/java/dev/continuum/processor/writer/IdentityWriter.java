package dev.continuum.processor.writer;

import dev.continuum.processor.model.Names;
import dev.continuum.processor.model.VersionClassModel;
import dev.continuum.processor.model.VersionField;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes what makes a version a value: equality by primary key (the identifier's columns and the
 * transaction) and the nested {@code Key} class that JPA uses as the {@code @IdClass}.
 */
final class IdentityWriter {

    private IdentityWriter() {
    }

    /**
     * How a method refers to the field {@code name} when one of its parameters is called {@code parameter}:
     * qualified with {@code this} only when the parameter would hide it.
     */
    static String unshadowed(String name, String parameter) {
        return name.equals(parameter) ? "this." + name : name;
    }

    /** Equality by primary key, through the getters so that a proxy compares like its target. */
    static void writeIdentity(SourceBuilder out, VersionClassModel model) {
        String simpleName = model.simpleName();
        List<String> getters = new ArrayList<>();
        model.keyFields().forEach(field -> getters.add(field.getterName() + "()"));
        out.blank();
        out.line(1, "/**");
        out.line(1, " * Versions are equal when they record the same entity in the same transaction, as their");
        out.line(1, " * {@link Key}s are.");
        out.line(1, " *");
        out.line(1, " * @param other another object");
        out.line(1, " * @return whether {@code other} is a version of the same entity and transaction");
        out.line(1, " */");
        List<String> mine = new ArrayList<>(getters);
        List<String> theirs = new ArrayList<>();
        getters.forEach(getter -> theirs.add("that." + getter));
        writeEqualsAndHashCode(out, 1, "other", simpleName + " that", mine, theirs, "getTransactionId()",
                "that.getTransactionId()");
        out.blank();
        out.line(1, "@Override");
        out.line(1, "public String toString() {");
        StringBuilder parts = new StringBuilder();
        List<VersionField> key = model.keyFields();
        for (int i = 0; i < key.size(); i++) {
            parts.append(i == 0 ? "" : " + \", ").append(key.get(i).name()).append("=\" + ").append(getters.get(i));
        }
        if (key.size() == 1) {
            out.line(2, "return \"" + simpleName + "[" + parts + " + \", transactionId=\" + getTransactionId() + \", \"");
            out.line(4, "+ getOperation() + \"]\";");
        } else {
            out.line(2, "return \"" + simpleName + "[" + parts);
            out.line(4, "+ \", transactionId=\" + getTransactionId() + \", \" + getOperation() + \"]\";");
        }
        out.line(1, "}");
    }

    static void writeKey(SourceBuilder out, VersionClassModel model) {
        String serializable = out.ref("java.io.Serializable");
        List<VersionField> key = model.keyFields();
        List<String> names = key.stream().map(VersionField::name).toList();
        // the parameter of equals and the pattern variable must not hide a field they compare
        String other = unused("other", "object", names);
        String that = unused("key", "that", names);
        boolean single = key.size() == 1;
        out.blank();
        out.line(1, "/** The primary key of a version: the identifier of the entity and the transaction. */");
        out.line(1, "public static final class Key implements " + serializable + " {");
        out.blank();
        out.line(2, "private static final long serialVersionUID = 1L;");
        out.blank();
        key.forEach(field -> out.line(2, "private " + out.type(field.type()) + " " + field.name() + ";"));
        out.line(2, "private long transactionId;");
        out.blank();
        out.line(2, "/** For JPA. */");
        out.line(2, "public Key() {");
        out.line(2, "}");
        out.blank();
        out.line(2, "/**");
        if (single) {
            out.line(2, " * The key of the version of the entity with identifier {@code " + names.get(0)
                    + "} that transaction");
            out.line(2, " * {@code transactionId} recorded.");
        } else {
            out.line(2, " * The key of the version that transaction {@code transactionId} recorded of the entity");
            out.line(2, " * whose identifier is made of the other values.");
        }
        out.line(2, " *");
        for (String name : names) {
            out.line(2, " * @param " + name + (single ? " the identifier of the entity"
                    : " the {@code " + name + "} of the entity's identifier"));
        }
        out.line(2, " * @param transactionId the transaction id");
        out.line(2, " */");
        List<String> parameters = new ArrayList<>();
        key.forEach(field -> parameters.add(out.type(field.type()) + " " + field.name()));
        out.line(2, "public Key(" + String.join(", ", parameters) + ", long transactionId) {");
        names.forEach(name -> out.line(3, "this." + name + " = " + name + ";"));
        out.line(3, "this.transactionId = transactionId;");
        out.line(2, "}");
        for (VersionField field : key) {
            out.blank();
            out.line(2, "/**");
            out.line(2, single ? " * The identifier of the entity." : " * The {@code " + field.name()
                    + "} of the entity's identifier.");
            out.line(2, " *");
            out.line(2, single ? " * @return the identifier" : " * @return the value");
            out.line(2, " */");
            out.line(2, "public " + out.type(field.type()) + " get" + Names.capitalize(field.name()) + "() {");
            out.line(3, "return " + field.name() + ";");
            out.line(2, "}");
        }
        out.blank();
        out.line(2, "/**");
        out.line(2, " * The transaction that recorded the version.");
        out.line(2, " *");
        out.line(2, " * @return the transaction id");
        out.line(2, " */");
        out.line(2, "public long getTransactionId() {");
        out.line(3, "return transactionId;");
        out.line(2, "}");
        out.blank();
        List<String> theirs = new ArrayList<>();
        names.forEach(name -> theirs.add(that + "." + name));
        writeEqualsAndHashCode(out, 2, other, "Key " + that, names, theirs, "transactionId", that + ".transactionId");
        out.blank();
        out.line(2, "@Override");
        out.line(2, "public String toString() {");
        StringBuilder parts = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            parts.append(i == 0 ? "" : " + \", ").append(names.get(i)).append("=\" + ").append(names.get(i));
        }
        if (single) {
            out.line(3, "return \"" + model.simpleName() + ".Key[" + parts
                    + " + \", transactionId=\" + transactionId + \"]\";");
        } else {
            out.line(3, "return \"" + model.simpleName() + ".Key[" + parts);
            out.line(5, "+ \", transactionId=\" + transactionId + \"]\";");
        }
        out.line(2, "}");
        out.line(1, "}");
    }

    /**
     * {@code equals} comparing {@code mine} with {@code theirs} pairwise and the transactions, and
     * the matching {@code hashCode}, indented by {@code indent}.
     */
    private static void writeEqualsAndHashCode(SourceBuilder out, int indent, String parameter, String pattern,
            List<String> mine, List<String> theirs, String transaction, String theirTransaction) {
        String objects = out.ref("java.util.Objects");
        out.line(indent, "@Override");
        out.line(indent, "public boolean equals(Object " + parameter + ") {");
        for (int i = 0; i < mine.size(); i++) {
            String comparison = objects + ".equals(" + mine.get(i) + ", " + theirs.get(i) + ")";
            if (i == 0) {
                out.line(indent + 1, "return " + parameter + " instanceof " + pattern + " && " + comparison);
            } else {
                out.line(indent + 3, "&& " + comparison);
            }
        }
        out.line(indent + 3, "&& " + transaction + " == " + theirTransaction + ";");
        out.line(indent, "}");
        out.blank();
        out.line(indent, "@Override");
        out.line(indent, "public int hashCode() {");
        out.line(indent + 1, "return " + objects + ".hash(" + String.join(", ", mine) + ", " + transaction + ");");
        out.line(indent, "}");
    }

    private static String unused(String preferred, String alternative, List<String> taken) {
        return Set.copyOf(taken).contains(preferred) ? alternative : preferred;
    }
}
