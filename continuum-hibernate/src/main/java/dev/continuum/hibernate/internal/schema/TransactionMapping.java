package dev.continuum.hibernate.internal.schema;

import dev.continuum.hibernate.ContinuumTransaction;
import dev.continuum.hibernate.internal.model.TableNames.TransactionColumns;
import dev.continuum.hibernate.internal.model.TransactionIdSource;

/** The orm.xml mapping of {@link ContinuumTransaction} onto the configured transaction table. */
final class TransactionMapping {

    private static final TransactionColumns COLUMNS = TransactionColumns.NAMES;

    private TransactionMapping() {
    }

    /** The length of the tenant column: the tenant identifier as text. */
    static final int TENANT_ID_LENGTH = 255;

    /**
     * The mapping of the entity onto {@code table}: its id is an identity column when transaction
     * ids come from it rather than from a sequence ({@code ids}); with {@code tenants} (a unit with
     * a {@code @TenantId} entity) the table has a tenant column, else the attribute is transient.
     */
    static String ormXml(String table, int userIdLength, int remoteAddrLength, boolean tenants,
            TransactionIdSource ids) {
        String tenant = tenants
                ? "<basic name=\"tenantId\"><column name=\"%s\" length=\"%d\"/></basic>".formatted(COLUMNS.tenantId(),
                        TENANT_ID_LENGTH)
                : "<transient name=\"tenantId\"/>";
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <entity-mappings xmlns="https://jakarta.ee/xml/ns/persistence/orm" version="3.2">
                  <access>FIELD</access>
                  <entity class="%s" name="%s" metadata-complete="true">
                    <table name="%s"/>
                    <attributes>
                      <id name="id"><column name="%s"/>%s</id>
                      <basic name="issuedAt"><column name="%s" nullable="false"/></basic>
                      <basic name="userId"><column name="%s" length="%d"/></basic>
                      <basic name="remoteAddr"><column name="%s" length="%d"/></basic>
                      %s
                    </attributes>
                  </entity>
                </entity-mappings>
                """.formatted(ContinuumTransaction.class.getName(), ContinuumTransaction.ENTITY_NAME, xml(table),
                        COLUMNS.id(), ids == TransactionIdSource.IDENTITY ? "<generated-value strategy=\"IDENTITY\"/>" : "",
                        COLUMNS.issuedAt(), COLUMNS.userId(), userIdLength, COLUMNS.remoteAddr(),
                        remoteAddrLength, tenant);
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
