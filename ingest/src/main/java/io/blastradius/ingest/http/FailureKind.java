package io.blastradius.ingest.http;

/** Why a poll produced no usable body. Each kind is counted separately in the metrics. */
public enum FailureKind {
    /** 429 Too Many Requests. */
    RATE_LIMITED(true),
    /** Any 5xx answer. */
    SERVER_ERROR(true),
    /** A 4xx other than 429 (404 after a feed moved, 403 from a WAF); retried with backoff all the same. */
    CLIENT_ERROR(true),
    /** The request deadline passed (slow server, slow body). */
    TIMEOUT(true),
    /** Connection refused or reset, DNS failure, TLS failure, broken body stream. */
    NETWORK(true),
    /** Status 200 with an HTML page (or another body of the wrong kind) instead of the feed. */
    UNEXPECTED_BODY(true),
    /** The body exceeded the configured maximum. */
    BODY_TOO_LARGE(true),
    /** The body arrived intact but the feed parser rejected it; the caller reports this, not the poller. */
    UNPARSEABLE(false);

    private final boolean backsOff;

    FailureKind(boolean backsOff) {
        this.backsOff = backsOff;
    }

    /** Whether the next attempt waits for a backoff rather than the normal polling interval. */
    public boolean backsOff() {
        return backsOff;
    }
}
