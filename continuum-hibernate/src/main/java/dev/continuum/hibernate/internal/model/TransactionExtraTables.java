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
 * transaction changed, primary key transaction id and entity name). Their columns are fixed.
 */
public final class TransactionExtraTables {

    /** What follows the transaction table's name in the metadata table's. */
    public static final String META_SUFFIX = "_meta";
    /** What follows the transaction table's name in the changes table's. */
    public static final String CHANGES_SUFFIX = "_changes";
    /** The transaction column of both tables. */
    public static final String TRANSACTION_ID = "transaction_id";
    /** The key column of the metadata table. */
    public static final String KEY = "meta_key";
    /** The value column of the metadata table. */
    public static final String VALUE = "meta_value";
    /** The entity column of the changes table. */
    public static final String ENTITY_NAME = "entity_name";
    /** The width of the changes table's entity name column. */
    public static final int ENTITY_NAME_LENGTH = 255;

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
