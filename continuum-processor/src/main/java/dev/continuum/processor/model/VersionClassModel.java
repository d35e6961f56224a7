package dev.continuum.processor.model;

import java.util.List;
import java.util.Optional;

/**
 * Everything the writer needs to write the typed version class of one {@code @Versioned} entity:
 * a read-only entity mapped onto the entity's version table. Built by the analysis, immutable.
 *
 * @param packageName the package of the entity and of the generated class, empty for the unnamed package
 * @param simpleName the class name, such as {@code ArticleVersion}
 * @param entity the versioned entity
 * @param table the version table
 * @param fields the mapped fields, in the order of the entity's properties; the identifier's have
 *        {@link VersionField#id()} set
 * @param identifier the entity's identifier, as {@code id()} returns it
 * @param relations the relation accessors
 * @param bookkeeping the names of the bookkeeping columns
 */
public record VersionClassModel(String packageName, String simpleName, JavaType.Declared entity, Table table,
        List<VersionField> fields, VersionField identifier, List<RelationAccessor> relations,
        Bookkeeping bookkeeping) {

    /** What {@code @Generated} names as the generator, and how a generated class is recognised. */
    public static final String GENERATOR = "dev.continuum.processor.VersionedProcessor";

    public VersionClassModel {
        fields = List.copyOf(fields);
        relations = List.copyOf(relations);
    }

    /** The fields of the primary key besides the transaction: the identifier's columns. */
    public List<VersionField> keyFields() {
        return fields.stream().filter(VersionField::id).toList();
    }

    /** Whether the entity's identifier spans several columns, held by an {@code @EmbeddedId} or {@code @IdClass}. */
    public boolean compositeIdentifier() {
        return !identifier.id();
    }

    /**
     * The version table.
     *
     * @param name its name
     * @param schema the schema of the live table, if it names one
     * @param catalog the catalog of the live table, if it names one
     */
    public record Table(String name, Optional<String> schema, Optional<String> catalog) {
    }

    /**
     * The columns every version table has besides the entity's.
     *
     * @param transactionId the transaction that recorded the version
     * @param endTransactionId the transaction that superseded it
     * @param operationType insert, update or delete
     */
    public record Bookkeeping(String transactionId, String endTransactionId, String operationType) {
    }
}
