package io.blastradius.schemas.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.SchemaParser;

/**
 * Reads the current schemas from a tree of {@code .avsc} files, one top-level schema per file, the
 * way the Avro Maven plugin sees them: files may name types defined in other files, in any order.
 */
public final class SchemaSources {

    private SchemaSources() {
    }

    /**
     * Parses every {@code .avsc} under {@code root} and returns each file's top-level schema, fully
     * resolved, by full name (sorted by name so that reports are stable).
     *
     * @throws SchemaParseException naming the file when one does not parse or names an undefined type
     */
    public static Map<String, Schema> load(Path root) {
        List<Path> files = avscFiles(root);
        SchemaParser parser = new SchemaParser();
        List<SchemaParser.ParseResult> results = new ArrayList<>();
        for (Path file : files) {
            try {
                results.add(parser.parse(file));
            } catch (SchemaParseException e) {
                throw new SchemaParseException(file + ": " + e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        Map<String, Schema> byName = new java.util.TreeMap<>();
        for (int i = 0; i < results.size(); i++) {
            Schema schema;
            try {
                // Resolution replaces references to types from other files by their definitions.
                schema = parser.resolve(results.get(i));
            } catch (SchemaParseException e) {
                throw new SchemaParseException(files.get(i) + ": " + e.getMessage());
            }
            String name = schema.getFullName();
            if (byName.put(name, schema) != null) {
                throw new SchemaParseException(files.get(i) + ": a second top-level definition of " + name);
            }
        }
        return new LinkedHashMap<>(byName);
    }

    static List<Path> avscFiles(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("schema directory " + root + " does not exist");
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".avsc")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }
}
