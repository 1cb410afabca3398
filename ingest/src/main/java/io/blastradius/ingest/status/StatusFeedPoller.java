package io.blastradius.ingest.status;

import io.blastradius.ingest.http.FetchResult;
import io.blastradius.ingest.http.HttpPoller;
import io.blastradius.ingest.http.PollTarget;
import io.blastradius.schemas.ComponentStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a set of feed sources and turns what comes back into records to write, each exactly once:
 * new and edited incident updates and component states as status events, unreadable payloads and
 * items as dead letters, incidents that vanished from current-only feeds as resolutions.
 *
 * <p>Nothing upstream stops it: HTTP failures are counted and backed off by {@link HttpPoller}; a
 * payload that does not parse is counted, logged, dead-lettered once (by content) and skipped; the
 * other sources carry on. Dedup state lives in {@link FeedState}s, restored from and written to
 * Connect source offsets, so a restart emits no duplicate and misses nothing (see {@link Emission}).
 *
 * <p>Not thread-safe: one thread (the connector task's reader) drives it.
 */
public final class StatusFeedPoller {
    private static final Logger log = LoggerFactory.getLogger(StatusFeedPoller.class);

    private final List<FeedSource> sources;
    private final HttpPoller http;
    private final Clock clock;
    private final Duration lookback;
    private final int maxSeen;
    private final FeedMetrics metrics;
    private final Map<String, FeedState> states = new HashMap<>();

    /**
     * @param lookback           items that last changed longer than this before the newest change the
     *                           feed has shown are history and never emitted
     * @param maxSeen            bound of each source's seen set
     * @param metrics            counters; must be the listener of {@code http} to count poll outcomes
     */
    public StatusFeedPoller(List<FeedSource> sources, HttpPoller http, Clock clock, Duration lookback, int maxSeen,
                            FeedMetrics metrics) {
        this.sources = List.copyOf(sources);
        this.http = http;
        this.clock = clock;
        this.lookback = lookback;
        this.maxSeen = maxSeen;
        this.metrics = metrics;
        for (FeedSource s : this.sources) {
            if (states.put(s.name(), FeedState.empty(maxSeen)) != null) {
                throw new IllegalArgumentException("two feed sources are named " + s.name());
            }
            metrics.register(s);
        }
    }

    public List<FeedSource> sources() {
        return sources;
    }

    /**
     * Restores each source's state from its committed offset ({@code offsets} maps a source
     * partition to its offset, as Connect's offset reader returns them). An unreadable offset is
     * logged and replaced by an empty state: the source then re-emits what is in its look-back window
     * rather than stopping.
     */
    public void restore(Map<Map<String, String>, Map<String, Object>> offsets) {
        for (FeedSource s : sources) {
            Map<String, Object> offset = offsets.get(s.partition());
            if (offset == null) {
                continue;
            }
            try {
                states.put(s.name(), FeedState.fromOffset(offset, maxSeen));
            } catch (RuntimeException e) {
                log.error("Offset of feed {} is unreadable ({}); starting it afresh, events of the last {} may repeat",
                        s.name(), e.getMessage(), lookback);
            }
        }
    }

    /** The state of a source (tests and diagnostics). */
    public FeedState state(String sourceName) {
        return states.get(sourceName);
    }

    /** The earliest time any endpoint is due. */
    public Instant nextDue() {
        Instant next = Instant.MAX;
        for (FeedSource s : sources) {
            for (FeedSource.Endpoint e : s.endpoints()) {
                if (e.target().nextDue().isBefore(next)) {
                    next = e.target().nextDue();
                }
            }
        }
        return next;
    }

    /**
     * Polls every endpoint that is due now, once, and returns the records to write in order. Stops
     * early (returning what it has) if the thread is interrupted.
     */
    public List<Emission> pollDue() {
        List<Emission> out = new ArrayList<>();
        for (FeedSource source : sources) {
            for (FeedSource.Endpoint endpoint : source.endpoints()) {
                if (Thread.currentThread().isInterrupted()) {
                    return out;
                }
                if (endpoint.target().isDue(clock.instant())) {
                    try {
                        poll(source, endpoint, out);
                    } catch (RuntimeException e) {
                        // A bug on one odd input must not stop the other feeds, nor this one next time.
                        // What this poll already handed over stays: each record carries a consistent state.
                        metrics.add(source.name(), FeedMetrics.UNPARSEABLE, 1);
                        log.error("Polling {} failed unexpectedly; skipped this poll", endpoint.target(), e);
                    }
                }
            }
        }
        return out;
    }

    private void poll(FeedSource source, FeedSource.Endpoint endpoint, List<Emission> out) {
        PollTarget target = endpoint.target();
        FetchResult result = http.fetch(target);
        if (!(result instanceof FetchResult.Fetched fetched)) {
            return; // 304, or a failure the http poller has logged, counted and scheduled a backoff for
        }
        FeedState state = states.get(source.name());
        Instant now = clock.instant();
        // Parsers may skip what was history already at the last poll; the window only moves forward.
        ParseContext early = new ParseContext(now, state.anchor() == null ? Instant.EPOCH : state.anchor().minus(lookback));
        String text = fetched.text();
        ParseResult parsed;
        try {
            parsed = endpoint.parser().parse(text, early);
        } catch (FeedFormatException | RuntimeException e) {
            // RuntimeException too: a parser bug on one odd payload must not take the task down
            metrics.add(source.name(), FeedMetrics.UNPARSEABLE, 1);
            log.warn("Payload of {} is unreadable and was skipped: {}", target, e.getMessage());
            FeedFormatException cause = e instanceof FeedFormatException f ? f
                    : new FeedFormatException(target.name() + ": parser failed: " + e, e);
            deadLetter(source, state, out, cause, fetched.body(), target, now,
                    EventIds.of("payload", target.name(), EventIds.of(text)));
            return;
        }
        target.accept(fetched);
        state.advanceAnchor(newestChange(parsed.events(), now));
        ParseContext ctx = new ParseContext(now, state.anchor() == null ? Instant.EPOCH : state.anchor().minus(lookback));
        for (ParseResult.RejectedItem item : parsed.rejected()) {
            metrics.add(source.name(), FeedMetrics.REJECTED_ITEMS, 1);
            log.warn("{}: skipped {}: {}", target, item.what(), item.reason());
            byte[] raw = item.raw() == null ? new byte[0] : item.raw().getBytes(StandardCharsets.UTF_8);
            deadLetter(source, state, out, new FeedFormatException(target.name() + ": " + item.what() + ": "
                            + item.reason()), raw, target, now,
                    EventIds.of("item", source.name(), item.what(), item.reason(), item.raw()));
        }
        emitEvents(source, state, parsed.events(), ctx, out);
        parsed.openIncidents().ifPresent(open -> resolveVanished(source, state, open,
                parsed.feedTime().map(FeedTime::instant).orElse(now), ctx, out));
        state.seen().prune(ctx.notBefore());
    }

    /**
     * The newest source change among {@code events}, capped at a day past the wall clock so that one
     * item dated in the future cannot turn the rest of the feed into history.
     */
    private static Instant newestChange(List<FeedEvent> events, Instant now) {
        Instant newest = null;
        for (FeedEvent e : events) {
            if (newest == null || e.changedAt().isAfter(newest)) {
                newest = e.changedAt();
            }
        }
        Instant cap = now.plus(Duration.ofDays(1));
        return newest != null && newest.isAfter(cap) ? cap : newest;
    }

    private void emitEvents(FeedSource source, FeedState state, List<FeedEvent> events, ParseContext ctx,
                            List<Emission> out) {
        int i = 0;
        while (i < events.size()) {
            // The events of one update (one dedup key) are contiguous; remember the key only with the
            // last of them, so a crash mid-update re-emits the update rather than losing its tail.
            int end = i + 1;
            String key = events.get(i).dedupKey();
            Instant changedAt = events.get(i).changedAt();
            boolean sticky = events.get(i).sticky();
            while (end < events.size() && events.get(end).dedupKey().equals(key)) {
                if (events.get(end).changedAt().isAfter(changedAt)) {
                    changedAt = events.get(end).changedAt();
                }
                sticky |= events.get(end).sticky();
                end++;
            }
            if (sticky && ctx.isHistory(changedAt)) {
                changedAt = ctx.notBefore(); // remembered as long as the feed keeps showing it
            }
            long fp = EventIds.fingerprint(key);
            if (ctx.isHistory(changedAt)) {
                metrics.add(source.name(), FeedMetrics.HISTORY, end - i);
            } else if (state.seen().contains(fp)) {
                state.seen().touch(fp, changedAt);
                metrics.add(source.name(), FeedMetrics.DUPLICATES, end - i);
            } else {
                Map<String, Object> before = end - i > 1 ? state.toOffset() : null;
                for (int j = i; j < end - 1; j++) {
                    out.add(new Emission.Event(source, events.get(j).event(), before));
                }
                state.seen().add(fp, changedAt);
                out.add(new Emission.Event(source, events.get(end - 1).event(), state.toOffset()));
                metrics.add(source.name(), FeedMetrics.EVENTS, end - i);
            }
            i = end;
        }
    }

    private static boolean lastIsFrom(List<Emission> out, FeedSource source) {
        return out.get(out.size() - 1).source() == source;
    }

    private void resolveVanished(FeedSource source, FeedState state, List<OpenIncident> nowOpen, Instant feedTime,
                                 ParseContext ctx, List<Emission> out) {
        Map<String, OpenIncident> previous = state.open();
        Map<String, OpenIncident> current = new LinkedHashMap<>();
        nowOpen.forEach(i -> current.put(i.incidentId(), i));
        List<OpenIncident> vanished = new ArrayList<>();
        if (previous != null) {
            previous.forEach((id, incident) -> {
                if (!current.containsKey(id)) {
                    vanished.add(incident);
                }
            });
        }
        if (vanished.isEmpty() && previous != null && previous.keySet().equals(current.keySet())) {
            return;
        }
        String sourceId = sourceIdOf(source);
        List<FeedEvent> resolutions = new ArrayList<>();
        for (OpenIncident incident : vanished) {
            FeedTime at = new FeedTime(feedTime, feedTime.toString());
            for (Subject subject : incident.subjects()) {
                resolutions.add(new EventDraft(sourceId, subject)
                        .incident(incident.incidentId(), "resolved")
                        .update("gone@" + feedTime)
                        .status(ComponentStatus.OPERATIONAL)
                        .title(incident.title())
                        .body("No longer listed by the feed; taken as resolved.")
                        .url(incident.url())
                        .time(at)
                        .changedAt(feedTime)
                        .sticky(true)
                        .content("vanished")
                        .build(ctx.ingestTime()));
            }
            metrics.add(source.name(), FeedMetrics.RESOLVED_BY_ABSENCE, 1);
            log.info("{}: incident {} is no longer listed; emitting its resolution", source.name(),
                    incident.incidentId());
        }
        state.replaceOpen(current.values());
        if (resolutions.isEmpty()) {
            // the open set changed (an incident appeared): make the next offset carry it
            if (!out.isEmpty() && lastIsFrom(out, source)) {
                Emission last = out.remove(out.size() - 1);
                out.add(reoffset(last, state.toOffset()));
            }
            return;
        }
        emitEvents(source, state, resolutions, ctx, out);
    }

    private static Emission reoffset(Emission e, Map<String, Object> offset) {
        if (e instanceof Emission.Event ev) {
            return new Emission.Event(ev.source(), ev.event(), offset);
        }
        Emission.Rejected r = (Emission.Rejected) e;
        return new Emission.Rejected(r.source(), r.url(), r.payload(), r.cause(), offset);
    }

    /** The {@code source} field of resolutions: the feed family ({@code aws-health}, {@code azure-status}). */
    private static String sourceIdOf(FeedSource source) {
        int colon = source.name().indexOf(':');
        return colon < 0 ? source.name() : source.name().substring(0, colon);
    }

    private void deadLetter(FeedSource source, FeedState state, List<Emission> out, FeedFormatException cause,
                            byte[] payload, PollTarget target, Instant now, String identity) {
        long fp = EventIds.fingerprint(identity);
        if (state.seen().contains(fp)) {
            return; // the same bad payload again: one dead letter is enough
        }
        state.seen().add(fp, now);
        metrics.add(source.name(), FeedMetrics.DEAD_LETTERS, 1);
        out.add(new Emission.Rejected(source, target.uri().toString(), payload, cause, state.toOffset()));
    }

}
