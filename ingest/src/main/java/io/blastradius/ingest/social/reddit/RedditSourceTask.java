package io.blastradius.ingest.social.reddit;

import io.blastradius.ingest.connect.QueueingSourceTask;
import io.blastradius.ingest.http.ExpectedBody;
import io.blastradius.ingest.http.FetchResult;
import io.blastradius.ingest.http.HttpPoller;
import io.blastradius.ingest.http.PollTarget;
import io.blastradius.ingest.social.SocialPost;
import io.blastradius.ingest.social.SocialSignals;
import io.blastradius.ingest.social.reddit.RedditListing.RedditFormatException;
import io.blastradius.schemas.SocialSignal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls each subreddit's {@code new} listing in turn on one thread (one request at a time, so the
 * whole task stays within Reddit's rate limit). The stored offset per subreddit is the newest post id
 * read (base36, time-ordered): a poll publishes only newer posts, paging back with {@code after}
 * until it meets the offset, so a restart neither repeats nor (within the page cap) loses posts.
 * A post published earlier that comes back removed or deleted is withdrawn with a DELETE signal.
 */
public final class RedditSourceTask extends QueueingSourceTask<RedditConfig> {
    private static final Logger log = LoggerFactory.getLogger(RedditSourceTask.class);
    static final String LAST_ID = "last_id";
    private static final int PAGE = 100;

    private final Clock clock;
    private SocialSignals signals;
    private HttpPoller poller;

    public RedditSourceTask() {
        this(Clock.systemUTC());
    }

    RedditSourceTask(Clock clock) {
        this.clock = clock;
    }

    @Override
    protected RedditConfig parseConfig(Map<String, String> props) {
        return new RedditConfig(props);
    }

    @Override
    protected void startReading(RedditConfig config) {
        signals = config.signals(clock);
        poller = new HttpPoller(config.http());
        startReader("reddit", () -> read(config));
    }

    @Override
    protected void stopReading() {
        if (poller != null) {
            poller.close();
        }
    }

    private void read(RedditConfig config) throws InterruptedException {
        Map<String, String> lastIds = new HashMap<>();
        Map<String, PollTarget> firstPages = new HashMap<>();
        for (String sub : config.subreddits()) {
            Object stored = storedOffset(partition(sub)).get(LAST_ID);
            if (stored != null && !stored.toString().isEmpty()) {
                lastIds.put(sub, stored.toString());
            }
        }
        while (running()) {
            Duration wait = config.pollInterval();
            for (String sub : config.subreddits()) {
                Duration next = poll(config, sub, lastIds, firstPages);
                if (next.compareTo(wait) > 0) {
                    wait = next;
                }
                if (!running()) {
                    return;
                }
            }
            if (!pause(wait)) {
                return;
            }
        }
    }

    private static Map<String, String> partition(String sub) {
        return Map.of("platform", RedditListing.PLATFORM, "subreddit", sub.toLowerCase(java.util.Locale.ROOT));
    }

    /** Polls one subreddit; returns how long the task must wait before its next request (rate limit, backoff). */
    private Duration poll(RedditConfig config, String sub, Map<String, String> lastIds, Map<String, PollTarget> firstPages)
            throws InterruptedException {
        Map<String, String> partition = partition(sub);
        String last = lastIds.get(sub);
        long lastOrder = last == null ? -1 : Long.parseLong(last, 36);
        List<RedditListing.Entry> fresh = new ArrayList<>();
        List<RedditListing.Entry> gone = new ArrayList<>();
        String after = null;
        Duration wait = Duration.ZERO;
        for (int page = 0; page < config.maxPages(); page++) {
            URI uri = URI.create(config.baseUrl() + "/r/" + URLEncoder.encode(sub, StandardCharsets.UTF_8) + "/new.json?limit="
                    + PAGE + "&raw_json=1" + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8)));
            // the first page keeps its target, so consecutive failures back off further each time
            PollTarget target = after == null
                    ? firstPages.computeIfAbsent(sub, k -> new PollTarget("reddit:" + sub, uri, config.pollInterval(), ExpectedBody.JSON))
                    : new PollTarget("reddit:" + sub, uri, config.pollInterval(), ExpectedBody.JSON);
            FetchResult result = poller.fetch(target);
            if (result instanceof FetchResult.Failed failed) {
                upstreamError("GET " + uri + ": " + failed.kind() + " " + failed.detail() + " (failure "
                        + target.consecutiveFailures() + ")", null);
                return failed.retryIn();
            }
            if (!(result instanceof FetchResult.Fetched fetched)) {
                break;
            }
            wait = rateLimitWait(fetched);
            RedditListing listing;
            try {
                listing = RedditListing.parse(fetched.text(), "https://www.reddit.com");
            } catch (RedditFormatException e) {
                deadLetter(partition, Map.of(LAST_ID, last == null ? "" : last), uri.toString(), fetched.body(), e);
                return wait;
            }
            boolean reachedKnown = false;
            for (RedditListing.Entry entry : listing.entries()) {
                if (entry.order() > lastOrder) {
                    if (!entry.gone()) {
                        fresh.add(entry);
                    }
                } else {
                    reachedKnown = true;
                    if (entry.gone()) {
                        gone.add(entry);
                    }
                }
            }
            after = listing.after();
            if (last == null || reachedKnown || after == null || listing.entries().isEmpty()) {
                break;
            }
            if (page == config.maxPages() - 1) {
                log.warn("{}: r/{} has more than {} new posts since the last poll; older ones were skipped", stage(), sub,
                        config.maxPages() * PAGE);
            }
            if (wait.compareTo(Duration.ZERO) > 0 && !pause(wait)) {
                return wait;
            }
        }
        fresh.sort(Comparator.comparingLong(RedditListing.Entry::order));
        for (RedditListing.Entry entry : fresh) {
            last = entry.id();
            lastIds.put(sub, last);
            publish(partition, last, Optional.of(entry.post()));
        }
        for (RedditListing.Entry entry : gone) {
            publish(partition, last, Optional.of(SocialPost.deletion(RedditListing.PLATFORM, entry.fullname(), clock.instant(), null)));
        }
        return wait;
    }

    private void publish(Map<String, String> partition, String last, Optional<SocialPost> post) throws InterruptedException {
        Optional<SocialSignal> signal = post.flatMap(signals::toSignal);
        if (signal.isPresent()) {
            SocialSignal s = signal.get();
            emit(record(partition, Map.of(LAST_ID, last == null ? "" : last), s.getPostId(), s, s.getCreatedAt()));
        }
    }

    /** When the window is used up, wait for it to reset ({@code X-Ratelimit-Remaining}/{@code -Reset}, seconds). */
    private static Duration rateLimitWait(FetchResult.Fetched fetched) {
        try {
            double remaining = Double.parseDouble(fetched.headers().firstValue("X-Ratelimit-Remaining").orElse("1"));
            double reset = Double.parseDouble(fetched.headers().firstValue("X-Ratelimit-Reset").orElse("0"));
            return remaining < 1 ? Duration.ofMillis((long) (Math.min(reset, 3_600) * 1000)) : Duration.ZERO;
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
    }
}
