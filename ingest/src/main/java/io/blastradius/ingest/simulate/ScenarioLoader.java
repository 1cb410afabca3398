package io.blastradius.ingest.simulate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.blastradius.ingest.catalog.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads scenario files (format: {@code docs/scenario-format.md}) and suites of them. Reading checks
 * the syntax; {@link Planner} checks a scenario against its world.
 *
 * <pre>{@code
 * LoadedScenario s = ScenarioLoader.builtIn("aws-2025-10-20");
 * LoadedScenario mine = ScenarioLoader.load(Path.of("my-scenario.yaml"));
 * List<LoadedScenario> suite = ScenarioLoader.suite("built-in");
 * }</pre>
 */
public final class ScenarioLoader {
    private static final ObjectMapper MAPPER = Yaml.mapper(new SimpleModule("scenario-durations")
            .addDeserializer(Duration.class, new JsonDeserializer<>() {
                @Override
                public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                    return Times.duration(p.getValueAsString());
                }
            }));
    private static final String RESOURCES = "scenarios/";

    private ScenarioLoader() {
    }

    /** A scenario and where it came from (relative world paths resolve against {@code baseDir}). */
    public record LoadedScenario(Scenario scenario, String source, Path baseDir) {
    }

    /** A suite file: a name and the scenarios it runs, built-in names or paths relative to the suite file. */
    public record Suite(String name, String description, List<String> scenarios) {
        public Suite {
            scenarios = scenarios == null ? List.of() : List.copyOf(scenarios);
        }
    }

    /** A scenario shipped with blastradius, by name ({@code aws-2025-10-20}). */
    public static LoadedScenario builtIn(String name) {
        String resource = RESOURCES + name + ".yaml";
        return new LoadedScenario(parse(resource(resource, "no built-in scenario named '" + name + "'"), resource), resource, null);
    }

    /** A scenario from a file. */
    public static LoadedScenario load(Path file) {
        try {
            return new LoadedScenario(parse(Files.readString(file, StandardCharsets.UTF_8), file.toString()), file.toString(),
                    file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario file " + file, e);
        }
    }

    /** A scenario by reference: an existing file path, else a built-in name. */
    public static LoadedScenario resolve(String reference) {
        Path p = Path.of(reference);
        return Files.isRegularFile(p) ? load(p) : builtIn(reference);
    }

    /** A scenario from YAML text; {@code source} names it in errors. */
    public static Scenario parse(String yaml, String source) {
        Scenario s;
        try {
            s = Yaml.read(MAPPER, yaml, Scenario.class);
        } catch (IllegalArgumentException e) {
            throw new InvalidScenarioException(source, e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        if (s.name() == null || s.name().isBlank()) {
            problems.add("name is required");
        }
        if (s.start() == null || !s.start().isAbsolute()) {
            problems.add("start is required and must be an instant (2025-10-20T05:00:00Z)");
        }
        if ((s.end() == null) == (s.duration() == null)) {
            problems.add("give exactly one of end and duration");
        }
        if (!problems.isEmpty()) {
            throw new InvalidScenarioException(source, problems);
        }
        return s;
    }

    /** The built-in suite file {@code scenarios/<name>-suite.yaml}, or a suite file path, with every scenario loaded. */
    public static List<LoadedScenario> suite(String reference) {
        Path p = Path.of(reference);
        Suite suite;
        Path base = null;
        String source;
        if (Files.isRegularFile(p)) {
            source = p.toString();
            base = p.toAbsolutePath().getParent();
            try {
                suite = readSuite(Files.readString(p, StandardCharsets.UTF_8), source);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read suite file " + p, e);
            }
        } else {
            source = RESOURCES + reference + "-suite.yaml";
            suite = readSuite(resource(source, "no built-in suite named '" + reference + "'"), source);
        }
        List<LoadedScenario> loaded = new ArrayList<>();
        for (String name : suite.scenarios()) {
            Path file = base == null ? null : base.resolve(name);
            loaded.add(file != null && Files.isRegularFile(file) ? load(file) : builtIn(name));
        }
        return loaded;
    }

    /** Names of the scenarios in the built-in suite {@code built-in}. */
    public static List<String> builtInNames() {
        String source = RESOURCES + "built-in-suite.yaml";
        return readSuite(resource(source, "the built-in suite is missing"), source).scenarios();
    }

    private static Suite readSuite(String text, String source) {
        try {
            return Yaml.read(MAPPER, text, Suite.class);
        } catch (IllegalArgumentException e) {
            throw new InvalidScenarioException(source, e.getMessage(), e);
        }
    }

    private static String resource(String resource, String missing) {
        try (InputStream in = ScenarioLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new InvalidScenarioException(resource, List.of(missing));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
