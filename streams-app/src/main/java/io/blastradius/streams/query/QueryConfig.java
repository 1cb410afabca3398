package io.blastradius.streams.query;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;

/**
 * Configuration of the query service (REST API, live stream, dashboard, health and metrics) that
 * each streams-app instance runs. Read from the same properties as
 * {@link io.blastradius.streams.config.StreamsAppConfig}; every key starts with {@code query.}.
 */
public final class QueryConfig extends AbstractConfig {
    public static final String HOST = "query.host";
    public static final String PORT = "query.port";
    public static final String ADVERTISED_HOST = "query.advertised.host";
    public static final String API_TOKEN = "query.api.token";
    public static final String FORWARD_TIMEOUT_MS = "query.forward.timeout.ms";
    public static final String RETRY_AFTER_SECONDS = "query.retry.after.seconds";
    public static final String SIGNALS_RETENTION_MS = "query.signals.retention.ms";
    public static final String HEALTH_HISTORY_RETENTION_MS = "query.health.history.retention.ms";
    public static final String SSE_HEARTBEAT_MS = "query.sse.heartbeat.ms";
    public static final String SSE_MAX_CLIENTS = "query.sse.max.clients";
    public static final String SSE_BUFFER_EVENTS = "query.sse.buffer.events";
    public static final String THREADS = "query.threads";
    public static final String SHUTDOWN_TIMEOUT_MS = "query.shutdown.timeout.ms";

    public static final ConfigDef CONFIG = new ConfigDef()
            .define(HOST, Type.STRING, "127.0.0.1", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Address the HTTP server binds to.")
            .define(PORT, Type.INT, 7070, Range.between(0, 65535), Importance.HIGH,
                    "HTTP port of the API, live stream, dashboard, health and metrics; 0 picks a free one.")
            .define(ADVERTISED_HOST, Type.STRING, "", Importance.MEDIUM,
                    "Host name other instances reach this one at (Kafka Streams' application.server host); "
                            + "empty: the bind address.")
            .define(API_TOKEN, Type.PASSWORD, null, Importance.MEDIUM,
                    "When set, every /api and /internal request needs 'Authorization: Bearer <token>' (or the session "
                            + "cookie the dashboard gets for it); health, metrics and the dashboard's files stay open. "
                            + "All instances of a deployment share it.")
            .define(FORWARD_TIMEOUT_MS, Type.LONG, 2_000L, Range.between(100, 60_000), Importance.LOW,
                    "Bound of one query forwarded to another instance; after it the next replica is tried, then 503.")
            .define(RETRY_AFTER_SECONDS, Type.INT, 1, Range.between(1, 60), Importance.LOW,
                    "Retry-After of a 503 answered while the instances rebalance.")
            .define(SIGNALS_RETENTION_MS, Type.LONG, Duration.ofHours(36).toMillis(), Range.atLeast(60_000), Importance.LOW,
                    "Event time the per-minute signal view (probe failures, complaints, status updates) keeps.")
            .define(HEALTH_HISTORY_RETENTION_MS, Type.LONG, Duration.ofHours(36).toMillis(), Range.atLeast(60_000),
                    Importance.LOW, "Event time each service's health history keeps.")
            .define(SSE_HEARTBEAT_MS, Type.LONG, 15_000L, Range.between(100, 300_000), Importance.LOW,
                    "Interval of the comment lines that keep an idle live stream open through proxies.")
            .define(SSE_MAX_CLIENTS, Type.INT, 64, Range.between(1, 10_000), Importance.LOW,
                    "Live streams served at once; more get 503.")
            .define(SSE_BUFFER_EVENTS, Type.INT, 10_000, Range.between(10, 1_000_000), Importance.LOW,
                    "Recent live events kept in memory to resume a stream from Last-Event-ID.")
            .define(THREADS, Type.INT, 8, Range.between(1, 256), Importance.LOW,
                    "Threads answering HTTP requests (live streams have their own).")
            .define(SHUTDOWN_TIMEOUT_MS, Type.LONG, 5_000L, Range.between(0, 120_000), Importance.LOW,
                    "How long a shutdown lets requests in flight finish before closing the server.");

    public QueryConfig(Map<?, ?> originals) {
        super(CONFIG, originals, false);
    }

    public String host() {
        return getString(HOST);
    }

    public int port() {
        return getInt(PORT);
    }

    /** The host other instances and the metadata use, or the bind address. */
    public String advertisedHost() {
        String h = getString(ADVERTISED_HOST);
        return h == null || h.isBlank() ? host() : h;
    }

    /** The bearer token, or null when the API is open. */
    public String apiToken() {
        Password p = getPassword(API_TOKEN);
        return p == null || p.value() == null || p.value().isEmpty() ? null : p.value();
    }

    public Duration forwardTimeout() {
        return Duration.ofMillis(getLong(FORWARD_TIMEOUT_MS));
    }

    public int retryAfterSeconds() {
        return getInt(RETRY_AFTER_SECONDS);
    }

    public Duration signalsRetention() {
        return Duration.ofMillis(getLong(SIGNALS_RETENTION_MS));
    }

    public Duration healthHistoryRetention() {
        return Duration.ofMillis(getLong(HEALTH_HISTORY_RETENTION_MS));
    }

    public Duration heartbeat() {
        return Duration.ofMillis(getLong(SSE_HEARTBEAT_MS));
    }

    public int maxStreams() {
        return getInt(SSE_MAX_CLIENTS);
    }

    public int bufferedEvents() {
        return getInt(SSE_BUFFER_EVENTS);
    }

    public int threads() {
        return getInt(THREADS);
    }

    public Duration shutdownTimeout() {
        return Duration.ofMillis(getLong(SHUTDOWN_TIMEOUT_MS));
    }
}
