package io.blastradius.ingest.status.connect;

import io.blastradius.ingest.connect.QueueingSourceTask;
import io.blastradius.ingest.http.FailureKind;
import io.blastradius.ingest.http.FetchResult;
import io.blastradius.ingest.http.HttpPoller;
import io.blastradius.ingest.http.PollListener;
import io.blastradius.ingest.http.PollTarget;
import io.blastradius.ingest.status.Emission;
import io.blastradius.ingest.status.FeedMetrics;
import io.blastradius.ingest.status.FeedSource;
import io.blastradius.ingest.status.StatusFeedPoller;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;

/**
 * The task of every status-feed connector: one reader thread drives a {@link StatusFeedPoller} over
 * the task's feeds, hands its records to the runtime's bounded queue (status events to the topic,
 * unreadable payloads to the dead-letter topic), each with its feed's source offset, and sleeps until
 * the next feed is due. Offsets committed by Connect are read back on start, so a restarted task
 * emits neither duplicates nor gaps.
 *
 * <p>Per-feed counters are published through the worker's plugin metrics as
 * {@code status-<counter>} with a {@code feed} tag, next to the runtime's task metrics.
 *
 * @param <C> the connector's config
 */
public abstract class StatusFeedTask<C extends StatusFeedConfig> extends QueueingSourceTask<C> {
    /** Longest sleep between checks, so a stop or a clock jump is noticed soon. */
    private static final Duration MAX_PAUSE = Duration.ofSeconds(5);

    private final Clock clock;
    private final FeedMetrics feedMetrics = new FeedMetrics();
    private final List<MetricName> registered = new ArrayList<>();
    private HttpPoller http;
    private StatusFeedPoller poller;

    protected StatusFeedTask() {
        this(Clock.systemUTC());
    }

    /** With another clock (tests). */
    protected StatusFeedTask(Clock clock) {
        this.clock = clock;
    }

    /** Per-feed counters of this task. */
    public FeedMetrics feedMetrics() {
        return feedMetrics;
    }

    @Override
    protected void startReading(C config) {
        List<FeedSource> sources = config.sources();
        http = new HttpPoller(config.httpSettings(), clock, RandomGenerator.getDefault(), new CountingListener());
        poller = new StatusFeedPoller(sources, http, clock, config.lookback(), config.seenMaxEntries(), feedMetrics);
        Map<Map<String, String>, Map<String, Object>> offsets = new HashMap<>();
        for (FeedSource s : sources) {
            Map<String, Object> stored = storedOffset(s.partition());
            if (!stored.isEmpty()) {
                offsets.put(s.partition(), stored);
            }
        }
        poller.restore(offsets);
        registerMetrics(sources);
        startReader("feeds", this::readLoop);
    }

    private void readLoop() throws InterruptedException {
        while (running()) {
            for (Emission emission : poller.pollDue()) {
                boolean queued;
                if (emission instanceof Emission.Event e) {
                    queued = emit(record(e.source().partition(), e.offset(), e.event().getSubject(), e.event(),
                            e.event().getEventTime()));
                } else {
                    Emission.Rejected r = (Emission.Rejected) emission;
                    queued = deadLetter(r.source().partition(), r.offset(), r.url(), r.payload(), r.cause());
                }
                if (!queued) {
                    return;
                }
            }
            Duration wait = Duration.between(clock.instant(), poller.nextDue());
            if (wait.compareTo(MAX_PAUSE) > 0) {
                wait = MAX_PAUSE;
            }
            if (wait.toMillis() < 10) {
                wait = Duration.ofMillis(10);
            }
            if (!pause(wait)) {
                return;
            }
        }
    }

    @Override
    protected void stopReading() {
        if (http != null) {
            http.close();
        }
        PluginMetrics metrics = pluginMetrics();
        if (metrics != null) {
            registered.forEach(metrics::removeMetric);
        }
        registered.clear();
    }

    private PluginMetrics pluginMetrics() {
        if (context == null) {
            return null;
        }
        try {
            return context.pluginMetrics();
        } catch (AbstractMethodError | NoSuchMethodError e) {
            return null; // a worker older than Kafka 4.1: the per-feed counters stay in-process
        }
    }

    private void registerMetrics(List<FeedSource> sources) {
        PluginMetrics metrics = pluginMetrics();
        if (metrics == null) {
            return;
        }
        List<String> counters = new ArrayList<>(List.of(FeedMetrics.POLLS, FeedMetrics.FETCHED,
                FeedMetrics.NOT_MODIFIED, FeedMetrics.BYTES, FeedMetrics.EVENTS, FeedMetrics.DUPLICATES,
                FeedMetrics.HISTORY, FeedMetrics.UNPARSEABLE, FeedMetrics.REJECTED_ITEMS, FeedMetrics.DEAD_LETTERS,
                FeedMetrics.RESOLVED_BY_ABSENCE));
        for (FailureKind kind : FailureKind.values()) {
            counters.add(FeedMetrics.failures(kind));
        }
        for (FeedSource source : sources) {
            LinkedHashMap<String, String> tags = new LinkedHashMap<>();
            tags.put("feed", source.name());
            for (String counter : counters) {
                MetricName name = metrics.metricName("status-" + counter, "Status feed counter " + counter
                        + " of one feed since the task started.", tags);
                metrics.addMetric(name, (Gauge<Long>) (cfg, now) -> feedMetrics.get(source.name(), counter));
                registered.add(name);
            }
        }
    }

    /** Counts poll outcomes per feed and reports failures to the runtime's error metric. */
    private final class CountingListener implements PollListener {
        @Override
        public void onFetched(PollTarget target, int status, long bytes, Duration took) {
            feedMetrics.onFetched(target, status, bytes, took);
        }

        @Override
        public void onNotModified(PollTarget target, Duration took) {
            feedMetrics.onNotModified(target, took);
        }

        @Override
        public void onFailure(PollTarget target, FetchResult.Failed failure, Duration took) {
            feedMetrics.onFailure(target, failure, took);
            upstreamError("GET " + target.uri(), new IOException(failure.kind() + ": " + failure.detail()
                    + "; next attempt at " + Instant.now(clock).plus(failure.retryIn())));
        }
    }
}
