package io.blastradius.schemas.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The released versions of every top-level schema, kept in the repository as
 * {@code <root>/<full name>/v<N>.avsc}: the fully resolved schema JSON exactly as it was released.
 * Released files are never edited; a release only adds {@code v<N+1>}.
 */
public final class SchemaHistory {
    private static final Pattern VERSION_FILE = Pattern.compile("v([1-9][0-9]*)\\.avsc");

    private final Path root;

    public SchemaHistory(Path root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    public Path root() {
        return root;
    }

    /** One released version of a schema. */
    public record Release(String fullName, int version, Path file, Schema schema) {
    }

    /** Every released version, by schema full name, oldest version first. An absent root means no history. */
    public Map<String, List<Release>> load() {
        Map<String, List<Release>> history = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return history;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                List<Release> releases = releasesIn(dir);
                if (!releases.isEmpty()) {
                    history.put(dir.getFileName().toString(), releases);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        return history;
    }

    private static List<Release> releasesIn(Path dir) throws IOException {
        String fullName = dir.getFileName().toString();
        List<Release> releases = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                Matcher m = VERSION_FILE.matcher(file.getFileName().toString());
                if (!m.matches()) {
                    throw new IllegalStateException("unexpected file in schema history: " + file
                            + " (expected v<N>.avsc)");
                }
                Schema schema;
                try {
                    // Each release stands alone (fully resolved), so each gets its own parser.
                    schema = new Schema.Parser().parse(file.toFile());
                } catch (SchemaParseException e) {
                    throw new SchemaParseException(file + ": " + e.getMessage());
                }
                if (!schema.getFullName().equals(fullName)) {
                    throw new IllegalStateException(file + " defines " + schema.getFullName()
                            + " but sits in the history of " + fullName);
                }
                releases.add(new Release(fullName, Integer.parseInt(m.group(1)), file, schema));
            }
        }
        releases.sort(Comparator.comparingInt(Release::version));
        for (int i = 0; i < releases.size(); i++) {
            if (releases.get(i).version() != i + 1) {
                throw new IllegalStateException("schema history of " + fullName + " has a gap: expected v" + (i + 1)
                        + ".avsc, found v" + releases.get(i).version() + ".avsc");
            }
        }
        return releases;
    }

    /**
     * Writes {@code schema} as the next version of its history and returns it. The caller checks
     * compatibility first ({@link EvolutionCheck#release}).
     */
    Release append(Schema schema, int version) {
        Path dir = root.resolve(schema.getFullName());
        Path file = dir.resolve("v" + version + ".avsc");
        try {
            Files.createDirectories(dir);
            if (Files.exists(file)) {
                throw new IllegalStateException(file + " already exists; released versions are never overwritten");
            }
            Files.writeString(file, text(schema), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return new Release(schema.getFullName(), version, file, schema);
    }

    /** The form a release is stored in: the resolved schema as pretty JSON, with a final newline. */
    static String text(Schema schema) {
        return schema.toString(true) + "\n";
    }
}
