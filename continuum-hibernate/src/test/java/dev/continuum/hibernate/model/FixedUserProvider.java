package dev.continuum.hibernate.model;

import dev.continuum.spi.TransactionContextProvider;

import java.util.Optional;

/** A context provider that attributes every change to one service account. */
public class FixedUserProvider implements TransactionContextProvider {
    @Override
    public Optional<String> userId() {
        return Optional.of("service-account");
    }

    @Override
    public Optional<String> remoteAddress() {
        return Optional.of("192.0.2.1");
    }
}
