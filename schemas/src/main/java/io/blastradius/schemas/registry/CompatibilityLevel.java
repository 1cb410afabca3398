package io.blastradius.schemas.registry;

import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaValidationException;
import org.apache.avro.SchemaValidationStrategy;
import org.apache.avro.SchemaValidator;
import org.apache.avro.SchemaValidatorBuilder;

/**
 * The registry's compatibility levels, with the Avro validator that implements each.
 *
 * <p>The validators are Avro's {@link SchemaValidatorBuilder} with strategies on
 * {@link SchemaCompatibility}, as Confluent's registry checks: Avro's built-in read strategies
 * resolve grammars and miss some incompatibilities (a writer enum symbol the reader lacks and
 * has no default for passes them), which would let such a change through.
 */
public enum CompatibilityLevel {
    NONE,
    BACKWARD,
    BACKWARD_TRANSITIVE,
    FORWARD,
    FORWARD_TRANSITIVE,
    FULL,
    FULL_TRANSITIVE;

    /** True when a new schema is checked against every earlier version rather than only the latest. */
    public boolean transitive() {
        return name().endsWith("_TRANSITIVE");
    }

    /**
     * A validator for this level: BACKWARD = the new schema can read data written with the old ones,
     * FORWARD = the old ones can read data written with the new one, FULL = both.
     * Returns null for {@link #NONE}.
     */
    public SchemaValidator validator() {
        SchemaValidatorBuilder builder = new SchemaValidatorBuilder();
        switch (this) {
            case NONE:
                return null;
            case BACKWARD:
            case BACKWARD_TRANSITIVE:
                builder.strategy(CompatibilityLevel::newCanReadExisting);
                break;
            case FORWARD:
            case FORWARD_TRANSITIVE:
                builder.strategy(CompatibilityLevel::existingCanReadNew);
                break;
            default:
                builder.strategy(MUTUAL);
        }
        return transitive() ? builder.validateAll() : builder.validateLatest();
    }

    private static final SchemaValidationStrategy MUTUAL = (toValidate, existing) -> {
        newCanReadExisting(toValidate, existing);
        existingCanReadNew(toValidate, existing);
    };

    private static void newCanReadExisting(Schema toValidate, Schema existing) throws SchemaValidationException {
        canRead(toValidate, existing);
    }

    private static void existingCanReadNew(Schema toValidate, Schema existing) throws SchemaValidationException {
        canRead(existing, toValidate);
    }

    private static void canRead(Schema reader, Schema writer) throws SchemaValidationException {
        SchemaCompatibility.SchemaPairCompatibility pair = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (pair.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            String reasons = pair.getResult().getIncompatibilities().stream()
                    .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
                    .collect(Collectors.joining("; "));
            throw new SchemaValidationException(reader, writer, new IllegalArgumentException(reasons));
        }
    }

    /** Parses a level name as the registry writes it, case-insensitively. */
    public static CompatibilityLevel parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown compatibility level '" + name + "'", e);
        }
    }
}
