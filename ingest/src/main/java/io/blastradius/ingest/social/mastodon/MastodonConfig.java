package io.blastradius.ingest.social.mastodon;

import io.blastradius.ingest.http.HttpPollerConfig;
import io.blastradius.ingest.http.HttpPollerSettings;
import io.blastradius.ingest.social.SocialSourceConfig;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** Config of the Mastodon source connector: one server, its public stream and/or hashtag streams. */
public final class MastodonConfig extends SocialSourceConfig {
    public static final String URL = "mastodon.url";
    private static final String URL_DOC = "Base URL of the Mastodon server, e.g. https://mastodon.social.";

    public static final String STREAMING_URL = "mastodon.streaming.url";
    private static final String STREAMING_URL_DOC = "Base URL of its streaming API when it lives on another host "
            + "(the instance's configuration.urls.streaming); empty for the same as mastodon.url.";

    public static final String ACCESS_TOKEN = "mastodon.access.token";
    private static final String ACCESS_TOKEN_DOC = "User access token with read:statuses. Mastodon 4.2+ requires one "
            + "for the public and hashtag streams; without it the connector polls the REST timelines instead.";

    public static final String HASHTAGS = "mastodon.hashtags";
    private static final String HASHTAGS_DOC = "Hashtags to follow, without '#' (e.g. outage,aws,cloudflare): one stream each.";

    public static final String PUBLIC = "mastodon.public";
    private static final String PUBLIC_DOC = "Also follow the federated public timeline (every public post the server sees).";

    public static final String POLL_INTERVAL_MS = "mastodon.poll.interval.ms";
    private static final String POLL_INTERVAL_MS_DOC = "How often the REST timelines are polled when streaming is not "
            + "possible (no token, or the server refused it).";

    public static final String MAX_PAGES = "mastodon.catchup.max.pages";
    private static final String MAX_PAGES_DOC = "Most timeline pages (40 statuses each) read to catch up after a "
            + "restart or a dropped stream; older posts beyond that are skipped and a gap is logged.";

    public static final String MAX_EVENT_BYTES = "mastodon.max.event.bytes";
    private static final String MAX_EVENT_BYTES_DOC = "Largest streaming event read; a bigger one goes to the dead-letter topic.";

    public static final ConfigDef CONFIG = HttpPollerConfig.addTo(socialConfigDef())
            .define(URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH, URL_DOC)
            .define(STREAMING_URL, Type.STRING, "", Importance.LOW, STREAMING_URL_DOC)
            .define(ACCESS_TOKEN, Type.PASSWORD, null, Importance.HIGH, ACCESS_TOKEN_DOC)
            .define(HASHTAGS, Type.LIST, List.of(), Importance.HIGH, HASHTAGS_DOC)
            .define(PUBLIC, Type.BOOLEAN, false, Importance.MEDIUM, PUBLIC_DOC)
            .define(POLL_INTERVAL_MS, Type.LONG, 30_000L, Range.atLeast(100), Importance.MEDIUM, POLL_INTERVAL_MS_DOC)
            .define(MAX_PAGES, Type.INT, 10, Range.between(1, 1_000), Importance.LOW, MAX_PAGES_DOC)
            .define(MAX_EVENT_BYTES, Type.INT, 1 << 20, Range.between(1_024, 64 << 20), Importance.LOW, MAX_EVENT_BYTES_DOC);

    /** One stream and the timeline that backs it. */
    public record Feed(String name, URI stream, URI timeline) {
    }

    public MastodonConfig(Map<?, ?> props) {
        super(CONFIG, props);
        if (feeds().isEmpty()) {
            throw new ConfigException(HASHTAGS, getList(HASHTAGS), "name at least one hashtag or set " + PUBLIC + "=true");
        }
        base(getString(URL), URL);
    }

    public String host() {
        return base(getString(URL), URL).getHost();
    }

    /** The streams to follow, with their REST timelines. */
    public List<Feed> feeds() {
        URI rest = base(getString(URL), URL);
        String s = getString(STREAMING_URL);
        URI streaming = s == null || s.isBlank() ? rest : base(s, STREAMING_URL);
        List<Feed> feeds = new ArrayList<>();
        if (getBoolean(PUBLIC)) {
            feeds.add(new Feed("public", streaming.resolve("/api/v1/streaming/public"), rest.resolve("/api/v1/timelines/public")));
        }
        for (String raw : getList(HASHTAGS)) {
            String tag = raw.strip().replaceFirst("^#", "").toLowerCase(Locale.ROOT);
            if (tag.isEmpty()) {
                continue;
            }
            String q = URLEncoder.encode(tag, StandardCharsets.UTF_8);
            feeds.add(new Feed("hashtag:" + tag, streaming.resolve("/api/v1/streaming/hashtag?tag=" + q),
                    rest.resolve("/api/v1/timelines/tag/" + q)));
        }
        return feeds;
    }

    /** The access token, or null when none is set. */
    public String accessToken() {
        Password p = getPassword(ACCESS_TOKEN);
        return p == null || p.value().isBlank() ? null : p.value();
    }

    public Duration pollInterval() {
        return Duration.ofMillis(getLong(POLL_INTERVAL_MS));
    }

    public int maxPages() {
        return getInt(MAX_PAGES);
    }

    public int maxEventBytes() {
        return getInt(MAX_EVENT_BYTES);
    }

    public HttpPollerSettings http() {
        return HttpPollerConfig.settings(this);
    }

    private static URI base(String url, String key) {
        try {
            URI uri = URI.create(url.strip().replaceAll("/+$", ""));
            if (uri.getHost() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
                throw new ConfigException(key, url, "must be an http(s) URL with a host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, url, "not a URL: " + e.getMessage());
        }
    }
}
