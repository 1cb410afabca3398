package io.blastradius.schemas.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/** One version of a subject as the registry holds it. */
public record RegisteredSchema(String subject, int id, int version, Schema schema) {
    public RegisteredSchema {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
    }
}
