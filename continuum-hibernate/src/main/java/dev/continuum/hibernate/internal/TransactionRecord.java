package dev.continuum.hibernate.internal;

import java.time.Instant;

/**
 * A row of the transaction table, mapped as the entity {@value #ENTITY_NAME} through generated
 * XML, so that its table name follows the configuration and JPQL can query it. Continuum writes
 * these rows itself with plain JDBC; the mapping is for schema management and reading.
 */
public class TransactionRecord {

    /** The JPA entity name of the transaction table. */
    public static final String ENTITY_NAME = "ContinuumTransaction";

    private Long id;
    private Instant issuedAt;
    private String userId;
    private String remoteAddr;

    /** For Hibernate. */
    protected TransactionRecord() {
    }

    public Long getId() {
        return id;
    }

    public Instant getIssuedAt() {
        return issuedAt;
    }

    public String getUserId() {
        return userId;
    }

    public String getRemoteAddr() {
        return remoteAddr;
    }

    /** The orm.xml mapping of this entity onto the configured table. */
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
                """.formatted(TransactionRecord.class.getName(), ENTITY_NAME, xml(table));
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
