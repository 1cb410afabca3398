package io.blastradius.ingest.catalog;

import java.util.List;

/** A world file that cannot be read or does not hold together; the message lists every problem found. */
public final class InvalidWorldException extends RuntimeException {
    private final List<String> problems;

    public InvalidWorldException(String source, List<String> problems) {
        super("invalid world " + source + ":\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidWorldException(String source, String problem, Throwable cause) {
        super("invalid world " + source + ": " + problem, cause);
        this.problems = List.of(problem);
    }

    /** Each problem on its own, in file order. */
    public List<String> problems() {
        return problems;
    }
}
