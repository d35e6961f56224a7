package dev.continuum.hibernate.internal.model;

import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.relational.QualifiedTableName;
import org.hibernate.engine.jdbc.env.spi.IdentifierHelper;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * The tables beside the transaction table, named after it so that
 * {@code continuum.transaction_table} moves them too: {@code <transaction table>_meta} (key/value
 * metadata per transaction, primary key transaction id and key) and, with
 * {@code continuum.transaction_changes}, {@code <transaction table>_changes} (the entity types each
 * transaction changed, primary key transaction id and entity name) and, with
 * {@code continuum.activities}, {@code <transaction table>_activity} (the activity stream, primary
 * key transaction id and the activity's position in it). Their columns are fixed.
 */
public final class TransactionExtraTables {

    /** What follows the transaction table's name in the metadata table's. */
    public static final String META_SUFFIX = "_meta";
    /** What follows the transaction table's name in the changes table's. */
    public static final String CHANGES_SUFFIX = "_changes";
    /** What follows the transaction table's name in the activity table's. */
    public static final String ACTIVITY_SUFFIX = "_activity";
    /** The transaction column of all three tables. */
    public static final String TRANSACTION_ID = "transaction_id";
    /** The key column of the metadata table. */
    public static final String KEY = "meta_key";
    /** The value column of the metadata table. */
    public static final String VALUE = "meta_value";
    /** The entity column of the changes table. */
    public static final String ENTITY_NAME = "entity_name";
    /** The width of the changes table's entity name column. */
    public static final int ENTITY_NAME_LENGTH = 255;

    /** The activity table's position of an activity among those of its transaction. */
    public static final String ACTIVITY_INDEX = "activity_index";
    /** The activity table's verb. */
    public static final String VERB = "verb";
    /** The activity table's actor. */
    public static final String ACTOR = "actor";
    /** The activity table's object: root entity name, identifier as text, version's transaction. */
    public static final String OBJECT_ENTITY = "object_entity";
    /** See {@link #OBJECT_ENTITY}. */
    public static final String OBJECT_ID = "object_id";
    /** See {@link #OBJECT_ENTITY}. */
    public static final String OBJECT_TRANSACTION_ID = "object_transaction_id";
    /** The activity table's target, as its object; null when none. */
    public static final String TARGET_ENTITY = "target_entity";
    /** See {@link #TARGET_ENTITY}. */
    public static final String TARGET_ID = "target_id";
    /** See {@link #TARGET_ENTITY}. */
    public static final String TARGET_TRANSACTION_ID = "target_transaction_id";
    /** The activity table's key/value data, URL-encoded ({@code k=v&k2=v2}); null when none. */
    public static final String DATA = "data";
    /** The width of the activity table's text columns but {@link #DATA}. */
    public static final int ACTIVITY_TEXT_LENGTH = 255;
    /** The width of {@link #DATA}. */
    public static final int DATA_LENGTH = 4000;

    private TransactionExtraTables() {
    }

    /** The name of the table whose name is the transaction table's followed by {@code suffix}, quoted when it is. */
    public static Identifier name(String transactionTable, String suffix) {
        Identifier transaction = Identifier.toIdentifier(transactionTable);
        return Identifier.toIdentifier(transaction.getText() + suffix, transaction.isQuoted());
    }

    /** The rendered name of that table in the default namespace, as it appears in SQL. */
    public static String rendered(SessionFactoryImplementor factory, Settings settings, String suffix) {
        IdentifierHelper helper = factory.getJdbcServices().getJdbcEnvironment().getIdentifierHelper();
        Identifier name = name(settings.transactionTable(), suffix);
        return factory.getSqlStringGenerationContext().format(new QualifiedTableName(null, null,
                helper.toIdentifier(name.getText(), name.isQuoted())));
    }
}
