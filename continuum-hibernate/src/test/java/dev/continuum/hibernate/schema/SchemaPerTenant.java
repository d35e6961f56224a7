package dev.continuum.hibernate.schema;

import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.TestDatabase;
import org.hibernate.engine.jdbc.connections.spi.MultiTenantConnectionProvider;

import java.io.Serial;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Schema-per-tenant multi-tenancy on a test database: each tenant's connections use the schema
 * (on MariaDB, the database) of the tenant's name; "any" connection, which Hibernate boots with,
 * uses the test database's default schema.
 */
final class SchemaPerTenant implements MultiTenantConnectionProvider<Object> {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient Db db;

    SchemaPerTenant(Db db) {
        this.db = db;
    }

    /** The name of the tenant's schema (or database) on {@code db}. */
    static String schema(Db db, String tenant) {
        return switch (db.database()) {
            case H2 -> tenant.toUpperCase(java.util.Locale.ROOT);
            case POSTGRESQL -> tenant;
            case MARIADB -> catalog(db) + "_" + tenant;
        };
    }

    /** Creates the tenant's schema (or database) if it does not exist. */
    static void create(Db db, String tenant) {
        db.execute(db.database() == TestDatabase.MARIADB ? "create database if not exists " + schema(db, tenant)
                : "create schema if not exists " + schema(db, tenant));
    }

    /** Drops the tenant's schema (or database) and everything in it. */
    static void drop(Db db, String tenant) {
        db.execute(switch (db.database()) {
            case H2 -> "drop schema if exists " + schema(db, tenant) + " cascade";
            case POSTGRESQL -> "drop schema if exists " + schema(db, tenant) + " cascade";
            case MARIADB -> "drop database if exists " + schema(db, tenant);
        });
    }

    /** A connection that works in the tenant's schema. */
    static Connection connect(Db db, String tenant) throws SQLException {
        Connection connection = db.connect();
        if (db.database() == TestDatabase.MARIADB) {
            connection.setCatalog(schema(db, tenant));
        } else {
            connection.setSchema(schema(db, tenant));
        }
        return connection;
    }

    private static String catalog(Db db) {
        try (Connection connection = db.connect()) {
            return connection.getCatalog();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Connection getAnyConnection() throws SQLException {
        return db.connect();
    }

    @Override
    public void releaseAnyConnection(Connection connection) throws SQLException {
        connection.close();
    }

    @Override
    public Connection getConnection(Object tenant) throws SQLException {
        return connect(db, tenant.toString());
    }

    @Override
    public void releaseConnection(Object tenant, Connection connection) throws SQLException {
        connection.close();
    }

    @Override
    public boolean supportsAggressiveRelease() {
        return false;
    }

    @Override
    public boolean isUnwrappableAs(Class<?> type) {
        return type.isInstance(this);
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        return type.cast(this);
    }
}
