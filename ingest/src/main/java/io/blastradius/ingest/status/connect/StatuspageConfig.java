package io.blastradius.ingest.status.connect;

import io.blastradius.ingest.status.FeedSource;
import io.blastradius.ingest.status.FeedSources;
import io.blastradius.ingest.status.Subject;
import io.blastradius.ingest.status.statuspage.ComponentMapping;
import io.blastradius.ingest.status.statuspage.StatuspagePage;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Config of {@link StatuspageSourceConnector}: any number of Atlassian Statuspage pages, each named by
 * a short key in {@value #PAGES} and described by {@code statuspage.page.<key>.*}:
 *
 * <pre>
 * statuspage.pages=github,cloudflare
 * statuspage.page.github.url=https://www.githubstatus.com
 * statuspage.page.github.subject=github
 * statuspage.page.cloudflare.url=https://www.cloudflarestatus.com
 * statuspage.page.cloudflare.subject=cloudflare/global
 * statuspage.page.cloudflare.components=CDN/Cache=cloudflare/global/cdn;Workers KV=cloudflare/global/workers-kv
 * statuspage.page.cloudflare.interval.ms=30000
 * </pre>
 */
public final class StatuspageConfig extends StatusFeedConfig {

    public static final String PAGES = "statuspage.pages";
    private static final String PAGES_DOC = "Keys of the pages to follow, comma-separated ([a-z0-9-]). Each needs "
            + "statuspage.page.<key>.url and statuspage.page.<key>.subject.";
    public static final String PAGE_PREFIX = "statuspage.page.";
    /** Per-page key: the page's public address (the API is under /api/v2). */
    public static final String URL_SUFFIX = ".url";
    /** Per-page key: what the page describes, a service id (github) or a provider scope (cloudflare/global). */
    public static final String SUBJECT_SUFFIX = ".subject";
    /** Per-page key, optional: component subjects, pattern=subject;pattern=subject (see ComponentMapping). */
    public static final String COMPONENTS_SUFFIX = ".components";
    /** Per-page key, optional: this page's polling interval, overriding poll.interval.ms. */
    public static final String INTERVAL_SUFFIX = ".interval.ms";

    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]*");

    public static final ConfigDef CONFIG = baseStatusConfigDef()
            .define(PAGES, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH, PAGES_DOC);

    private final List<StatuspagePage> pages;
    private final Map<String, Duration> intervals;

    public StatuspageConfig(Map<?, ?> props) {
        super(CONFIG, props);
        List<StatuspagePage> parsed = new ArrayList<>();
        Map<String, Duration> parsedIntervals = new LinkedHashMap<>();
        Map<String, Object> perPage = originalsWithPrefix(PAGE_PREFIX);
        for (String key : getList(PAGES)) {
            if (!KEY.matcher(key).matches()) {
                throw new ConfigException(PAGES, key, "page keys are [a-z0-9][a-z0-9-]*");
            }
            if (parsedIntervals.containsKey(key)) {
                throw new ConfigException(PAGES, key, "listed twice");
            }
            String url = string(perPage, key + URL_SUFFIX, true);
            String subject = string(perPage, key + SUBJECT_SUFFIX, true);
            String components = string(perPage, key + COMPONENTS_SUFFIX, false);
            String interval = string(perPage, key + INTERVAL_SUFFIX, false);
            new HttpUrl(false).ensureValid(PAGE_PREFIX + key + URL_SUFFIX, url);
            try {
                parsed.add(new StatuspagePage(key, URI.create(url.trim()), Subject.parse(subject),
                        ComponentMapping.parse(components)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(PAGE_PREFIX + key, subject + (components == null ? "" : " / " + components),
                        e.getMessage());
            }
            Duration every = pollInterval();
            if (interval != null) {
                try {
                    every = Duration.ofMillis(Long.parseLong(interval.trim()));
                } catch (NumberFormatException e) {
                    throw new ConfigException(PAGE_PREFIX + key + INTERVAL_SUFFIX, interval, "not a number of ms");
                }
                if (every.toMillis() < 100) {
                    throw new ConfigException(PAGE_PREFIX + key + INTERVAL_SUFFIX, interval, "at least 100 ms");
                }
            }
            parsedIntervals.put(key, every);
        }
        if (parsed.isEmpty()) {
            throw new ConfigException(PAGES, "", "at least one page is needed");
        }
        this.pages = List.copyOf(parsed);
        this.intervals = Map.copyOf(parsedIntervals);
    }

    private static String string(Map<String, Object> perPage, String key, boolean required) {
        Object v = perPage.get(key);
        String s = v == null ? null : v.toString();
        if ((s == null || s.isBlank()) && required) {
            throw new ConfigException(PAGE_PREFIX + key, null, "required for every page in " + PAGES);
        }
        return s == null || s.isBlank() ? null : s;
    }

    public List<StatuspagePage> pages() {
        return pages;
    }

    public Duration interval(String pageKey) {
        return intervals.get(pageKey);
    }

    @Override
    public List<FeedSource> sources() {
        List<FeedSource> sources = new ArrayList<>();
        for (StatuspagePage page : pages) {
            sources.add(FeedSources.statuspage(page, intervals.get(page.key())));
        }
        return sources;
    }
}
