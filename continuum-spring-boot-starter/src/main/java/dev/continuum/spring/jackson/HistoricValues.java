package dev.continuum.spring.jackson;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;

import java.util.Collection;

/**
 * Writes a value of a version's changeset: an entity (the target of a to-one) as its identifier,
 * a collection element by element, anything else through the application's mapper with the
 * snapshot rules on.
 */
final class HistoricValues {

    private HistoricValues() {
    }

    static void write(Object value, JsonGenerator generator, SerializationContext context) {
        if (value == null) {
            generator.writeNull();
        } else if (Entities.isEntity(value)) {
            context.writeValue(generator, Entities.identifier(value));
        } else if (value instanceof Collection<?> values) {
            generator.writeStartArray();
            for (Object element : values) {
                write(element, generator, context);
            }
            generator.writeEndArray();
        } else {
            SnapshotProperties.writeSnapshot(value, generator, context);
        }
    }
}
