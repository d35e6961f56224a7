package dev.continuum.hibernate.schema;

import dev.continuum.NotVersioned;
import jakarta.persistence.Embeddable;

/** An embeddable with a value that must never reach history. */
@Embeddable
public class Credentials {
    public String login;
    @NotVersioned
    public String secret;
}
