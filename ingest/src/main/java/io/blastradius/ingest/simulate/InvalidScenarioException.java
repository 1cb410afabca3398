package io.blastradius.ingest.simulate;

import java.util.List;

/** A scenario file that cannot be read or does not fit its world; the message lists every problem found. */
public final class InvalidScenarioException extends RuntimeException {
    private final List<String> problems;

    public InvalidScenarioException(String source, List<String> problems) {
        super("invalid scenario " + source + ":\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidScenarioException(String source, String problem, Throwable cause) {
        super("invalid scenario " + source + ": " + problem, cause);
        this.problems = List.of(problem);
    }

    public List<String> problems() {
        return problems;
    }
}
