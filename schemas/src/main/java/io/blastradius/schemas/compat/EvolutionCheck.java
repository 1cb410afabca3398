package io.blastradius.schemas.compat;

import io.blastradius.schemas.registry.CompatibilityLevel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaValidationException;
import org.apache.avro.SchemaValidator;

/**
 * Checks the current schemas against their released history at BACKWARD_TRANSITIVE: a consumer on
 * the current schema must read data written with every released version, because topics keep
 * records forever and replays read the oldest ones. This is the level the registry enforces; the
 * build enforces it first so that an incompatible change never reaches a registry.
 */
public final class EvolutionCheck {
    /** The level the build enforces. */
    public static final CompatibilityLevel LEVEL = CompatibilityLevel.BACKWARD_TRANSITIVE;

    private EvolutionCheck() {
    }

    /** Why a current schema cannot replace its history. {@code version} is 0 when no single release is to blame. */
    public record Violation(String schema, int version, Path file, String reason) {
        @Override
        public String toString() {
            return version == 0
                    ? schema + ": " + reason
                    : schema + " is not " + LEVEL + " compatible with released v" + version + " (" + file + "): " + reason;
        }
    }

    /**
     * Returns every violation of {@link #LEVEL} between the current schemas and the history; empty
     * when all current schemas can read all their released versions. A released schema that has no
     * current definition is a violation too: its topics still hold its data.
     */
    public static List<Violation> check(Map<String, Schema> current, Map<String, List<SchemaHistory.Release>> history) {
        List<Violation> violations = new ArrayList<>();
        for (Map.Entry<String, List<SchemaHistory.Release>> entry : history.entrySet()) {
            String name = entry.getKey();
            Schema schema = current.get(name);
            List<SchemaHistory.Release> releases = entry.getValue();
            if (schema == null) {
                SchemaHistory.Release last = releases.get(releases.size() - 1);
                violations.add(new Violation(name, 0, last.file(), "released (latest v" + last.version() + ", "
                        + last.file() + ") but no longer defined among the current schemas; data written with it "
                        + "still has to be read"));
                continue;
            }
            violations.addAll(check(name, schema, releases));
        }
        return violations;
    }

    private static List<Violation> check(String name, Schema schema, List<SchemaHistory.Release> releases) {
        // Avro validators take the existing schemas newest first.
        List<Schema> newestFirst = new ArrayList<>();
        for (int i = releases.size() - 1; i >= 0; i--) {
            newestFirst.add(releases.get(i).schema());
        }
        SchemaValidator validator = LEVEL.validator();
        try {
            validator.validate(schema, newestFirst);
            return List.of();
        } catch (SchemaValidationException e) {
            List<Violation> violations = new ArrayList<>();
            for (SchemaHistory.Release release : releases) {
                // The validator only says "no"; the pairwise check says where and why.
                SchemaCompatibility.SchemaPairCompatibility pair =
                        SchemaCompatibility.checkReaderWriterCompatibility(schema, release.schema());
                for (Incompatibility incompatibility : pair.getResult().getIncompatibilities()) {
                    violations.add(new Violation(name, release.version(), release.file(),
                            describe(schema, incompatibility)));
                }
            }
            if (violations.isEmpty()) {
                violations.add(new Violation(name, 0, null, e.getMessage()));
            }
            return violations;
        }
    }

    private static String describe(Schema reader, Incompatibility incompatibility) {
        String field = fieldPath(reader, incompatibility.getLocation());
        return (field.isEmpty() ? "" : "field " + field + ": ") + incompatibility.getType() + " at "
                + incompatibility.getLocation() + ": " + incompatibility.getMessage();
    }

    /** Turns Avro's JSON-pointer location ({@code /fields/3/type/0}) into field names ({@code note}). */
    static String fieldPath(Schema schema, String location) {
        List<String> names = new ArrayList<>();
        String[] steps = location.split("/");
        Schema at = schema;
        for (int i = 1; i < steps.length && at != null; i++) {
            String step = steps[i];
            if ("fields".equals(step) && at.getType() == Schema.Type.RECORD && i + 1 < steps.length) {
                int index = Integer.parseInt(steps[++i]);
                if (index >= at.getFields().size()) {
                    break;
                }
                Schema.Field field = at.getFields().get(index);
                names.add(field.name());
                at = field.schema();
                i++; // the "type" step that follows a field
            } else if (step.matches("[0-9]+") && at.getType() == Schema.Type.UNION) {
                at = at.getTypes().get(Integer.parseInt(step));
            } else if ("items".equals(step) && at.getType() == Schema.Type.ARRAY) {
                at = at.getElementType();
            } else if ("values".equals(step) && at.getType() == Schema.Type.MAP) {
                at = at.getValueType();
            } else {
                break;
            }
        }
        return String.join(".", names);
    }

    /**
     * Releases the current schemas: every schema that differs from its latest release (or has none)
     * becomes the next version of its history. Refuses, writing nothing, when the current schemas
     * violate {@link #LEVEL}.
     *
     * @return the versions written, empty when everything was already released
     */
    public static List<SchemaHistory.Release> release(Map<String, Schema> current, SchemaHistory history) {
        Map<String, List<SchemaHistory.Release>> released = history.load();
        List<Violation> violations = check(current, released);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("refusing to release incompatible schemas:\n  "
                    + String.join("\n  ", violations.stream().map(Violation::toString).toList()));
        }
        List<SchemaHistory.Release> written = new ArrayList<>();
        for (Map.Entry<String, Schema> entry : current.entrySet()) {
            List<SchemaHistory.Release> releases = released.getOrDefault(entry.getKey(), List.of());
            Schema schema = entry.getValue();
            if (!releases.isEmpty() && sameText(releases.get(releases.size() - 1).schema(), schema)) {
                continue;
            }
            written.add(history.append(schema, releases.size() + 1));
        }
        return written;
    }

    // Compared as text, docs included, as a registry compares them: a doc change is a new version too.
    // Both sides are printed by the same Avro, so a formatting change in Avro is not mistaken for one.
    private static boolean sameText(Schema released, Schema current) {
        return SchemaHistory.text(released).equals(SchemaHistory.text(current));
    }
}
