package io.blastradius.ingest.probe.ranges;

/** A range file that cannot be used at all: not the expected format, truncated, or without a single usable prefix. */
public final class RangeFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public RangeFileException(String origin, RangeFormat format, String message) {
        super(origin + " (" + format.id() + "): " + message);
    }

    public RangeFileException(String origin, RangeFormat format, String message, Throwable cause) {
        super(origin + " (" + format.id() + "): " + message, cause);
    }
}
