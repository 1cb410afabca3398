package io.blastradius.schemas.registry;

/**
 * A failure talking to the schema registry, with the registry's error code where it sent one
 * ({@code 40401} subject not found, {@code 40403} schema not found, {@code 409} incompatible,
 * {@code 42201} invalid schema, {@code 50001} backend error, ...).
 */
public class SchemaRegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int INVALID_SCHEMA = 42201;
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
    /** Used for failures where no HTTP answer arrived (connection refused, timeout). */
    public static final int NO_RESPONSE = -1;

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(String message, int httpStatus, int errorCode) {
        this(message, httpStatus, errorCode, null);
    }

    public SchemaRegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** The HTTP status, or {@link #NO_RESPONSE}. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The registry's error code (often the HTTP status followed by two digits), or the HTTP status. */
    public int errorCode() {
        return errorCode;
    }

    /**
     * True when retrying (or another registry node) might help: no answer at all, a 5xx, 408 (request
     * timeout) or 429 (rate limited). Other 4xx answers are configuration errors and fail fast.
     */
    public boolean retriable() {
        return httpStatus == NO_RESPONSE || httpStatus >= 500 || httpStatus == 408 || httpStatus == 429;
    }

    public boolean notFound() {
        return httpStatus == 404;
    }
}
