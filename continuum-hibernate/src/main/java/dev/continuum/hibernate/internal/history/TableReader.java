package dev.continuum.hibernate.internal.history;

import dev.continuum.Operation;
import dev.continuum.Transaction;
import dev.continuum.hibernate.internal.HistoryAccess;

import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.DiscriminatorValue;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.type.BasicType;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The SQL that reads one version table (shared by the entities of a single-table hierarchy) and
 * the decoding of its rows, worked out once per session factory. Every query joins the
 * transaction table, so a version always comes with its transaction in the same statement.
 */
final class TableReader {

    private final String tableName;
    private final EntityPersister root;
    private final List<String> columns;
    private final JdbcMapping[] mappings;
    private final int idColumnCount;
    private final int discriminatorPosition;
    private final Map<String, EntityDecoder> decoders = new LinkedHashMap<>();
    private final Map<Object, EntityDecoder> byDiscriminator = new HashMap<>();
    private final Map<String, Object> discriminatorValues = new HashMap<>();
    private final BasicType<Instant> instantType;
    private final BasicType<String> stringType;

    private final String select;
    private final String idWhere;
    private final String orderById;
    private final String validity;
    final String versionsSql;
    final String countSql;
    final String asOfSql;
    final String asOfInstantSql;
    final String previousSql;
    final String nextSql;
    final String indexSql;
    final String changedInSql;
    private final String allAsOfSql;
    private final String allAsOfInstantSql;
    private final String operationColumn;

    TableReader(HistoryAccess access, List<HistoryAccess.VersionTable> tables, BasicType<Instant> instantType,
            BasicType<String> stringType) {
        HistoryAccess.VersionTable first = tables.stream()
                .filter(t -> t.persister().getEntityName().equals(t.persister().getRootEntityName()))
                .findFirst().orElse(tables.get(0));
        this.tableName = first.tableName();
        this.root = first.persister().getRootEntityDescriptor().getEntityPersister();
        this.idColumnCount = first.idColumnCount();
        this.discriminatorPosition = first.discriminatorPosition();
        this.instantType = instantType;
        this.stringType = stringType;
        Map<String, Integer> positions = new LinkedHashMap<>();
        List<JdbcMapping> jdbcMappings = new ArrayList<>();
        List<HistoryAccess.VersionTable> ordered = new ArrayList<>(tables);
        ordered.remove(first);
        ordered.add(0, first);
        for (HistoryAccess.VersionTable table : ordered) {
            for (int i = 0; i < table.columnNames().size(); i++) {
                if (!positions.containsKey(table.columnNames().get(i))) {
                    positions.put(table.columnNames().get(i), jdbcMappings.size());
                    jdbcMappings.add(table.jdbcMapping(i));
                }
            }
        }
        this.columns = List.copyOf(positions.keySet());
        this.mappings = jdbcMappings.toArray(JdbcMapping[]::new);
        for (HistoryAccess.VersionTable table : ordered) {
            EntityPersister persister = table.persister();
            EntityDecoder decoder = new EntityDecoder(persister, table.attributes(), positions, mappings);
            decoders.put(persister.getEntityName(), decoder);
            if (discriminatorPosition >= 0
                    && persister.getDiscriminatorValue() instanceof DiscriminatorValue.Literal literal) {
                byDiscriminator.put(literal.value(), decoder);
                discriminatorValues.put(persister.getEntityName(), literal.value());
            }
        }

        String tx = access.transactionIdColumn();
        String end = access.endTransactionIdColumn();
        this.operationColumn = access.operationTypeColumn();
        StringJoiner list = new StringJoiner(", ", "select ", "");
        columns.forEach(column -> list.add("v." + column));
        list.add("v." + tx).add("v." + end).add("v." + operationColumn)
                .add("t.issued_at").add("t.user_id").add("t.remote_addr");
        this.select = list + " from " + tableName + " v join " + access.transactionTable() + " t on t.id = v." + tx;
        StringJoiner where = new StringJoiner(" and ");
        StringJoiner order = new StringJoiner(", ");
        for (int i = 0; i < idColumnCount; i++) {
            where.add("v." + columns.get(i) + " = ?");
            order.add("v." + columns.get(i));
        }
        this.idWhere = where.toString();
        this.orderById = order.toString();
        String lastBefore = "(select max(x.id) from " + access.transactionTable() + " x where x.issued_at <= ?)";
        this.validity = "v." + tx + " <= ? and (v." + end + " is null or v." + end + " > ?)";
        String validityAtInstant = "v." + tx + " <= " + lastBefore + " and (v." + end + " is null or v." + end
                + " > " + lastBefore + ")";
        this.versionsSql = select + " where " + idWhere + " order by v." + tx;
        this.countSql = "select count(*) from " + tableName + " v where " + idWhere;
        this.asOfSql = select + " where " + idWhere + " and " + validity;
        this.asOfInstantSql = select + " where " + idWhere + " and " + validityAtInstant;
        this.previousSql = select + " where " + idWhere + " and v." + end + " = ?";
        this.nextSql = select + " where " + idWhere + " and v." + tx + " = ?";
        this.indexSql = "select count(*) from " + tableName + " v where " + idWhere + " and v." + tx + " < ?";
        this.changedInSql = select + " where v." + tx + " = ? order by " + orderById;
        this.allAsOfSql = select + " where " + validity + " and v." + operationColumn + " <> "
                + Operation.DELETE.code();
        this.allAsOfInstantSql = select + " where " + validityAtInstant + " and v." + operationColumn + " <> "
                + Operation.DELETE.code();
    }

    String tableName() {
        return tableName;
    }

    EntityPersister root() {
        return root;
    }

    List<String> columns() {
        return columns;
    }

    int idColumnCount() {
        return idColumnCount;
    }

    Optional<EntityDecoder> decoder(String entityName) {
        return Optional.ofNullable(decoders.get(entityName));
    }

    /** The decoder of the entity type a row belongs to (by its discriminator in a hierarchy). */
    EntityDecoder decoderOf(Object[] row) {
        if (discriminatorPosition >= 0) {
            EntityDecoder decoder = byDiscriminator.get(row[discriminatorPosition]);
            if (decoder != null) {
                return decoder;
            }
        }
        return decoders.get(root.getEntityName());
    }

    /**
     * The query for the entities of {@code entityName} (and its subclasses) current as of a
     * transaction ({@code atInstant} false) or an instant, ordered by id, without paging.
     */
    String allAsOfSql(String entityName, boolean atInstant) {
        StringBuilder sql = new StringBuilder(atInstant ? allAsOfInstantSql : allAsOfSql);
        List<Object> values = discriminatorFilter(entityName);
        if (!values.isEmpty()) {
            StringJoiner in = new StringJoiner(", ", " and v." + columns.get(discriminatorPosition) + " in (", ")");
            values.forEach(value -> in.add("?"));
            sql.append(in);
        }
        return sql.append(" order by ").append(orderById).toString();
    }

    /** Discriminator values that select {@code entityName} and its subclasses; empty for the root (no filter). */
    List<Object> discriminatorFilter(String entityName) {
        if (discriminatorPosition < 0 || entityName.equals(root.getEntityName())) {
            return List.of();
        }
        EntityPersister persister = decoders.get(entityName).persister();
        List<Object> values = new ArrayList<>();
        discriminatorValues.forEach((name, value) -> {
            if (name.equals(entityName) || persister.isSubclassEntityName(name)) {
                values.add(value);
            }
        });
        return values;
    }

    /** Binds discriminator values from parameter {@code first}; returns the next parameter index. */
    int bindDiscriminators(PreparedStatement statement, int first, List<Object> values,
            SharedSessionContractImplementor session) throws SQLException {
        int index = first;
        for (Object value : values) {
            bind(statement, index++, discriminatorPosition, value, session);
        }
        return index;
    }

    /** The JDBC values of the id columns for an identifier. */
    Object[] idValues(Object id, SharedSessionContractImplementor session) {
        Object[] values = new Object[idColumnCount];
        root.getIdentifierMapping().breakDownJdbcValues(id, 0, values, null,
                (index, target, unused, value, selectable) -> target[index] = value, session);
        return values;
    }

    /** Binds the id column values from parameter {@code first}; returns the next parameter index. */
    int bindId(PreparedStatement statement, int first, Object[] idValues, SharedSessionContractImplementor session)
            throws SQLException {
        for (int i = 0; i < idColumnCount; i++) {
            bind(statement, first + i, i, idValues[i], session);
        }
        return first + idColumnCount;
    }

    @SuppressWarnings("unchecked")
    private void bind(PreparedStatement statement, int parameter, int column, Object value,
            SharedSessionContractImplementor session) throws SQLException {
        ((org.hibernate.type.descriptor.ValueBinder<Object>) mappings[column].getJdbcValueBinder())
                .bind(statement, value, parameter, session);
    }

    /** Binds an instant the way the write path binds {@code issued_at}. */
    void bindInstant(PreparedStatement statement, int parameter, Instant instant,
            SharedSessionContractImplementor session) throws SQLException {
        instantType.getJdbcValueBinder().bind(statement, instant, parameter, session);
    }

    /** Reads all rows of a result set. */
    List<VersionRow> readAll(ResultSet rs, SessionImplementor session) throws SQLException {
        List<VersionRow> rows = new ArrayList<>();
        Map<Long, Transaction> transactions = new HashMap<>();
        while (rs.next()) {
            rows.add(read(rs, session, transactions));
        }
        return rows;
    }

    private VersionRow read(ResultSet rs, SessionImplementor session, Map<Long, Transaction> transactions)
            throws SQLException {
        Object[] values = new Object[mappings.length];
        for (int i = 0; i < mappings.length; i++) {
            values[i] = mappings[i].getJdbcValueExtractor().extract(rs, i + 1, session);
        }
        int next = mappings.length + 1;
        long transactionId = rs.getLong(next);
        long end = rs.getLong(next + 1);
        Long endTransactionId = rs.wasNull() ? null : end;
        Operation operation = Operation.ofCode(rs.getShort(next + 2));
        Transaction transaction = transactions.get(transactionId);
        if (transaction == null) {
            transaction = transaction(rs, next + 3, transactionId, session);
            transactions.put(transactionId, transaction);
        }
        return new VersionRow(values, transactionId, endTransactionId, operation, transaction);
    }

    /** Reads {@code issued_at, user_id, remote_addr} from column {@code first} on. */
    Transaction transaction(ResultSet rs, int first, long id, SessionImplementor session) throws SQLException {
        Instant issuedAt = instantType.getJdbcValueExtractor().extract(rs, first, session);
        String userId = stringType.getJdbcValueExtractor().extract(rs, first + 1, session);
        String remoteAddress = stringType.getJdbcValueExtractor().extract(rs, first + 2, session);
        return new Transaction(id, issuedAt, Optional.ofNullable(userId), Optional.ofNullable(remoteAddress),
                Map.of());
    }

    /** Deep copies of the mutable JDBC values of a row, so that writing them back shares nothing. */
    @SuppressWarnings("unchecked")
    Object[] copy(Object[] row) {
        Object[] copy = row.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] != null) {
                var plan = (org.hibernate.type.descriptor.java.MutabilityPlan<Object>)
                        mappings[i].getJdbcJavaType().getMutabilityPlan();
                if (plan.isMutable()) {
                    copy[i] = plan.deepCopy(copy[i]);
                }
            }
        }
        return copy;
    }
}
