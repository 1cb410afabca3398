package io.blastradius.ingest.http;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One URL polled on its own schedule, with the state that makes polling polite: the validators for
 * conditional requests, the next due time and the count of consecutive failures behind the backoff.
 *
 * <p>Not thread-safe: a target belongs to the one thread that polls it.
 */
public final class PollTarget {
    private final String name;
    private final URI uri;
    private final Duration interval;
    private final ExpectedBody expected;
    private final String authorization;

    private String etag;
    private String lastModified;
    private Instant nextDue = Instant.MIN;
    private int consecutiveFailures;
    private FetchResult lastResult;

    public PollTarget(String name, URI uri, Duration interval, ExpectedBody expected) {
        this(name, uri, interval, expected, null);
    }

    /**
     * A target whose requests carry {@code Authorization: <authorization>} (e.g. {@code Bearer <token>});
     * null for none. The value is never logged.
     */
    public PollTarget(String name, URI uri, Duration interval, ExpectedBody expected, String authorization) {
        this.authorization = authorization;
        this.name = Objects.requireNonNull(name, "name");
        this.uri = Objects.requireNonNull(uri, "uri");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.expected = Objects.requireNonNull(expected, "expected");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval of " + name + " must be positive");
        }
        String scheme = uri.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("target " + name + " needs an http(s) URL, got " + uri);
        }
    }

    /** Name used in logs and metrics, e.g. {@code statuspage:github/summary}. */
    public String name() {
        return name;
    }

    public URI uri() {
        return uri;
    }

    public Duration interval() {
        return interval;
    }

    public ExpectedBody expected() {
        return expected;
    }

    /** The {@code Authorization} header value, or null. */
    String authorization() {
        return authorization;
    }

    public boolean isDue(Instant now) {
        return !now.isBefore(nextDue);
    }

    /** When the next attempt is allowed ({@link Instant#MIN} before the first poll). */
    public Instant nextDue() {
        return nextDue;
    }

    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** The ETag of the last accepted body, sent back as {@code If-None-Match}. */
    public String etag() {
        return etag;
    }

    /** The Last-Modified of the last accepted body, sent back as {@code If-Modified-Since}. */
    public String lastModified() {
        return lastModified;
    }

    /** The outcome of the latest poll, or null before the first. */
    public FetchResult lastResult() {
        return lastResult;
    }

    /**
     * Confirms that a fetched body was usable: its validators are kept for the next conditional
     * request. A body that could not be parsed is not accepted, so the next poll asks for it whole.
     */
    public void accept(FetchResult.Fetched fetched) {
        etag = fetched.etag().orElse(null);
        lastModified = fetched.lastModified().orElse(null);
    }

    /** Forgets the validators, e.g. after a restart lost the state they belong to. */
    public void forgetValidators() {
        etag = null;
        lastModified = null;
    }

    /** Makes the target due at once (tests, or an operator's "poll now"). */
    public void dueNow() {
        nextDue = Instant.MIN;
    }

    void recordSuccess(FetchResult result) {
        consecutiveFailures = 0;
        nextDue = result.at().plus(interval);
        lastResult = result;
    }

    int recordFailure() {
        consecutiveFailures++;
        return consecutiveFailures;
    }

    void scheduleAfterFailure(FetchResult.Failed failed) {
        nextDue = failed.at().plus(failed.retryIn());
        lastResult = failed;
    }

    @Override
    public String toString() {
        return name + " (" + uri + ")";
    }
}
