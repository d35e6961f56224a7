package dev.continuum;

/**
 * A versioned entity or a Continuum setting is misconfigured; thrown while the persistence unit
 * boots, before any data is touched.
 */
public class ConfigurationException extends ContinuumException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what is misconfigured (entity, property, setting) and how to fix it
     */
    public ConfigurationException(String message) {
        super(message);
    }
}
