package io.blastradius.streams.query.http;

/**
 * A request the API refuses, with the status and the words to say why: 400 naming the bad
 * parameter, 401, 404 for unknown ids, 503 (with Retry-After) while the data is not reachable.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final String parameter;

    public ApiException(int status, String code, String parameter, String message) {
        super(message);
        this.status = status;
        this.code = code;
        this.parameter = parameter;
    }

    public static ApiException badParameter(String parameter, String message) {
        return new ApiException(400, "bad_parameter", parameter, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", null, message);
    }

    /** The data is on a replica that cannot answer now (rebalance, restore, shutdown): ask again shortly. */
    public static ApiException retry(String message) {
        return new ApiException(503, "retry", null, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The offending query or path parameter, or null. */
    public String parameter() {
        return parameter;
    }
}
