package dev.continuum.spring.jackson;

import dev.continuum.PropertyChange;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/** {@code {"old": ..., "new": ...}}, a related entity written as its identifier. */
final class PropertyChangeSerializer extends StdSerializer<PropertyChange<?>> {

    PropertyChangeSerializer() {
        super(PropertyChange.class);
    }

    @Override
    public void serialize(PropertyChange<?> change, JsonGenerator generator, SerializationContext context) {
        write(change, generator, context);
    }

    static void write(PropertyChange<?> change, JsonGenerator generator, SerializationContext context) {
        generator.writeStartObject(change);
        generator.writeName("old");
        HistoricValues.write(change.oldValue().orElse(null), generator, context);
        generator.writeName("new");
        HistoricValues.write(change.newValue().orElse(null), generator, context);
        generator.writeEndObject();
    }
}
