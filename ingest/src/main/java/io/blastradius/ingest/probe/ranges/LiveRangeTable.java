package io.blastradius.ingest.probe.ranges;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current {@link RangeTable}, kept fresh from the configured range files.
 *
 * <p>Readers call {@link #table()} (one volatile read) and look up in the immutable table they
 * got; a refresh fetches and parses on its own thread, builds a complete new table and swaps it
 * in with one atomic write, so lookups are never blocked, never see a half-built table and never
 * wait for the network. Each source keeps its last good content: a source that fails to fetch or
 * parse keeps contributing what it had, and is retried with backoff.
 */
public final class LiveRangeTable implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveRangeTable.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(30);

    private final List<SourceState> sources;
    private final RangeFetcher fetcher;
    private final Duration interval;
    private final Clock clock;
    private final AtomicReference<RangeTable> current = new AtomicReference<>(RangeTable.empty());
    private final CountDownLatch firstLoad = new CountDownLatch(1);
    private final Object refreshLock = new Object();
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> next;
    private volatile boolean closed;

    /**
     * @param interval how often each source is polled; raised to the format's
     *     {@link RangeFormat#minRefreshInterval() minimum} where the publisher asks for less
     */
    public LiveRangeTable(List<RangeSource> sources, RangeFetcher fetcher, Duration interval, Clock clock) {
        this.sources = sources.stream().map(SourceState::new).toList();
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The table to look up in now. Never null; empty until the first source has loaded. */
    public RangeTable table() {
        return current.get();
    }

    /** Starts refreshing in the background: the first load at once, then each source when it is due. */
    public synchronized void start() {
        if (scheduler != null || closed) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ip-ranges-refresh");
            t.setDaemon(true);
            return t;
        });
        next = scheduler.schedule(this::tick, 0, TimeUnit.MILLISECONDS);
    }

    /** Waits until the first refresh has finished (successful or not); true when it has. */
    public boolean awaitFirstLoad(Duration timeout) throws InterruptedException {
        return firstLoad.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Refreshes every source now, due or not, and swaps in a new table if any content changed.
     * Safe to call while lookups run; concurrent refreshes are serialized.
     *
     * @return the number of sources whose content changed
     */
    public int refreshAll() {
        return refresh(true);
    }

    /**
     * Refreshes the sources that are due (what the background schedule runs).
     *
     * @return the number of sources whose content changed
     */
    public int refreshDue() {
        return refresh(false);
    }

    /** Per-source state for monitoring: versions, entry counts, last errors. */
    public List<SourceStatus> status() {
        synchronized (refreshLock) {
            return sources.stream().map(SourceState::status).toList();
        }
    }

    private void tick() {
        try {
            refreshDue();
        } catch (RuntimeException e) {
            // a bug in one refresh must not end the schedule; the old table stays in place
            LOG.error("IP range refresh failed unexpectedly; keeping the current table", e);
        } finally {
            firstLoad.countDown();
            scheduleNext();
        }
    }

    private synchronized void scheduleNext() {
        if (closed || scheduler == null) {
            return;
        }
        Instant now = clock.instant();
        Instant earliest;
        synchronized (refreshLock) {
            earliest = sources.stream().map(s -> s.nextDue).min(Instant::compareTo).orElse(now.plus(interval));
        }
        long delay = Math.max(0, Duration.between(now, earliest).toMillis());
        next = scheduler.schedule(this::tick, delay, TimeUnit.MILLISECONDS);
    }

    private int refresh(boolean force) {
        synchronized (refreshLock) {
            int changed = 0;
            for (SourceState s : sources) {
                Instant now = clock.instant();
                if (!force && now.isBefore(s.nextDue)) {
                    continue;
                }
                if (s.refresh(fetcher, now, effectiveInterval(s.source))) {
                    changed++;
                }
            }
            if (changed > 0) {
                List<RangeEntry> all = new ArrayList<>();
                for (SourceState s : sources) {
                    if (s.parsed != null) {
                        all.addAll(s.parsed.entries());
                    }
                }
                RangeTable table = RangeTable.build(all);
                current.set(table);
                LOG.info("IP range table swapped in: {} IPv4 + {} IPv6 prefixes, {} intervals ({} source(s) changed)",
                        table.v4PrefixCount(), table.v6PrefixCount(), table.intervalCount(), changed);
            }
            return changed;
        }
    }

    private Duration effectiveInterval(RangeSource source) {
        Duration min = source.format().minRefreshInterval();
        return interval.compareTo(min) < 0 ? min : interval;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (next != null) {
            next.cancel(false);
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /**
     * Monitoring view of one source.
     *
     * @param version the publisher's version marker of the loaded content, or null
     * @param entries prefixes loaded from it
     * @param lastLoaded when its content last changed, or null when never loaded
     * @param lastError the last fetch or parse error, null after a success
     * @param consecutiveFailures failures since the last success
     */
    public record SourceStatus(RangeSource source, String version, int entries, int skipped, Instant lastLoaded,
            String lastError, int consecutiveFailures) {
    }

    private static final class SourceState {
        final RangeSource source;
        ParsedRanges parsed;
        String validator;
        Instant nextDue = Instant.EPOCH;
        Instant lastLoaded;
        String lastError;
        int failures;

        SourceState(RangeSource source) {
            this.source = source;
        }

        /** Fetches and parses; true when new content was loaded. Never throws on bad input. */
        boolean refresh(RangeFetcher fetcher, Instant now, Duration interval) {
            try {
                RangeFetcher.Fetched fetched = fetcher.fetch(source, parsed == null ? null : validator);
                if (!fetched.modified()) {
                    succeeded(now, interval);
                    return false;
                }
                ParsedRanges result = RangeFileParser.parse(source.format(), fetched.content(), source.location().toString());
                if (result.skippedCount() > 0) {
                    LOG.warn("{}: {} unusable entries skipped, e.g. {}", source, result.skippedCount(), result.skipped());
                }
                parsed = result;
                validator = fetched.validator();
                lastLoaded = now;
                succeeded(now, interval);
                return true;
            } catch (RangeFileException e) {
                failed(now, interval, e.getMessage());
            } catch (java.io.IOException | RuntimeException e) {
                failed(now, interval, source + ": " + e);
            }
            return false;
        }

        private void succeeded(Instant now, Duration interval) {
            lastError = null;
            failures = 0;
            nextDue = now.plus(interval);
        }

        private void failed(Instant now, Duration interval, String error) {
            failures++;
            lastError = error;
            // 30 s, 1 min, 2 min, ... capped at the normal interval, with jitter so sources spread out
            long backoff = Math.min(interval.toMillis(), FIRST_RETRY.toMillis() << Math.min(failures - 1, 16));
            long jitter = ThreadLocalRandom.current().nextLong(backoff / 5 + 1);
            nextDue = now.plusMillis(backoff + jitter);
            LOG.warn("IP range refresh of {} failed ({} in a row), keeping {} entries: {}", source, failures,
                    parsed == null ? 0 : parsed.entries().size(), error);
        }

        SourceStatus status() {
            return new SourceStatus(source, parsed == null ? null : parsed.version(),
                    parsed == null ? 0 : parsed.entries().size(), parsed == null ? 0 : parsed.skippedCount(),
                    lastLoaded, lastError, failures);
        }
    }
}
