package io.blastradius.schemas.registry;

import java.util.Locale;
import org.apache.avro.SchemaValidator;
import org.apache.avro.SchemaValidatorBuilder;

/** The registry's compatibility levels, with the Avro validator that implements each. */
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
                builder.canReadStrategy();
                break;
            case FORWARD:
            case FORWARD_TRANSITIVE:
                builder.canBeReadStrategy();
                break;
            default:
                builder.mutualReadStrategy();
        }
        return transitive() ? builder.validateAll() : builder.validateLatest();
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
