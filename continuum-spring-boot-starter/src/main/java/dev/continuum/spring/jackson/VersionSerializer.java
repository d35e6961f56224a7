package dev.continuum.spring.jackson;

import dev.continuum.Version;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * {@code {"id", "index", "operation", "transaction", "changes", "snapshot"}}: see
 * {@link ContinuumJacksonModule} for what each holds.
 */
final class VersionSerializer extends StdSerializer<Version<?>> {

    VersionSerializer() {
        super(Version.class);
    }

    @Override
    public void serialize(Version<?> version, JsonGenerator generator, SerializationContext context) {
        generator.writeStartObject(version);
        generator.writeName("id");
        HistoricValues.write(version.id(), generator, context);
        generator.writeNumberProperty("index", version.index());
        generator.writeStringProperty("operation", version.operation().name());
        generator.writeName("transaction");
        context.writeValue(generator, version.transaction());
        generator.writeName("changes");
        context.writeValue(generator, version.changeset());
        generator.writeName("snapshot");
        SnapshotProperties.writeSnapshot(version.entity(), generator, context);
        generator.writeEndObject();
    }
}
