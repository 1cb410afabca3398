package io.blastradius.ingest.status;

import io.blastradius.ingest.http.FailureKind;
import io.blastradius.ingest.http.FetchResult;
import io.blastradius.ingest.http.PollListener;
import io.blastradius.ingest.http.PollTarget;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Counters per feed source: polls and their outcomes (fetched, not modified, each failure kind),
 * events emitted, duplicates and history skipped, unparseable payloads, rejected items, dead letters
 * and resolutions inferred from absence. Thread-safe; read by the connector's metrics and by tests.
 */
public final class FeedMetrics implements PollListener {
    public static final String POLLS = "polls";
    public static final String FETCHED = "fetched";
    public static final String NOT_MODIFIED = "not-modified";
    public static final String EVENTS = "events";
    public static final String DUPLICATES = "duplicates-skipped";
    public static final String HISTORY = "history-skipped";
    public static final String UNPARSEABLE = "unparseable-payloads";
    public static final String REJECTED_ITEMS = "rejected-items";
    public static final String DEAD_LETTERS = "dead-letters";
    public static final String RESOLVED_BY_ABSENCE = "resolved-by-absence";
    public static final String BYTES = "bytes";

    private final Map<String, String> sourceOfTarget = new ConcurrentHashMap<>();
    private final Map<String, Map<String, AtomicLong>> counters = new ConcurrentHashMap<>();

    /** The metric name of a failure kind: {@code failures-rate-limited}, {@code failures-timeout}, ... */
    public static String failures(FailureKind kind) {
        return "failures-" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    void register(FeedSource source) {
        for (FeedSource.Endpoint e : source.endpoints()) {
            sourceOfTarget.put(e.target().name(), source.name());
        }
        counters.computeIfAbsent(source.name(), k -> new ConcurrentHashMap<>());
    }

    void add(String source, String metric, long n) {
        counters.computeIfAbsent(source, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(metric, k -> new AtomicLong()).addAndGet(n);
    }

    /** A counter's value (0 if never touched). */
    public long get(String source, String metric) {
        Map<String, AtomicLong> m = counters.get(source);
        AtomicLong v = m == null ? null : m.get(metric);
        return v == null ? 0 : v.get();
    }

    /** A counter summed over all sources. */
    public long total(String metric) {
        long sum = 0;
        for (Map<String, AtomicLong> m : counters.values()) {
            AtomicLong v = m.get(metric);
            sum += v == null ? 0 : v.get();
        }
        return sum;
    }

    /** Every counter of every source, sorted, for logs and metric reporters. */
    public void forEach(BiConsumer<String, Map<String, Long>> consumer) {
        new TreeMap<>(counters).forEach((source, m) -> {
            Map<String, Long> values = new TreeMap<>();
            m.forEach((k, v) -> values.put(k, v.get()));
            consumer.accept(source, values);
        });
    }

    private String sourceOf(PollTarget target) {
        return sourceOfTarget.getOrDefault(target.name(), target.name());
    }

    @Override
    public void onFetched(PollTarget target, int status, long bytes, Duration took) {
        String s = sourceOf(target);
        add(s, POLLS, 1);
        add(s, FETCHED, 1);
        add(s, BYTES, bytes);
    }

    @Override
    public void onNotModified(PollTarget target, Duration took) {
        String s = sourceOf(target);
        add(s, POLLS, 1);
        add(s, NOT_MODIFIED, 1);
    }

    @Override
    public void onFailure(PollTarget target, FetchResult.Failed failure, Duration took) {
        String s = sourceOf(target);
        add(s, POLLS, 1);
        add(s, failures(failure.kind()), 1);
    }
}
