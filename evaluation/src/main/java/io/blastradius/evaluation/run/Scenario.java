package io.blastradius.evaluation.run;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A scenario to run: a scenario file, or one of the simulator's built-in scenarios by name
 * ({@code file} null).
 */
public record Scenario(String name, Path file) {
    public Scenario {
        Objects.requireNonNull(name, "name");
    }

    public static Scenario file(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
        return new Scenario(name, file);
    }

    public static Scenario builtIn(String name) {
        return new Scenario(name, null);
    }

    public boolean isBuiltIn() {
        return file == null;
    }
}
