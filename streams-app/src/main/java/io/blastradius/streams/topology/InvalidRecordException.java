package io.blastradius.streams.topology;

/** A record that decoded but says something impossible; it goes to the dead-letter topic with this cause. */
final class InvalidRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String errorType;

    InvalidRecordException(String errorType, String message) {
        super(message);
        this.errorType = errorType;
    }

    String errorType() {
        return errorType;
    }
}
