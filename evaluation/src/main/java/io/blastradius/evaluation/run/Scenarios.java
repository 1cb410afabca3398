package io.blastradius.evaluation.run;

import io.blastradius.ingest.simulate.ScenarioLoader;
import io.blastradius.ingest.simulate.ScenarioLoader.LoadedScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Which scenarios a command names: scenario files, built-in scenarios by name, and suites (a suite
 * file, or a built-in suite by name; {@code built-in} is the four real outages, the quiet week and the
 * randomized mix).
 */
public final class Scenarios {
    /** The suite run when none is named. */
    public static final String BUILT_IN_SUITE = "built-in";

    private Scenarios() {
    }

    /** An existing file is a scenario file; anything else, a built-in scenario's name. */
    public static Scenario resolve(String reference) {
        Path file = Path.of(reference);
        return Files.isRegularFile(file) ? Scenario.file(file) : Scenario.builtIn(reference);
    }

    /** The scenarios of a suite, checked now (an unknown or invalid one fails before anything runs). */
    public static List<Scenario> suite(String reference) {
        return ScenarioLoader.suite(reference).stream().map(Scenarios::of).toList();
    }

    /** The names of the built-in scenarios. */
    public static List<String> builtInNames() {
        return ScenarioLoader.builtInNames();
    }

    /** Fails now, with every problem listed, if the scenario does not load. */
    public static void check(Scenario scenario) {
        if (scenario.isBuiltIn()) {
            ScenarioLoader.builtIn(scenario.name());
        } else {
            ScenarioLoader.load(scenario.file());
        }
    }

    private static Scenario of(LoadedScenario loaded) {
        // a scenario from a file has the directory it was read from; a built-in one has none, and its
        // source is the resource scenarios/<name>.yaml
        if (loaded.baseDir() != null) {
            return Scenario.file(Path.of(loaded.source()));
        }
        String resource = Path.of(loaded.source()).getFileName().toString();
        return Scenario.builtIn(resource.replaceFirst("\\.ya?ml$", ""));
    }
}
