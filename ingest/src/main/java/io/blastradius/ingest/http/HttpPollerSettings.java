package io.blastradius.ingest.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link HttpPoller} talks to upstream servers: who it says it is, how long it waits, how much
 * it reads and how it backs off. Plain values so that code outside Kafka Connect can build one; the
 * Connect side builds it from {@link HttpPollerConfig}.
 *
 * @param userAgent     sent on every request; upstreams throttle or block generic agents, so name the
 *                      project and a contact
 * @param connectTimeout TCP and TLS connect timeout
 * @param requestTimeout whole-request deadline, from sending the request to the last body byte; a
 *                      server that drips its body slowly is cut off here
 * @param maxBodyBytes  a body larger than this (after decompression) is refused, not buffered
 * @param minBackoff    first delay after a failure when the server gives no {@code Retry-After}; the
 *                      delay never undercuts the target's own polling interval
 * @param maxBackoff    upper bound of the exponential backoff
 * @param maxRetryAfter a server's {@code Retry-After} is honoured up to this bound (a misconfigured
 *                      server asking for a day would otherwise silence a feed)
 */
public record HttpPollerSettings(
        String userAgent,
        Duration connectTimeout,
        Duration requestTimeout,
        long maxBodyBytes,
        Duration minBackoff,
        Duration maxBackoff,
        Duration maxRetryAfter) {

    public static final String DEFAULT_USER_AGENT =
            "blastradius-feed-poller/0.1 (+https://github.com/blastradius/blastradius; outage detection)";

    public HttpPollerSettings {
        Objects.requireNonNull(userAgent, "userAgent");
        if (userAgent.isBlank()) {
            throw new IllegalArgumentException("userAgent must not be blank");
        }
        positive(connectTimeout, "connectTimeout");
        positive(requestTimeout, "requestTimeout");
        positive(minBackoff, "minBackoff");
        positive(maxBackoff, "maxBackoff");
        positive(maxRetryAfter, "maxRetryAfter");
        if (maxBodyBytes <= 0 || maxBodyBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxBodyBytes must be between 1 and " + (Integer.MAX_VALUE - 8));
        }
        if (maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff must not be below minBackoff");
        }
    }

    /** Defaults suited to public status pages polled every minute or so. */
    public static HttpPollerSettings defaults() {
        return new HttpPollerSettings(DEFAULT_USER_AGENT, Duration.ofSeconds(10), Duration.ofSeconds(30),
                32L * 1024 * 1024, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofHours(1));
    }

    public HttpPollerSettings withUserAgent(String agent) {
        return new HttpPollerSettings(agent, connectTimeout, requestTimeout, maxBodyBytes, minBackoff, maxBackoff,
                maxRetryAfter);
    }

    public HttpPollerSettings withRequestTimeout(Duration timeout) {
        return new HttpPollerSettings(userAgent, connectTimeout, timeout, maxBodyBytes, minBackoff, maxBackoff,
                maxRetryAfter);
    }

    public HttpPollerSettings withBackoff(Duration min, Duration max) {
        return new HttpPollerSettings(userAgent, connectTimeout, requestTimeout, maxBodyBytes, min, max, maxRetryAfter);
    }

    public HttpPollerSettings withMaxBodyBytes(long bytes) {
        return new HttpPollerSettings(userAgent, connectTimeout, requestTimeout, bytes, minBackoff, maxBackoff,
                maxRetryAfter);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
