package dev.continuum.hibernate.internal.read;

import dev.continuum.hibernate.internal.model.EntityModel;
import dev.continuum.hibernate.internal.model.TableNames;
import dev.continuum.hibernate.internal.model.ValidityStrategy;

import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.type.BasicType;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The versions of a TABLE_PER_CLASS entity with subclasses (or an abstract one), which lie in the
 * version tables of its concrete classes: read as their {@code union all}, each branch naming its
 * entity in a column of its own, which tells the rows apart.
 *
 * @param table the union, in parentheses
 * @param columns every column of any of the tables, then the entity name column
 * @param rowTypes the concrete classes
 * @param idColumnCount the number of identifier columns, which come first
 */
record UnionLayout(String table, SelectedColumns columns, RowTypes rowTypes, int idColumnCount)
        implements TableLayout {

    /** The column of the union that holds each row's entity name. */
    static final String ENTITY_COLUMN = "continuum_entity";

    /**
     * @param entity the entity whose versions are read
     * @param concrete its concrete classes (itself included when it is one), the root first
     */
    static UnionLayout of(TableNames names, EntityPersister entity, List<EntityModel> concrete,
            BasicType<String> stringType) {
        SelectedColumns.Builder builder = new SelectedColumns.Builder();
        Map<String, Integer> positions = builder.addRootColumns(concrete);
        int entityColumn = builder.add(ENTITY_COLUMN, "v." + ENTITY_COLUMN, stringType);
        SelectedColumns columns = builder.build();

        StringJoiner branches = new StringJoiner(" union all ", "(", ")");
        RowTypes.Builder types = new RowTypes.Builder(entity, entityColumn);
        for (EntityModel table : concrete) {
            StringJoiner branch = new StringJoiner(", ", "select ", " from " + table.root().name() + " b");
            for (String name : positions.keySet()) {
                branch.add(table.root().columnNames().contains(name) ? "b." + name + " as " + name : "null as " + name);
            }
            String entityName = table.entityName();
            // the end of each table's rows, as the table has it: a class change ends a row in one table only
            String end = names.validity().end("b", table.root().name(),
                    ValidityStrategy.sameKey("b", table.root().columnNames().subList(0, table.root().idColumnCount())));
            branch.add("b." + names.transactionId()).add(end + " as " + names.endTransactionId())
                    .add("b." + names.operationType())
                    .add("'" + entityName.replace("'", "''") + "' as " + ENTITY_COLUMN);
            branches.add(branch.toString());
            Map<String, Integer> own = TableLayout.withIdentifier(table.persister(), positions);
            types.add(new EntityDecoder(table.persister(), TableLayout.attributes(table), own, columns.mappings()), own,
                    entityName);
        }
        return new UnionLayout(branches.toString(), columns, types.build(), concrete.get(0).root().idColumnCount());
    }

    /** The end column of the union, which each branch derives as its table has it. */
    @Override
    public String end(TableNames names) {
        return "v." + names.endTransactionId();
    }

    @Override
    public String validWithin(TableNames names, String upper, String lower) {
        return names.validity().validWithinByEnd("v", end(names), upper, lower);
    }

    @Override
    public String from() {
        return table + " v";
    }

    /** A class change records the old class's delete and the new one's insert in one transaction. */
    @Override
    public boolean twoVersionsPerTransaction() {
        return true;
    }
}
