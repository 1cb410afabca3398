package io.blastradius.ingest.http;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The {@code http.*} keys shared by every polling connector. Connectors add these definitions to
 * their own {@link ConfigDef} with {@link #addTo(ConfigDef)} and read them back with
 * {@link #settings(AbstractConfig)}.
 */
public final class HttpPollerConfig {

    public static final String USER_AGENT = "http.user.agent";
    private static final String USER_AGENT_DOC = "User-Agent sent on every request. Name the deployment and a "
            + "contact: some upstreams throttle or block generic agents.";

    public static final String CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    private static final String CONNECT_TIMEOUT_MS_DOC = "TCP/TLS connect timeout.";

    public static final String REQUEST_TIMEOUT_MS = "http.request.timeout.ms";
    private static final String REQUEST_TIMEOUT_MS_DOC = "Deadline of one request, from sending it to the last body "
            + "byte. A timed-out poll is logged, counted and retried with backoff.";

    public static final String MAX_BODY_BYTES = "http.max.body.bytes";
    private static final String MAX_BODY_BYTES_DOC = "Largest response body accepted (after gzip decoding); larger "
            + "bodies are refused as a failure, never buffered whole.";

    public static final String BACKOFF_MIN_MS = "http.backoff.min.ms";
    private static final String BACKOFF_MIN_MS_DOC = "First delay after a failure (429, 5xx, timeout, network error, "
            + "HTML error page) when the server sends no Retry-After. Doubles per consecutive failure, with jitter; "
            + "never shorter than the source's polling interval.";

    public static final String BACKOFF_MAX_MS = "http.backoff.max.ms";
    private static final String BACKOFF_MAX_MS_DOC = "Upper bound of the exponential backoff.";

    public static final String RETRY_AFTER_MAX_MS = "http.retry.after.max.ms";
    private static final String RETRY_AFTER_MAX_MS_DOC = "A server's Retry-After (seconds or HTTP date) is honoured "
            + "up to this bound.";

    private HttpPollerConfig() {
    }

    /** Adds the {@code http.*} keys with their defaults and validators to {@code def}. */
    public static ConfigDef addTo(ConfigDef def) {
        HttpPollerSettings d = HttpPollerSettings.defaults();
        return def
                .define(USER_AGENT, Type.STRING, d.userAgent(), new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                        USER_AGENT_DOC)
                .define(CONNECT_TIMEOUT_MS, Type.LONG, d.connectTimeout().toMillis(), Range.atLeast(1),
                        Importance.LOW, CONNECT_TIMEOUT_MS_DOC)
                .define(REQUEST_TIMEOUT_MS, Type.LONG, d.requestTimeout().toMillis(), Range.atLeast(1),
                        Importance.LOW, REQUEST_TIMEOUT_MS_DOC)
                .define(MAX_BODY_BYTES, Type.LONG, d.maxBodyBytes(), Range.between(1L, (long) Integer.MAX_VALUE - 8), Importance.LOW,
                        MAX_BODY_BYTES_DOC)
                .define(BACKOFF_MIN_MS, Type.LONG, d.minBackoff().toMillis(), Range.atLeast(1), Importance.LOW,
                        BACKOFF_MIN_MS_DOC)
                .define(BACKOFF_MAX_MS, Type.LONG, d.maxBackoff().toMillis(), Range.atLeast(1), Importance.LOW,
                        BACKOFF_MAX_MS_DOC)
                .define(RETRY_AFTER_MAX_MS, Type.LONG, d.maxRetryAfter().toMillis(), Range.atLeast(1),
                        Importance.LOW, RETRY_AFTER_MAX_MS_DOC);
    }

    /** The settings held by a config whose definition went through {@link #addTo(ConfigDef)}. */
    public static HttpPollerSettings settings(AbstractConfig config) {
        return new HttpPollerSettings(
                config.getString(USER_AGENT),
                Duration.ofMillis(config.getLong(CONNECT_TIMEOUT_MS)),
                Duration.ofMillis(config.getLong(REQUEST_TIMEOUT_MS)),
                config.getLong(MAX_BODY_BYTES),
                Duration.ofMillis(config.getLong(BACKOFF_MIN_MS)),
                Duration.ofMillis(config.getLong(BACKOFF_MAX_MS)),
                Duration.ofMillis(config.getLong(RETRY_AFTER_MAX_MS)));
    }

    /** Settings from a plain map, for callers outside Connect. */
    public static HttpPollerSettings settings(Map<String, ?> props) {
        return settings(new AbstractConfig(addTo(new ConfigDef()), props, false));
    }
}
