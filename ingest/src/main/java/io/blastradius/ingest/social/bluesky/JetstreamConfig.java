package io.blastradius.ingest.social.bluesky;

import io.blastradius.ingest.http.HttpPollerSettings;
import io.blastradius.ingest.social.SocialSourceConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** Config of the Bluesky Jetstream source connector. */
public final class JetstreamConfig extends SocialSourceConfig {
    public static final String URL = "jetstream.url";
    private static final String URL_DOC = "Jetstream subscribe endpoint (ws:// or wss://), e.g. "
            + "wss://jetstream2.us-east.bsky.network/subscribe; cursors are portable between the public hosts.";

    public static final String COMPRESS = "jetstream.compress";
    private static final String COMPRESS_DOC = "Ask for zstd-compressed frames (compress=true): about a third of the "
            + "bandwidth. Needs jetstream.zstd.dictionary.path.";

    public static final String DICTIONARY_PATH = "jetstream.zstd.dictionary.path";
    private static final String DICTIONARY_PATH_DOC = "File holding Jetstream's published zstd dictionary "
            + "(zstd_dictionary in the jetstream repository); required with jetstream.compress=true.";

    public static final String REWIND_MS = "jetstream.cursor.rewind.ms";
    private static final String REWIND_MS_DOC = "On reconnect, replay from this long before the last event read, "
            + "then skip what was already read: nothing is lost in the switch, nothing is published twice.";

    public static final String MAX_MESSAGE_BYTES = "jetstream.max.message.bytes";
    private static final String MAX_MESSAGE_BYTES_DOC = "Largest frame read; a bigger one goes to the dead-letter topic.";

    public static final String USER_AGENT = "jetstream.user.agent";
    private static final String USER_AGENT_DOC = "User-Agent of the WebSocket handshake.";

    public static final String CONNECT_TIMEOUT_MS = "jetstream.connect.timeout.ms";
    private static final String CONNECT_TIMEOUT_MS_DOC = "Longest wait for the WebSocket handshake.";

    public static final ConfigDef CONFIG = socialConfigDef()
            .define(URL, Type.STRING, "wss://jetstream2.us-east.bsky.network/subscribe", new ConfigDef.NonEmptyString(),
                    Importance.HIGH, URL_DOC)
            .define(COMPRESS, Type.BOOLEAN, false, Importance.MEDIUM, COMPRESS_DOC)
            .define(DICTIONARY_PATH, Type.STRING, "", Importance.MEDIUM, DICTIONARY_PATH_DOC)
            .define(REWIND_MS, Type.LONG, 5_000L, Range.between(0, 3_600_000), Importance.LOW, REWIND_MS_DOC)
            .define(MAX_MESSAGE_BYTES, Type.INT, 1 << 20, Range.between(1_024, 64 << 20), Importance.LOW, MAX_MESSAGE_BYTES_DOC)
            .define(USER_AGENT, Type.STRING, HttpPollerSettings.DEFAULT_USER_AGENT, new ConfigDef.NonEmptyString(),
                    Importance.LOW, USER_AGENT_DOC)
            .define(CONNECT_TIMEOUT_MS, Type.LONG, 10_000L, Range.atLeast(1), Importance.LOW, CONNECT_TIMEOUT_MS_DOC);

    public JetstreamConfig(Map<?, ?> props) {
        super(CONFIG, props);
        URI uri = endpoint();
        if (uri.getHost() == null || !(uri.getScheme().equals("ws") || uri.getScheme().equals("wss"))) {
            throw new ConfigException(URL, getString(URL), "must be a ws:// or wss:// URL with a host");
        }
        if (compress()) {
            dictionary();
        }
    }

    public URI endpoint() {
        try {
            return URI.create(getString(URL).strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(URL, getString(URL), "not a URL: " + e.getMessage());
        }
    }

    public boolean compress() {
        return getBoolean(COMPRESS);
    }

    /** The zstd dictionary's bytes; a config error when compression is on and the file is unusable. */
    public byte[] dictionary() {
        String path = getString(DICTIONARY_PATH);
        if (path == null || path.isBlank()) {
            throw new ConfigException(DICTIONARY_PATH, path, "required when " + COMPRESS + "=true");
        }
        try {
            byte[] bytes = Files.readAllBytes(Path.of(path));
            if (bytes.length < 8) {
                throw new ConfigException(DICTIONARY_PATH, path, "is not a zstd dictionary (" + bytes.length + " bytes)");
            }
            return bytes;
        } catch (IOException e) {
            throw new ConfigException(DICTIONARY_PATH, path, "cannot be read: " + e);
        }
    }

    /** The subscribe URL: posts only, from {@code cursorUs} (live tail when null), compressed if configured. */
    public URI subscribeUri(Long cursorUs) {
        String base = endpoint().toString();
        StringBuilder b = new StringBuilder(base).append(base.contains("?") ? '&' : '?')
                .append("wantedCollections=").append(JetstreamEvent.POST_COLLECTION);
        if (cursorUs != null) {
            b.append("&cursor=").append(cursorUs);
        }
        if (compress()) {
            b.append("&compress=true");
        }
        return URI.create(b.toString());
    }

    public Duration rewind() {
        return Duration.ofMillis(getLong(REWIND_MS));
    }

    public int maxMessageBytes() {
        return getInt(MAX_MESSAGE_BYTES);
    }

    public String userAgent() {
        return getString(USER_AGENT);
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(getLong(CONNECT_TIMEOUT_MS));
    }
}
