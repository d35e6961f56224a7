package dev.continuum.bench.harness;

import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.PhysicalNamingStrategy;
import org.hibernate.engine.jdbc.env.spi.JdbcEnvironment;

import java.util.Locale;

/**
 * Prefixes every table and sequence name with the variant's prefix, so that the variants' schemas
 * can live side by side in one database. A name that already carries the prefix is left alone:
 * Envers and Hibernate's audit log derive their table names from the (already prefixed) physical
 * name of the audited table.
 */
public final class PrefixNamingStrategy implements PhysicalNamingStrategy {

    private final String prefix;

    /** A strategy that prefixes with the given text, for example {@code c_}. */
    public PrefixNamingStrategy(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Identifier toPhysicalCatalogName(Identifier name, JdbcEnvironment environment) {
        return name;
    }

    @Override
    public Identifier toPhysicalSchemaName(Identifier name, JdbcEnvironment environment) {
        return name;
    }

    @Override
    public Identifier toPhysicalTableName(Identifier name, JdbcEnvironment environment) {
        return prefixed(name);
    }

    @Override
    public Identifier toPhysicalSequenceName(Identifier name, JdbcEnvironment environment) {
        return prefixed(name);
    }

    @Override
    public Identifier toPhysicalColumnName(Identifier name, JdbcEnvironment environment) {
        return name;
    }

    private Identifier prefixed(Identifier name) {
        if (name == null || name.getText().toLowerCase(Locale.ROOT).startsWith(prefix)) {
            return name;
        }
        return Identifier.toIdentifier(prefix + name.getText(), name.isQuoted());
    }
}
