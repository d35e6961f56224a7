package dev.continuum.hibernate.internal.schema;

import dev.continuum.hibernate.ContinuumTransaction;

/** The orm.xml mapping of {@link ContinuumTransaction} onto the configured transaction table. */
final class TransactionMapping {

    private TransactionMapping() {
    }

    /** The mapping of the entity onto {@code table}. */
    static String ormXml(String table) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <entity-mappings xmlns="https://jakarta.ee/xml/ns/persistence/orm" version="3.2">
                  <access>FIELD</access>
                  <entity class="%s" name="%s" metadata-complete="true">
                    <table name="%s"/>
                    <attributes>
                      <id name="id"><column name="id"/></id>
                      <basic name="issuedAt"><column name="issued_at" nullable="false"/></basic>
                      <basic name="userId"><column name="user_id" length="255"/></basic>
                      <basic name="remoteAddr"><column name="remote_addr" length="50"/></basic>
                    </attributes>
                  </entity>
                </entity-mappings>
                """.formatted(ContinuumTransaction.class.getName(), ContinuumTransaction.ENTITY_NAME, xml(table));
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
