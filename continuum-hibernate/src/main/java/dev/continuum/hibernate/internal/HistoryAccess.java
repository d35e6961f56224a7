package dev.continuum.hibernate.internal;

import dev.continuum.ContinuumSettings;

import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.relational.QualifiedTableName;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.persister.collection.CollectionPersister;
import org.hibernate.persister.entity.EntityPersister;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Internal: what the read path ({@code dev.continuum.hibernate.internal.history}) needs to know
 * about the version tables of a session factory, taken from the write path's runtime without
 * changing it. No compatibility promise.
 */
public final class HistoryAccess {

    /** Default name of the table of undo/redo positions. */
    public static final String DEFAULT_UNDO_TABLE = "continuum_undo";

    private final VersioningRuntime runtime;
    private final Map<String, VersionTable> tables = new LinkedHashMap<>();
    private final String undoTable;

    private HistoryAccess(SessionFactoryImplementor factory, VersioningRuntime runtime) {
        this.runtime = runtime;
        runtime.writers().forEach((name, writer) -> tables.put(name, new VersionTable(writer)));
        Object configured = factory.getProperties().get(ContinuumSettings.UNDO_TABLE);
        String name = configured == null || configured.toString().isBlank()
                ? DEFAULT_UNDO_TABLE : configured.toString().trim();
        this.undoTable = factory.getSqlStringGenerationContext()
                .format(new QualifiedTableName(null, null, Identifier.toIdentifier(name)));
    }

    /**
     * The version tables of a session factory.
     *
     * @param factory a session factory
     * @return the access, or empty when the factory versions nothing (or Continuum is disabled)
     */
    public static Optional<HistoryAccess> of(SessionFactoryImplementor factory) {
        VersioningRuntime runtime = VersioningRuntime.of(factory);
        return runtime == null ? Optional.empty() : Optional.of(new HistoryAccess(factory, runtime));
    }

    /**
     * The version table of an entity.
     *
     * @param entityName a Hibernate entity name
     * @return its version table, or empty when the entity is not versioned
     */
    public Optional<VersionTable> table(String entityName) {
        return Optional.ofNullable(tables.get(entityName));
    }

    /** @return the version tables of all versioned entities (several entities of one hierarchy share a table) */
    public Collection<VersionTable> tables() {
        return tables.values();
    }

    /**
     * The version table of a versioned collection (a many-to-many or element collection).
     *
     * @param role the collection role
     * @return its version table, or empty when the collection's rows are not versioned in a table of their own
     */
    public Optional<CollectionTable> collectionTable(String role) {
        CollectionVersionWriter writer = runtime.collectionWriter(role);
        return writer == null ? Optional.empty() : Optional.of(new CollectionTable(writer));
    }

    /**
     * Tells the write path that the entity just inserted under {@code id} re-creates one deleted
     * earlier, so that its deleted version is closed even though its identifier is generated.
     *
     * @param session the session whose transaction inserted it
     * @param persister the entity's persister
     * @param id its identifier
     */
    public void recreated(SharedSessionContractImplementor session, EntityPersister persister, Object id) {
        runtime.unitOfWork(session).recreated(session.generateEntityKey(id, persister));
    }

    /** @return the rendered name of the transaction table */
    public String transactionTable() {
        return runtime.transactionTable();
    }

    /** @return the rendered name of the undo/redo position table */
    public String undoTable() {
        return undoTable;
    }

    /** @return the version tables' transaction column */
    public String transactionIdColumn() {
        return runtime.settings().transactionIdColumn();
    }

    /** @return the version tables' superseding-transaction column */
    public String endTransactionIdColumn() {
        return runtime.settings().endTransactionIdColumn();
    }

    /** @return the version tables' operation column */
    public String operationTypeColumn() {
        return runtime.settings().operationTypeColumn();
    }

    /** Internal: the version table of one entity type, as its writer lays out the rows. */
    public static final class VersionTable {

        private final EntityVersionWriter writer;

        VersionTable(EntityVersionWriter writer) {
            this.writer = writer;
        }

        /** @return the entity's persister */
        public EntityPersister persister() {
            return writer.persister();
        }

        /** @return the rendered table name */
        public String tableName() {
            return writer.tableName();
        }

        /** @return the data columns: id columns, discriminator, versioned attribute columns */
        public List<String> columnNames() {
            return writer.columnNames();
        }

        /**
         * The JDBC mapping of a data column.
         *
         * @param column a position in {@link #columnNames()}
         * @return its mapping
         */
        public JdbcMapping jdbcMapping(int column) {
            return writer.jdbcMapping(column);
        }

        /** @return the number of id columns, which come first */
        public int idColumnCount() {
            return writer.idColumnCount();
        }

        /** @return the position of the discriminator column, or -1 */
        public int discriminatorPosition() {
            return writer.discriminatorPosition();
        }

        /** @return the versioned attributes */
        public List<AttributeMapping> attributes() {
            return writer.attributes();
        }

        /**
         * The version tables of a JOINED entity's subclass levels, from the root's child down to
         * the entity's own class; each row of them has the key columns of its level first, and
         * one is written with the same transaction id for every version of the entity.
         *
         * @return the levels below the root, empty outside JOINED hierarchies
         */
        public List<VersionTable> levels() {
            List<EntityVersionWriter> all = writer.tables();
            return all.subList(1, all.size()).stream().map(VersionTable::new).toList();
        }

        /**
         * @return rendered names of the columns that follow the data columns and are taken from
         *         the live row (the foreign key of a join-column one-to-many)
         */
        public List<String> liveColumns() {
            return writer.liveColumns();
        }
    }

    /** Internal: the version table of one versioned collection, as its writer lays out the rows. */
    public static final class CollectionTable {

        private final CollectionVersionWriter writer;

        CollectionTable(CollectionVersionWriter writer) {
            this.writer = writer;
        }

        /** @return the collection's persister */
        public CollectionPersister persister() {
            return writer.persister();
        }

        /** @return the rendered table name */
        public String tableName() {
            return writer.tableName();
        }

        /** @return the data columns: key, index, element */
        public List<String> columnNames() {
            return writer.columnNames();
        }

        /**
         * The JDBC mapping of a data column.
         *
         * @param column a position in {@link #columnNames()}
         * @return its mapping
         */
        public JdbcMapping jdbcMapping(int column) {
            return writer.jdbcMapping(column);
        }

        /** @return positions of the key's JDBC values among the data columns, -1 where absent */
        public int[] keyPositions() {
            return writer.keyPositions();
        }

        /** @return positions of the index's JDBC values, or null when the rows are not indexed */
        public int[] indexPositions() {
            return writer.indexPositions();
        }

        /** @return positions of the element's JDBC values, -1 where absent */
        public int[] elementPositions() {
            return writer.elementPositions();
        }

        /** @return the base of a list's order column */
        public int indexBase() {
            return writer.indexBase();
        }
    }
}
