package dev.continuum.spring.jackson;

import dev.continuum.Transaction;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/** {@code {"id", "issuedAt", "user", "address"}}, and {@code "metadata"} when there is any. */
final class TransactionSerializer extends StdSerializer<Transaction> {

    TransactionSerializer() {
        super(Transaction.class);
    }

    @Override
    public void serialize(Transaction transaction, JsonGenerator generator, SerializationContext context) {
        generator.writeStartObject(transaction);
        generator.writeNumberProperty("id", transaction.id());
        generator.writeName("issuedAt");
        context.writeValue(generator, transaction.issuedAt());
        generator.writeStringProperty("user", transaction.userId().orElse(null));
        generator.writeStringProperty("address", transaction.remoteAddress().orElse(null));
        if (!transaction.metadata().isEmpty()) {
            generator.writeName("metadata");
            context.writeValue(generator, transaction.metadata());
        }
        generator.writeEndObject();
    }
}
