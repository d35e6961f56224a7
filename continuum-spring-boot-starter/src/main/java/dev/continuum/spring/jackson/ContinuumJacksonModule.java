package dev.continuum.spring.jackson;

import dev.continuum.Changeset;
import dev.continuum.PropertyChange;
import dev.continuum.Transaction;
import dev.continuum.Version;

import tools.jackson.databind.module.SimpleModule;

/**
 * The JSON form of Continuum's history for Jackson 3 ({@code tools.jackson}), the Jackson of
 * Spring Boot 4. The starter registers it with Boot's {@code JsonMapper}; elsewhere,
 * {@code JsonMapper.builder().addModule(new ContinuumJacksonModule())}.
 *
 * <p>A {@link Version} is written as
 * <pre>{@code
 * {"id": 42, "index": 1, "operation": "UPDATE",
 *  "transaction": {"id": 7, "issuedAt": "2026-01-05T10:15:30Z", "user": "alice", "address": "203.0.113.7"},
 *  "changes": {"title": {"old": "Draft", "new": "Final"}},
 *  "snapshot": {"id": 42, "title": "Final", "author": 3}}
 * }</pre>
 * <ul>
 *   <li>{@code index} counts the entity's versions from 0; {@code operation} is {@code INSERT},
 *       {@code UPDATE} or {@code DELETE};</li>
 *   <li>{@code transaction}: a {@link Transaction} written as {@code id}, {@code issuedAt},
 *       {@code user}, {@code address} (null when unknown), and {@code metadata} when it has any;</li>
 *   <li>{@code changes}: the {@link Changeset} against the previous version, each property as
 *       {@code {"old", "new"}} (a {@link PropertyChange}); a related entity as its identifier;</li>
 *   <li>{@code snapshot}: the entity as of the version, written by the application's mapper, so its
 *       Jackson annotations, naming strategy and date format apply, with these rules: a to-one
 *       relation ({@code @ManyToOne}, {@code @OneToOne}) is written as the related entity's
 *       identifier; collections ({@code @OneToMany}, {@code @ManyToMany}, {@code @ElementCollection})
 *       are left out, as are the properties that are not history ({@code @Versioned(exclude)},
 *       {@code @NotVersioned}, the {@code @Version} attribute), which a snapshot does not hold. So a
 *       snapshot never recurses through back references, and writing it needs no open entity
 *       manager. Entities the application serializes itself are written as without this module.</li>
 * </ul>
 * The JSON is for reading; the module reads none back. The rules apply to entity classes that
 * Jackson serializes as beans; an entity with a custom serializer is written by it.
 */
public final class ContinuumJacksonModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    /** Creates the module. */
    public ContinuumJacksonModule() {
        super("continuum");
        addSerializer(new VersionSerializer());
        addSerializer(new ChangesetSerializer());
        addSerializer(new PropertyChangeSerializer());
        addSerializer(new TransactionSerializer());
        setSerializerModifier(new SnapshotProperties());
    }
}
