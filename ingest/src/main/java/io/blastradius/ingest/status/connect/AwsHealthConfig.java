package io.blastradius.ingest.status.connect;

import io.blastradius.ingest.status.FeedSource;
import io.blastradius.ingest.status.FeedSources;
import io.blastradius.ingest.status.aws.AwsScopes;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Config of {@link AwsHealthSourceConnector}: the AWS Health current-events endpoint and any number of
 * the per-service-region RSS feeds ({@code ec2-us-east-1}, {@code dynamodb-us-east-1},
 * {@code cloudfront}, or {@code all}).
 */
public final class AwsHealthConfig extends StatusFeedConfig {

    public static final String CURRENT_EVENTS_URL = "aws.currentevents.url";
    private static final String CURRENT_EVENTS_URL_DOC = "The public current-events JSON (UTF-16) of the AWS Health "
            + "Dashboard. Empty to poll only RSS feeds.";
    public static final String CURRENT_EVENTS_INTERVAL_MS = "aws.currentevents.interval.ms";
    private static final String CURRENT_EVENTS_INTERVAL_MS_DOC = "Polling interval of the current events; -1 for "
            + "poll.interval.ms.";
    public static final String RSS_FEEDS = "aws.rss.feeds";
    private static final String RSS_FEEDS_DOC = "Service-region keys of the RSS feeds to follow (ec2-us-east-1, "
            + "dynamodb-us-east-1, route53 for a global service, or all for every service and region).";
    public static final String RSS_URL_TEMPLATE = "aws.rss.url.template";
    private static final String RSS_URL_TEMPLATE_DOC = "URL of an RSS feed, {feed} standing for its key.";
    public static final String RSS_INTERVAL_MS = "aws.rss.interval.ms";
    private static final String RSS_INTERVAL_MS_DOC = "Polling interval of each RSS feed (the feeds declare a "
            + "5-minute ttl); -1 for poll.interval.ms.";
    public static final String SERVICE_ALIASES = "aws.service.aliases";
    private static final String SERVICE_ALIASES_DOC = "Extra dashboard-key to catalog-service names, key=name "
            + "(elasticloadbalancing=elb is built in), for services whose catalog name differs.";

    public static final String DEFAULT_CURRENT_EVENTS_URL = "https://health.aws.amazon.com/public/currentevents";
    public static final String DEFAULT_RSS_URL_TEMPLATE = "https://status.aws.amazon.com/rss/{feed}.rss";
    private static final Pattern FEED_KEY = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    public static final ConfigDef CONFIG = baseStatusConfigDef()
            .define(CURRENT_EVENTS_URL, Type.STRING, DEFAULT_CURRENT_EVENTS_URL, new HttpUrl(true), Importance.HIGH,
                    CURRENT_EVENTS_URL_DOC)
            .define(CURRENT_EVENTS_INTERVAL_MS, Type.LONG, -1L, Importance.MEDIUM, CURRENT_EVENTS_INTERVAL_MS_DOC)
            .define(RSS_FEEDS, Type.LIST, List.of(), Importance.HIGH, RSS_FEEDS_DOC)
            .define(RSS_URL_TEMPLATE, Type.STRING, DEFAULT_RSS_URL_TEMPLATE, new HttpUrl(false), Importance.LOW,
                    RSS_URL_TEMPLATE_DOC)
            .define(RSS_INTERVAL_MS, Type.LONG, 300_000L, Importance.MEDIUM, RSS_INTERVAL_MS_DOC)
            .define(SERVICE_ALIASES, Type.LIST, List.of(), new PairList(), Importance.LOW, SERVICE_ALIASES_DOC);

    public AwsHealthConfig(Map<?, ?> props) {
        super(CONFIG, props);
        for (String feed : rssFeeds()) {
            if (!FEED_KEY.matcher(feed).matches()) {
                throw new ConfigException(RSS_FEEDS, feed, "feed keys look like ec2-us-east-1");
            }
        }
        if (currentEventsUrl() == null && rssFeeds().isEmpty()) {
            throw new ConfigException(RSS_FEEDS, "", "neither current events nor any RSS feed to poll");
        }
        interval(CURRENT_EVENTS_INTERVAL_MS);
        interval(RSS_INTERVAL_MS);
    }

    public String currentEventsUrl() {
        String url = getString(CURRENT_EVENTS_URL);
        return url == null || url.isBlank() ? null : url.trim();
    }

    public List<String> rssFeeds() {
        return getList(RSS_FEEDS);
    }

    private Duration interval(String key) {
        long ms = getLong(key);
        if (ms == -1) {
            return pollInterval();
        }
        if (ms < 100) {
            throw new ConfigException(key, ms, "-1 or at least 100 ms");
        }
        return Duration.ofMillis(ms);
    }

    public AwsScopes scopes() {
        return AwsScopes.withAliases(pairs(SERVICE_ALIASES, getList(SERVICE_ALIASES)));
    }

    @Override
    public List<FeedSource> sources() {
        AwsScopes scopes = scopes();
        List<FeedSource> sources = new ArrayList<>();
        if (currentEventsUrl() != null) {
            sources.add(FeedSources.awsCurrentEvents(URI.create(currentEventsUrl()), interval(CURRENT_EVENTS_INTERVAL_MS),
                    scopes));
        }
        for (String feed : rssFeeds()) {
            URI uri = URI.create(getString(RSS_URL_TEMPLATE).replace("{feed}", feed));
            sources.add(FeedSources.awsRss("all".equals(feed) ? null : feed, uri, interval(RSS_INTERVAL_MS), scopes));
        }
        return sources;
    }
}
