package dev.continuum.hibernate.testing;

import org.hibernate.dialect.H2Dialect;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;

/**
 * H2 described by a dialect that reports none of the capabilities Continuum's fast write paths
 * use (an insert that returns the generated id, data-modifying {@code with} clauses, a null-safe
 * comparison), standing for a database that has none of them.
 */
public class CapabilityFreeH2Dialect extends H2Dialect {

    public CapabilityFreeH2Dialect() {
    }

    public CapabilityFreeH2Dialect(DialectResolutionInfo info) {
        super(info);
    }

    @Override
    public boolean supportsInsertReturning() {
        return false;
    }

    @Override
    public boolean supportsNonQueryWithCTE() {
        return false;
    }

    @Override
    public boolean supportsDistinctFromPredicate() {
        return false;
    }
}
