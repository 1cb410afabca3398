package io.blastradius.ingest.status.connect;

import io.blastradius.ingest.connect.IngestSourceConfig;
import io.blastradius.ingest.http.HttpPollerConfig;
import io.blastradius.ingest.http.HttpPollerSettings;
import io.blastradius.ingest.status.FeedSource;
import io.blastradius.schemas.topic.TopicNames;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The keys every status-feed connector shares, on top of the runtime's ({@code topic},
 * {@code dead.letter.topic}, queue and poll settings) and the HTTP client's ({@code http.*}).
 * Each connector's config adds its feeds and says which {@link FeedSource}s they make.
 */
public abstract class StatusFeedConfig extends IngestSourceConfig {

    public static final String POLL_INTERVAL_MS = "poll.interval.ms";
    private static final String POLL_INTERVAL_MS_DOC = "How often each feed is polled when it is healthy (feeds "
            + "of one connector may override it). After a failure the feed waits longer: Retry-After, or "
            + "exponential backoff with jitter (http.backoff.*).";

    public static final String LOOKBACK_MS = "lookback.ms";
    private static final String LOOKBACK_MS_DOC = "Items that last changed longer than this before the newest change "
            + "the feed has shown are history: never emitted, and forgotten by the offsets. A first start therefore "
            + "emits this window, not the years some feeds keep. The window ends at the feed's own newest item (capped "
            + "a day past the wall clock), not at the wall clock, so a captured or replayed feed reads like a live one. "
            + "Component states that are not operational are emitted whatever their age.";

    public static final String SEEN_MAX_ENTRIES = "seen.max.entries";
    private static final String SEEN_MAX_ENTRIES_DOC = "Most remembered items per feed (12 bytes each in the source "
            + "offset). One incident update counts once however many scopes it names. When a feed holds more items "
            + "within the look-back window than this, the oldest remembered are re-emitted.";

    static final long DEFAULT_POLL_INTERVAL_MS = 60_000L;
    static final long DEFAULT_LOOKBACK_MS = Duration.ofDays(365).toMillis();

    /** The shared keys plus the runtime's and the HTTP client's. A new instance each call. */
    public static ConfigDef baseStatusConfigDef() {
        ConfigDef def = IngestSourceConfig.baseConfigDef(TopicNames.defaults().statusEvents())
                .define(POLL_INTERVAL_MS, Type.LONG, DEFAULT_POLL_INTERVAL_MS, Range.atLeast(100), Importance.HIGH,
                        POLL_INTERVAL_MS_DOC)
                .define(LOOKBACK_MS, Type.LONG, DEFAULT_LOOKBACK_MS, Range.atLeast(60_000), Importance.MEDIUM,
                        LOOKBACK_MS_DOC)
                .define(SEEN_MAX_ENTRIES, Type.INT, 20_000, Range.between(100, 1_000_000), Importance.LOW,
                        SEEN_MAX_ENTRIES_DOC);
        return HttpPollerConfig.addTo(def);
    }

    protected StatusFeedConfig(ConfigDef definition, Map<?, ?> props) {
        super(definition, props);
    }

    /** The feeds this connector's task follows, built fresh (each with its own poll state). */
    public abstract List<FeedSource> sources();

    public Duration pollInterval() {
        return Duration.ofMillis(getLong(POLL_INTERVAL_MS));
    }

    public Duration lookback() {
        return Duration.ofMillis(getLong(LOOKBACK_MS));
    }

    public int seenMaxEntries() {
        return getInt(SEEN_MAX_ENTRIES);
    }

    public HttpPollerSettings httpSettings() {
        return HttpPollerConfig.settings(this);
    }

    /** Reads a list of {@code name=value} entries (aliases); throws {@link ConfigException} on a bad one. */
    protected static Map<String, String> pairs(String key, List<String> entries) {
        Map<String, String> out = new HashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new ConfigException(key, entry, "expected name=value");
            }
            out.put(entry.substring(0, eq).trim().toLowerCase(Locale.ROOT), entry.substring(eq + 1).trim());
        }
        return out;
    }

    /** A validator for a list of {@code name=value} entries. */
    protected static final class PairList implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value != null) {
                @SuppressWarnings("unchecked")
                List<String> entries = (List<String>) value;
                pairs(name, entries);
            }
        }

        @Override
        public String toString() {
            return "list of name=value";
        }
    }

    /** A validator for http(s) URLs (empty allowed when {@code optional}). */
    protected static final class HttpUrl implements ConfigDef.Validator {
        private final boolean optional;

        public HttpUrl(boolean optional) {
            this.optional = optional;
        }

        @Override
        public void ensureValid(String name, Object value) {
            String s = value == null ? "" : value.toString().trim();
            if (s.isEmpty()) {
                if (!optional) {
                    throw new ConfigException(name, value, "a URL is required");
                }
                return;
            }
            if (!s.startsWith("http://") && !s.startsWith("https://")) {
                throw new ConfigException(name, value, "expected an http(s) URL");
            }
            try {
                java.net.URI.create(s.replace("{feed}", "x"));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, "not a URL: " + e.getMessage());
            }
        }

        @Override
        public String toString() {
            return optional ? "http(s) URL or empty" : "http(s) URL";
        }
    }
}
