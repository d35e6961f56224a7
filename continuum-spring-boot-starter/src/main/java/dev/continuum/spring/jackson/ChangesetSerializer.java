package dev.continuum.spring.jackson;

import dev.continuum.Changeset;
import dev.continuum.PropertyChange;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

import java.util.Map;

/** {@code {"property": {"old": ..., "new": ...}, ...}}, in the entity's attribute order. */
final class ChangesetSerializer extends StdSerializer<Changeset<?>> {

    ChangesetSerializer() {
        super(Changeset.class);
    }

    @Override
    public void serialize(Changeset<?> changeset, JsonGenerator generator, SerializationContext context) {
        generator.writeStartObject(changeset);
        for (Map.Entry<String, PropertyChange<?>> change : changeset.asMap().entrySet()) {
            generator.writeName(change.getKey());
            PropertyChangeSerializer.write(change.getValue(), generator, context);
        }
        generator.writeEndObject();
    }
}
