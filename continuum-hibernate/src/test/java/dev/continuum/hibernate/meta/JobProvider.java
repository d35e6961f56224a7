package dev.continuum.hibernate.meta;

import dev.continuum.spi.TransactionContextProvider;

import java.util.Map;
import java.util.Optional;

/** A context provider that names the job of every change and a default reason. */
public class JobProvider implements TransactionContextProvider {
    @Override
    public Optional<String> userId() {
        return Optional.empty();
    }

    @Override
    public Map<String, String> metadata() {
        return Map.of("job", "nightly", "reason", "scheduled");
    }
}
