package dev.continuum.hibernate.internal.read;

import dev.continuum.Operation;
import dev.continuum.Transaction;
import dev.continuum.hibernate.internal.model.EntityModel;
import dev.continuum.hibernate.internal.model.EntityTable;
import dev.continuum.hibernate.internal.model.TableNames;

import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.DiscriminatorValue;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.persister.entity.UnionSubclassEntityPersister;
import org.hibernate.type.BasicType;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
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
    /** The position of each column in the rows of an entity, by entity name. */
    private final Map<String, Map<String, Integer>> ownPositions = new HashMap<>();
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
    /** The one version a transaction recorded for an entity: by identifier and transaction id. */
    final String versionSql;
    final String indexSql;
    final String changedInSql;
    private final String allAsOfSql;
    private final String allAsOfInstantSql;
    private final String operationColumn;
    private final String transactionColumn;
    private final String endColumn;
    /** The select expression of each column of {@link #columns}. */
    private final List<String> expressions;
    /** The FROM clause: the version table as {@code v}, with its JOINED levels or as a union. */
    private final String from;
    private final String selectList;
    private final String joinTransaction;
    /** JOINED entities, deepest first, with the positions of the key column of each of their levels. */
    private final List<Map.Entry<EntityDecoder, int[]>> byLevels = new ArrayList<>();
    /** The key column expression of each JOINED subclass's own level. */
    private final Map<String, String> ownLevelKeys = new HashMap<>();

    /** The column of a TABLE_PER_CLASS union that holds each row's entity name. */
    static final String ENTITY_COLUMN = "continuum_entity";

    TableReader(TableNames bookkeeping, List<EntityModel> tables, BasicType<Instant> instantType,
            BasicType<String> stringType) {
        this(bookkeeping, tables, null, instantType, stringType);
    }

    /**
     * A reader of the versions in {@code tables}. Without {@code union}, the tables are the version
     * tables of the entities of one hierarchy sharing a root version table: one table for a single
     * table hierarchy, the root table left-joined with every JOINED level table (on key and
     * transaction id, as the write path records each level of a version with the same transaction)
     * for a JOINED one. With {@code union}, a TABLE_PER_CLASS entity whose versions lie in several
     * tables, one per concrete class: the reader reads their union, telling the rows apart by a
     * column holding the entity name.
     */
    TableReader(TableNames bookkeeping, List<EntityModel> tables, EntityPersister union,
            BasicType<Instant> instantType, BasicType<String> stringType) {
        EntityModel first = tables.stream()
                .filter(t -> t.persister().getEntityName().equals(t.persister().getRootEntityName()))
                .findFirst().orElse(tables.get(0));
        this.idColumnCount = first.root().idColumnCount();
        this.instantType = instantType;
        this.stringType = stringType;
        String tx = bookkeeping.transactionId();
        String end = bookkeeping.endTransactionId();
        Map<String, Integer> positions = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        List<String> expressions = new ArrayList<>();
        List<JdbcMapping> jdbcMappings = new ArrayList<>();
        List<EntityModel> ordered = new ArrayList<>(tables);
        ordered.remove(first);
        ordered.add(0, first);
        for (EntityModel table : ordered) {
            for (int i = 0; i < table.root().columnNames().size(); i++) {
                String name = table.root().columnNames().get(i);
                if (!positions.containsKey(name)) {
                    positions.put(name, jdbcMappings.size());
                    names.add(name);
                    expressions.add("v." + name);
                    jdbcMappings.add(table.root().jdbcMapping(i));
                }
            }
        }
        Map<String, int[]> levelKeys = new HashMap<>();
        // the columns of the version table itself; JOINED level columns are positioned per level, since
        // sibling subclasses' own tables may have columns of the same name
        Map<String, Integer> tablePositions = new LinkedHashMap<>(positions);
        Map<String, Map<String, Integer>> levelPositions = new HashMap<>();
        if (union == null) {
            // a TABLE_PER_CLASS table holds its own entity only; other tables, their hierarchy from the root
            this.root = first.persister() instanceof UnionSubclassEntityPersister ? first.persister()
                    : first.persister().getRootEntityDescriptor().getEntityPersister();
            this.tableName = first.root().name();
            this.discriminatorPosition = first.root().discriminatorPosition();
            StringBuilder joins = new StringBuilder();
            Map<String, Integer> levelKey = new HashMap<>();
            Map<String, String> levelKeyColumn = new HashMap<>();
            for (EntityModel table : ordered) {
                for (EntityTable level : table.subclassLevels()) {
                    if (levelKey.containsKey(level.name())) {
                        continue;
                    }
                    String alias = "l" + (levelKey.size() + 1);
                    StringJoiner on = new StringJoiner(" and ", " left join " + level.name() + " " + alias
                            + " on ", "");
                    for (int i = 0; i < level.idColumnCount(); i++) {
                        on.add(alias + "." + level.columnNames().get(i) + " = v." + names.get(i));
                    }
                    on.add(alias + "." + tx + " = v." + tx);
                    // a level deleted while the entity lives on (it became another subclass) is not part of the version
                    String operation = bookkeeping.operationType();
                    on.add("(" + alias + "." + operation + " <> " + Operation.DELETE.code() + " or v." + operation
                            + " = " + Operation.DELETE.code() + ")");
                    joins.append(on);
                    // the level's first key column tells whether a row has this level
                    levelKey.put(level.name(), jdbcMappings.size());
                    levelKeyColumn.put(level.name(), alias + "." + level.columnNames().get(0));
                    names.add(alias + "." + level.columnNames().get(0));
                    expressions.add(alias + "." + level.columnNames().get(0));
                    jdbcMappings.add(level.jdbcMapping(0));
                    Map<String, Integer> own = new HashMap<>();
                    for (int i = level.idColumnCount(); i < level.columnNames().size(); i++) {
                        String name = level.columnNames().get(i);
                        own.put(name, jdbcMappings.size());
                        names.add(positions.putIfAbsent(name, jdbcMappings.size()) == null ? name : alias + "." + name);
                        expressions.add(alias + "." + name);
                        jdbcMappings.add(level.jdbcMapping(i));
                    }
                    levelPositions.put(level.name(), own);
                }
                levelKeys.put(table.persister().getEntityName(),
                        table.subclassLevels().stream().mapToInt(level -> levelKey.get(level.name())).toArray());
                if (!table.subclassLevels().isEmpty()) {
                    ownLevelKeys.put(table.persister().getEntityName(),
                            levelKeyColumn.get(table.subclassLevels().get(table.subclassLevels().size() - 1).name()));
                }
            }
            this.from = tableName + " v" + joins;
        } else {
            this.root = union;
            this.discriminatorPosition = jdbcMappings.size();
            names.add(ENTITY_COLUMN);
            expressions.add("v." + ENTITY_COLUMN);
            jdbcMappings.add(stringType);
            StringJoiner branches = new StringJoiner(" union all ", "(", ")");
            for (EntityModel table : ordered) {
                StringJoiner branch = new StringJoiner(", ", "select ", " from " + table.root().name());
                for (int i = 0; i < discriminatorPosition; i++) {
                    String name = names.get(i);
                    branch.add(table.root().columnNames().contains(name) ? name : "null as " + name);
                }
                branch.add(tx).add(end).add(bookkeeping.operationType())
                        .add("'" + table.persister().getEntityName().replace("'", "''") + "' as " + ENTITY_COLUMN);
                branches.add(branch.toString());
            }
            this.tableName = branches.toString();
            this.from = tableName + " v";
        }
        this.columns = List.copyOf(names);
        this.expressions = List.copyOf(expressions);
        this.mappings = jdbcMappings.toArray(JdbcMapping[]::new);
        for (EntityModel table : ordered) {
            EntityPersister persister = table.persister();
            List<AttributeMapping> attributes = new ArrayList<>(table.root().attributes());
            table.subclassLevels().forEach(level -> attributes.addAll(level.attributes()));
            Map<String, Integer> base = new LinkedHashMap<>(union == null ? tablePositions : positions);
            // the identifier is read from the root's key columns whatever names a subclass gives it
            persister.getIdentifierMapping().forEachSelectable((index, selectable) ->
                    base.put(selectable.getSelectionExpression(), index));
            // a JOINED level's attributes read its own columns, even where the root table has one of the same name
            Map<AttributeMapping, Map<String, Integer>> byAttribute = new IdentityHashMap<>();
            Map<String, Integer> own = new LinkedHashMap<>(base);
            if (union == null) {
                for (EntityTable level : table.subclassLevels()) {
                    Map<String, Integer> inLevel = new HashMap<>(base);
                    inLevel.putAll(levelPositions.get(level.name()));
                    level.attributes().forEach(attribute -> byAttribute.put(attribute, inLevel));
                    own.putAll(levelPositions.get(level.name()));
                }
            }
            EntityDecoder decoder = new EntityDecoder(persister, attributes, base,
                    attribute -> byAttribute.getOrDefault(attribute, base), mappings);
            ownPositions.put(persister.getEntityName(), Map.copyOf(own));
            decoders.put(persister.getEntityName(), decoder);
            if (union != null) {
                byDiscriminator.put(persister.getEntityName(), decoder);
                discriminatorValues.put(persister.getEntityName(), persister.getEntityName());
            } else if (discriminatorPosition >= 0
                    && persister.getDiscriminatorValue() instanceof DiscriminatorValue.Literal literal) {
                byDiscriminator.put(literal.value(), decoder);
                discriminatorValues.put(persister.getEntityName(), literal.value());
            }
            int[] keys = levelKeys.get(persister.getEntityName());
            if (keys != null && keys.length > 0) {
                byLevels.add(Map.entry(decoder, keys));
            }
        }
        // deepest first: a row belongs to the entity with the most levels that are all present
        byLevels.sort((a, b) -> Integer.compare(b.getValue().length, a.getValue().length));

        this.operationColumn = bookkeeping.operationType();
        this.transactionColumn = tx;
        this.endColumn = end;
        StringJoiner list = new StringJoiner(", ", "select ", "");
        this.expressions.forEach(list::add);
        list.add("v." + tx).add("v." + end).add("v." + operationColumn)
                .add("t.issued_at").add("t.user_id").add("t.remote_addr");
        this.selectList = list.toString();
        this.joinTransaction = " join " + bookkeeping.transactionTable() + " t on t.id = v." + tx;
        this.select = selectList + " from " + from + joinTransaction;
        StringJoiner where = new StringJoiner(" and ");
        StringJoiner order = new StringJoiner(", ");
        for (int i = 0; i < idColumnCount; i++) {
            where.add("v." + columns.get(i) + " = ?");
            order.add("v." + columns.get(i));
        }
        this.idWhere = where.toString();
        this.orderById = order.toString();
        String lastBefore = "(select max(x.id) from " + bookkeeping.transactionTable() + " x where x.issued_at <= ?)";
        this.validity = "v." + tx + " <= ? and (v." + end + " is null or v." + end + " > ?)";
        String validityAtInstant = "v." + tx + " <= " + lastBefore + " and (v." + end + " is null or v." + end
                + " > " + lastBefore + ")";
        // a TABLE_PER_CLASS entity that became another subclass has two versions in one transaction: delete first
        String sameTransaction = union == null ? "" : ", v." + operationColumn + " desc";
        this.versionsSql = select + " where " + idWhere + " order by v." + tx + sameTransaction;
        this.countSql = "select count(*) from " + tableName + " v where " + idWhere;
        this.asOfSql = select + " where " + idWhere + " and " + validity;
        this.asOfInstantSql = select + " where " + idWhere + " and " + validityAtInstant;
        this.previousSql = select + " where " + idWhere + " and v." + end + " = ?";
        this.nextSql = select + " where " + idWhere + " and v." + tx + " = ?"
                + (union == null ? "" : " order by v." + operationColumn + " desc");
        this.versionSql = nextSql;
        this.indexSql = "select count(*) from " + tableName + " v where " + idWhere + " and v." + tx + " < ?";
        this.changedInSql = select + " where v." + tx + " = ? order by " + orderById + sameTransaction;
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

    /** The select expression of a data column, or empty when the reader has no such column. */
    Optional<String> expression(String column) {
        int index = columns.indexOf(column);
        return index < 0 ? Optional.empty() : Optional.of(expressions.get(index));
    }

    /**
     * The select expression of a data column of the rows of {@code persister}'s entities (a
     * JOINED subclass's column in its own level table), or empty when they have no such column.
     */
    Optional<String> expression(EntityPersister persister, String column) {
        Map<String, Integer> own = ownPositions.get(persister.getEntityName());
        if (own == null) {
            return expression(column);
        }
        Integer index = own.get(column);
        return index == null ? Optional.empty() : Optional.of(expressions.get(index));
    }

    /** The select expressions of the id columns. */
    List<String> idExpressions() {
        return expressions.subList(0, idColumnCount);
    }

    /**
     * The versions whose {@code keyExpressions} hold one of {@code count} keys (bound in order) and
     * that were valid at some transaction between two bounds (bound after the keys: the upper,
     * then the lower), ordered by identifier and transaction. With {@code withKeys}, the key
     * expressions' values follow the usual columns of each row.
     */
    String windowSql(List<String> keyExpressions, int count, boolean withKeys) {
        StringBuilder sql = new StringBuilder(selectList);
        if (withKeys) {
            keyExpressions.forEach(expression -> sql.append(", ").append(expression));
        }
        return sql.append(" from ").append(from).append(joinTransaction).append(" where ")
                .append(RelationReader.keyPredicate(keyExpressions, count))
                .append(" and v.").append(transactionColumn).append(" <= ? and (v.").append(endColumn)
                .append(" is null or v.").append(endColumn).append(" > ?) order by ").append(orderById)
                .append(", v.").append(transactionColumn).toString();
    }

    Optional<EntityDecoder> decoder(String entityName) {
        return Optional.ofNullable(decoders.get(entityName));
    }

    /** The decoder of the entity type a row belongs to (by its discriminator in a hierarchy). */
    EntityDecoder decoderOf(Object[] row) {
        for (Map.Entry<EntityDecoder, int[]> entity : byLevels) {
            boolean present = true;
            for (int position : entity.getValue()) {
                present &= row[position] != null;
            }
            if (present) {
                return entity.getKey();
            }
        }
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
        String ownLevel = ownLevelKeys.get(entityName);
        if (ownLevel != null && !entityName.equals(root.getEntityName())) {
            sql.append(" and ").append(ownLevel).append(" is not null");
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

    /**
     * Reads all rows of a result set whose rows carry extra columns after the usual ones (see
     * {@link #windowSql}), adding their values to {@code extraValues}, one array per row.
     */
    List<VersionRow> readAll(ResultSet rs, SessionImplementor session, JdbcMapping[] extra,
            List<Object[]> extraValues) throws SQLException {
        List<VersionRow> rows = new ArrayList<>();
        Map<Long, Transaction> transactions = new HashMap<>();
        int first = mappings.length + 7;
        while (rs.next()) {
            rows.add(read(rs, session, transactions));
            Object[] values = new Object[extra.length];
            for (int i = 0; i < extra.length; i++) {
                values[i] = extra[i].getJdbcValueExtractor().extract(rs, first + i, session);
            }
            extraValues.add(values);
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
