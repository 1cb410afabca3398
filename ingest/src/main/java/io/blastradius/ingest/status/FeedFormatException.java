package io.blastradius.ingest.status;

/** A payload that is not the feed it should be: malformed, truncated, or of the wrong shape. */
public class FeedFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public FeedFormatException(String message) {
        super(message);
    }

    public FeedFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
