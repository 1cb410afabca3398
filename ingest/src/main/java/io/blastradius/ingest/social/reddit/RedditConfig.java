package io.blastradius.ingest.social.reddit;

import io.blastradius.ingest.http.HttpPollerConfig;
import io.blastradius.ingest.http.HttpPollerSettings;
import io.blastradius.ingest.social.SocialSourceConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** Config of the Reddit source connector: subreddits whose {@code new} listing is polled. */
public final class RedditConfig extends SocialSourceConfig {
    public static final String URL = "reddit.url";
    private static final String URL_DOC = "Base URL of the listing API: https://www.reddit.com (unauthenticated JSON).";

    public static final String SUBREDDITS = "reddit.subreddits";
    private static final String SUBREDDITS_DOC = "Subreddits to follow, without r/ (e.g. aws,sysadmin,CoinBase).";

    public static final String POLL_INTERVAL_MS = "reddit.poll.interval.ms";
    private static final String POLL_INTERVAL_MS_DOC = "Time between two polls of one subreddit; the subreddits are "
            + "polled one after another, so a cycle of N subreddits makes N requests per interval (Reddit allows "
            + "about 10 unauthenticated requests a minute).";

    public static final String MAX_PAGES = "reddit.catchup.max.pages";
    private static final String MAX_PAGES_DOC = "Most pages of 100 posts read back to catch up after a restart or a "
            + "busy spell; older posts are skipped and a gap is logged.";

    public static final ConfigDef CONFIG = HttpPollerConfig.addTo(socialConfigDef())
            .define(URL, Type.STRING, "https://www.reddit.com", new ConfigDef.NonEmptyString(), Importance.MEDIUM, URL_DOC)
            .define(SUBREDDITS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH, SUBREDDITS_DOC)
            .define(POLL_INTERVAL_MS, Type.LONG, 60_000L, Range.atLeast(100), Importance.MEDIUM, POLL_INTERVAL_MS_DOC)
            .define(MAX_PAGES, Type.INT, 5, Range.between(1, 100), Importance.LOW, MAX_PAGES_DOC);

    public RedditConfig(Map<?, ?> props) {
        super(CONFIG, props);
        if (subreddits().isEmpty()) {
            throw new ConfigException(SUBREDDITS, getList(SUBREDDITS), "name at least one subreddit");
        }
        URI base = URI.create(baseUrl());
        if (base.getHost() == null) {
            throw new ConfigException(URL, getString(URL), "must be an http(s) URL with a host");
        }
    }

    public String baseUrl() {
        return getString(URL).strip().replaceAll("/+$", "");
    }

    public List<String> subreddits() {
        return getList(SUBREDDITS).stream().map(s -> s.strip().replaceFirst("^/?r/", "")).filter(s -> !s.isEmpty()).toList();
    }

    public Duration pollInterval() {
        return Duration.ofMillis(getLong(POLL_INTERVAL_MS));
    }

    public int maxPages() {
        return getInt(MAX_PAGES);
    }

    public HttpPollerSettings http() {
        return HttpPollerConfig.settings(this);
    }
}
