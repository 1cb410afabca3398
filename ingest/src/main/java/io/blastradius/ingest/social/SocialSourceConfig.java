package io.blastradius.ingest.social;

import io.blastradius.ingest.catalog.CatalogRecords;
import io.blastradius.ingest.catalog.World;
import io.blastradius.ingest.catalog.WorldLoader;
import io.blastradius.ingest.connect.IngestSourceConfig;
import io.blastradius.ingest.social.link.EntityLinker;
import io.blastradius.ingest.social.link.ProviderLexicon;
import io.blastradius.ingest.social.text.AuthorHasher;
import io.blastradius.schemas.topic.TopicNames;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The keys every social connector has, on top of {@link IngestSourceConfig}: where the catalog
 * comes from, the author-hash salt, the text cap, the recent-post window for edits and deletions,
 * and reconnect/idle timing. Platform configs extend it with {@link #socialConfigDef()}.
 */
public class SocialSourceConfig extends IngestSourceConfig {
    public static final String CATALOG_WORLD = "catalog.world";
    private static final String CATALOG_WORLD_DOC = "World file whose services and providers posts are linked to: "
            + "a path to a YAML world file, or the name of a built-in world (default).";

    public static final String AUTHOR_HASH_SALT = "author.hash.salt";
    private static final String AUTHOR_HASH_SALT_DOC = "Secret salt of the author hash (HMAC-SHA256), at least 16 "
            + "bytes. Keep it stable: a new salt makes every author look new. Raw handles are never stored.";

    public static final String TEXT_MAX_CHARS = "text.max.chars";
    private static final String TEXT_MAX_CHARS_DOC = "Longest post text kept, in Unicode code points; longer "
            + "text is cut and ends with an ellipsis.";

    public static final String RECENT_POSTS = "recent.posts";
    private static final String RECENT_POSTS_DOC = "How many published posts are remembered so that an edit or a "
            + "deletion can withdraw what the post was counted for. A deletion of an older post is not published.";

    public static final String RECONNECT_BACKOFF_MIN_MS = "reconnect.backoff.min.ms";
    private static final String RECONNECT_BACKOFF_MIN_MS_DOC = "First wait before reconnecting after a dropped "
            + "stream or a failed request; doubles (with jitter) on each consecutive failure.";

    public static final String RECONNECT_BACKOFF_MAX_MS = "reconnect.backoff.max.ms";
    private static final String RECONNECT_BACKOFF_MAX_MS_DOC = "Longest wait between reconnect attempts.";

    public static final String IDLE_TIMEOUT_MS = "idle.timeout.ms";
    private static final String IDLE_TIMEOUT_MS_DOC = "A stream that sends nothing, not even a heartbeat, for this "
            + "long is taken as dead and reconnected.";

    /** The common and social keys, with the social-signals topic as the default topic. A new instance each call. */
    public static ConfigDef socialConfigDef() {
        return baseConfigDef(TopicNames.defaults().socialSignals())
                .define(CATALOG_WORLD, Type.STRING, "default", new ConfigDef.NonEmptyString(), Importance.HIGH,
                        CATALOG_WORLD_DOC)
                .define(AUTHOR_HASH_SALT, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH, AUTHOR_HASH_SALT_DOC)
                .define(TEXT_MAX_CHARS, Type.INT, 1_000, Range.between(16, 100_000), Importance.LOW, TEXT_MAX_CHARS_DOC)
                .define(RECENT_POSTS, Type.INT, 100_000, Range.atLeast(1), Importance.LOW, RECENT_POSTS_DOC)
                .define(RECONNECT_BACKOFF_MIN_MS, Type.LONG, 1_000L, Range.atLeast(1), Importance.LOW,
                        RECONNECT_BACKOFF_MIN_MS_DOC)
                .define(RECONNECT_BACKOFF_MAX_MS, Type.LONG, 60_000L, Range.atLeast(1), Importance.LOW,
                        RECONNECT_BACKOFF_MAX_MS_DOC)
                .define(IDLE_TIMEOUT_MS, Type.LONG, 45_000L, Range.atLeast(100), Importance.LOW, IDLE_TIMEOUT_MS_DOC);
    }

    public SocialSourceConfig(ConfigDef definition, Map<?, ?> props) {
        super(definition, props);
        Password salt = getPassword(AUTHOR_HASH_SALT);
        if (salt == null || salt.value().getBytes(StandardCharsets.UTF_8).length < AuthorHasher.MIN_SALT_BYTES) {
            throw new ConfigException(AUTHOR_HASH_SALT, "[hidden]", "must be at least " + AuthorHasher.MIN_SALT_BYTES + " bytes");
        }
        if (reconnectBackoffMax().compareTo(reconnectBackoffMin()) < 0) {
            throw new ConfigException(RECONNECT_BACKOFF_MAX_MS, getLong(RECONNECT_BACKOFF_MAX_MS),
                    "must not be below " + RECONNECT_BACKOFF_MIN_MS);
        }
    }

    /** Loads the catalog and builds the signal factory (linker, hasher, recent-post window). */
    public SocialSignals signals(Clock clock) {
        World world = WorldLoader.resolve(getString(CATALOG_WORLD), null);
        EntityLinker linker = EntityLinker.create(CatalogRecords.serviceInfos(world, clock.instant()),
                ProviderLexicon.forWorld(world.providers()));
        return new SocialSignals(linker, new AuthorHasher(getPassword(AUTHOR_HASH_SALT).value()),
                getInt(TEXT_MAX_CHARS), getInt(RECENT_POSTS), clock);
    }

    public Duration reconnectBackoffMin() {
        return Duration.ofMillis(getLong(RECONNECT_BACKOFF_MIN_MS));
    }

    public Duration reconnectBackoffMax() {
        return Duration.ofMillis(getLong(RECONNECT_BACKOFF_MAX_MS));
    }

    public Duration idleTimeout() {
        return Duration.ofMillis(getLong(IDLE_TIMEOUT_MS));
    }
}
