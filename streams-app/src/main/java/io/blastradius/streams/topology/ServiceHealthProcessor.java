package io.blastradius.streams.topology;

import io.blastradius.schemas.ComponentStatus;
import io.blastradius.schemas.HealthState;
import io.blastradius.schemas.ProbeEvidence;
import io.blastradius.schemas.ServiceHealth;
import io.blastradius.schemas.SocialEvidence;
import io.blastradius.schemas.StatusEvidence;
import io.blastradius.streams.correlation.ComplaintBaseline;
import io.blastradius.streams.correlation.HealthAssessor;
import io.blastradius.streams.correlation.HealthVerdict;
import io.blastradius.streams.correlation.MinuteBucket;
import io.blastradius.streams.correlation.VantageTrouble;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 2: per-service health in event time. Each observation is added to its service's bucket for
 * its minute (the only per-record work: a map lookup, a few counters, one small store write). When
 * the event-time watermark (the latest plausible event time seen, less a grace period) closes a
 * minute, every known service is judged over the short view ending with it;
 * a {@link ServiceHealth} is emitted when the state changes, and every minute while the service is
 * unhealthy, followed by a tick that lets the correlation stage move on in event time.
 *
 * <p>The watermark is the event time every task of the first sub-topology has passed: each sends its
 * progress ({@link ServiceObservation.Progress}, from {@link ProgressMarks}) through the by-service
 * repartition behind the observations it sent, and a minute is closed once all of them have passed
 * it (less the grace; {@link SourceProgress}, which also stops waiting for an idle task). So a
 * minute is judged on every observation of it however the direct and repartitioned inputs
 * interleave: the repartitioned complaints arrive well after this task's own probes. Progress is
 * taken from the observations' own event times rather than from the task's stream time, which
 * follows the input records' Kafka timestamps: those may be ingest times, and a replay must close
 * its minutes exactly as live did whatever the producer stamped.
 *
 * <p>The stores are the truth; the in-memory maps are a cache of them, rebuilt whenever the
 * processor is (re)initialized after the stores are restored.
 */
final class ServiceHealthProcessor implements Processor<String, ServiceObservation, String, HealthOut> {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceHealthProcessor.class);
    private static final long MINUTE = 60_000L;
    private static final String CLOCK = "closed-minute";
    /** Prefix of the clock store's keys holding each upstream task's progress. */
    private static final String PROGRESS = "progress-";
    /** An unhealthy state is re-sent to the correlation stage this often, so a lost change cannot pin it. */
    private static final int REFRESH_MINUTES = 5;

    private final DetectionSettings settings;
    private final HealthAssessor assessor;
    private ProcessorContext<String, HealthOut> context;
    private KeyValueStore<String, MinuteBucket> buckets;
    private KeyValueStore<String, HealthStageState.Tracker> trackers;
    private KeyValueStore<String, HealthStageState.Profile> profiles;
    private KeyValueStore<String, Long> clock;
    private KeyValueStore<String, ServiceHealth> latest;
    private final Map<String, Minutes> window = new HashMap<>();
    /** The buckets of the view being judged; reused, the assessor keeps no reference to it. */
    private final List<MinuteBucket> inView = new ArrayList<>();
    private final Map<String, HealthStageState.Tracker> trackerCache = new TreeMap<>();
    private SourceProgress sources = new SourceProgress();
    private static final TreeMap<Long, MinuteBucket> NO_BUCKETS = new TreeMap<>();
    private long closedMinute = Long.MIN_VALUE;
    /** The vantage points found in trouble in the last minute closed (for logging changes only). */
    private Set<String> lastTroubled = Set.of();
    private long tooLate;

    ServiceHealthProcessor(DetectionSettings settings) {
        this.settings = settings;
        this.assessor = new HealthAssessor(settings.health());
    }

    @Override
    public void init(ProcessorContext<String, HealthOut> context) {
        this.context = context;
        buckets = context.getStateStore(TopologyNames.HEALTH_BUCKETS_STORE);
        trackers = context.getStateStore(TopologyNames.HEALTH_TRACKERS_STORE);
        profiles = context.getStateStore(TopologyNames.COMPLAINT_PROFILES_STORE);
        clock = context.getStateStore(TopologyNames.HEALTH_CLOCK_STORE);
        latest = context.getStateStore(TopologyNames.SERVICE_HEALTH_STORE);
        window.clear();
        trackerCache.clear();
        try (KeyValueIterator<String, MinuteBucket> it = buckets.all()) {
            while (it.hasNext()) {
                KeyValue<String, MinuteBucket> kv = it.next();
                window.computeIfAbsent(serviceOf(kv.key), s -> new Minutes()).byMinute.put(kv.value.minuteStart() / MINUTE, kv.value);
            }
        }
        try (KeyValueIterator<String, HealthStageState.Tracker> it = trackers.all()) {
            while (it.hasNext()) {
                KeyValue<String, HealthStageState.Tracker> kv = it.next();
                HealthStageState.Profile p = profiles.get(kv.key);
                HealthStageState.Tracker t = kv.value;
                if (p != null) {
                    t.baseline = new ComplaintBaseline(t.baseline.level(), t.baseline.minutesSeen(), p.levels(), p.minutes());
                    t.baseline.restorePending(kv.value.baseline.pendingSlot(), kv.value.baseline.pendingSum(),
                            kv.value.baseline.pendingMinutes());
                }
                trackerCache.put(kv.key, t);
            }
        }
        Long closed = clock.get(CLOCK);
        closedMinute = closed == null ? Long.MIN_VALUE : closed;
        long[] progress = new long[0];
        try (KeyValueIterator<String, Long> it = clock.all()) {
            while (it.hasNext()) {
                KeyValue<String, Long> kv = it.next();
                if (kv.key.startsWith(PROGRESS)) {
                    int source = Integer.parseInt(kv.key.substring(PROGRESS.length()));
                    if (source >= progress.length) {
                        int old = progress.length;
                        progress = Arrays.copyOf(progress, source + 1);
                        Arrays.fill(progress, old, source + 1, Long.MIN_VALUE);
                    }
                    progress[source] = kv.value;
                }
            }
        }
        sources = new SourceProgress(progress);
    }

    @Override
    public void process(Record<String, ServiceObservation> record) {
        String service = record.key();
        ServiceObservation o = record.value();
        if (service == null || o == null) {
            return;
        }
        if (o instanceof ServiceObservation.Progress p) {
            progress(p);
            return;
        }
        long minute = Math.floorDiv(o.at(), MINUTE);
        if (closedMinute != Long.MIN_VALUE && minute <= closedMinute - settings.retainMinutes()) {
            // valid, and kept on its topic, but older than any view still open
            if (++tooLate % 10_000 == 1) {
                LOG.info("{} observations arrived too late to count (latest: {} for minute {})", tooLate, service, minute);
            }
            return;
        }
        HealthStageState.Tracker tracker = tracker(service);
        // the minute still open at the observation's event time: where it starts to count, whenever it arrives
        long open = closableMinute(o.at(), settings.graceMillis()) + 1;
        boolean changed = false;
        if (open < tracker.since) {
            tracker.since = open;
            changed = true;
        }
        if (o instanceof ServiceObservation.Status s) {
            if (open > closedMinute) {
                // in effect from its minute on, not from whenever it arrives
                tracker.pending.add(new HealthStageState.PendingStatus(open, s));
                changed = true;
            } else {
                changed |= tracker.status.observe(s.component(), s.status(), s.incidentId(), s.at());
            }
        }
        if (changed) {
            trackers.put(service, tracker);
        }
        if (o instanceof ServiceObservation.Status) {
            return;
        }
        if (o instanceof ServiceObservation.Complaint c && c.withdrawal()) {
            // a deleted or edited post: take its weight out of its minute, if that minute is still kept
            Minutes kept = window.get(service);
            MinuteBucket bucket = kept == null ? null : kept.byMinute.get(minute);
            if (bucket != null) {
                bucket.withdrawComplaint(-c.weight(), c.providers());
                buckets.put(bucketKey(service, minute), bucket);
            }
            return;
        }
        Minutes kept = window.computeIfAbsent(service, k -> new Minutes());
        MinuteBucket bucket = kept.bucket(service, minute);
        if (o instanceof ServiceObservation.Check c) {
            bucket.addCheck(c.vantage(), c.success(), c.errorClass(), c.attributedScopes());
        } else if (o instanceof ServiceObservation.Complaint c) {
            bucket.addComplaint(c.weight(), c.providers());
        }
        buckets.put(kept.currentKey, bucket);
    }

    /** An upstream task's progress: closes the minutes every task has now passed. */
    private void progress(ServiceObservation.Progress p) {
        long wallNow = context.currentSystemTimeMs();
        AlignmentSettings alignment = settings.alignment();
        sources.expect(alignment.sources(), wallNow);
        if (sources.advance(p.source(), p.at(), wallNow)) {
            clock.put(PROGRESS + p.source(), p.at());
        }
        long passed = sources.passed("service-health", alignment.maxSkewMinutes(), alignment.idleMillis(), wallNow);
        if (passed == Long.MIN_VALUE) {
            return;
        }
        long upTo = closableMinute(passed, settings.graceMillis());
        if (upTo > closedMinute) {
            closeMinutes(upTo);
        }
    }

    /** The last minute that may be closed once event time {@code at} is reached: it ended at least the grace before. */
    static long closableMinute(long at, long graceMillis) {
        return Math.floorDiv(at - graceMillis, MINUTE) - 1;
    }

    private HealthStageState.Tracker tracker(String service) {
        HealthStageState.Tracker t = trackerCache.get(service);
        if (t == null) {
            t = new HealthStageState.Tracker(new ComplaintBaseline(settings.baseline().floorPerMinute() * 2));
            trackerCache.put(service, t);
            trackers.put(service, t);
        }
        return t;
    }

    private void closeMinutes(long upTo) {
        if (closedMinute == Long.MIN_VALUE) {
            // the first close: from the first minute any service is judged for, however late every task's progress came
            long first = upTo;
            for (HealthStageState.Tracker t : trackerCache.values()) {
                first = Math.min(first, t.since);
            }
            closedMinute = first - 1;
        }
        if (upTo <= closedMinute) {
            return;
        }
        long from = Math.max(closedMinute + 1, upTo - settings.retainMinutes() + 1);
        for (long m = from; m <= upTo; m++) {
            closeMinute(m);
        }
        closedMinute = upTo;
        clock.put(CLOCK, closedMinute);
    }

    private void closeMinute(long minute) {
        long end = (minute + 1) * MINUTE;
        int view = settings.health().viewMinutes();
        Map<Long, Set<String>> troubled = troubledVantages(minute - view + 1, minute);
        for (Map.Entry<String, HealthStageState.Tracker> e : trackerCache.entrySet()) {
            String service = e.getKey();
            HealthStageState.Tracker tracker = e.getValue();
            if (tracker.since > minute) {
                continue; // first observed later: judged from then on, however early its observations arrived
            }
            tracker.applyPendingStatus(minute);
            Minutes kept = window.get(service);
            TreeMap<Long, MinuteBucket> buckets = kept == null ? NO_BUCKETS : kept.byMinute;
            inView.clear();
            for (MinuteBucket b : buckets.subMap(minute - view + 1, true, minute, true).values()) {
                inView.add(b);
            }
            double complaints = 0;
            double expected = 0;
            for (long m = minute - view + 1; m <= minute; m++) {
                expected += tracker.baseline.expected(m * MINUTE, settings.baseline());
            }
            for (MinuteBucket b : inView) {
                complaints += b.complaints();
            }
            if (tracker.baseline.minutesSeen() < settings.complaintWarmupMinutes()) {
                expected = Math.max(expected, complaints); // not yet known what is usual: no surprise
            }
            HealthVerdict verdict = assessor.assess(inView, expected, tracker.status, tracker.lastState, troubled);
            MinuteBucket current = buckets.get(minute);
            boolean profileChanged = tracker.baseline.learn(minute * MINUTE, current == null ? 0 : current.complaints(),
                    settings.baseline());
            boolean changed = verdict.state() != tracker.lastState;
            tracker.lastState = verdict.state();
            trackers.put(service, tracker);
            if (profileChanged) {
                profiles.put(service, new HealthStageState.Profile(tracker.baseline.slotLevels(), tracker.baseline.slotMinutes()));
            }
            if (changed || verdict.unhealthy()) {
                ServiceHealth health = toAvro(service, end - view * MINUTE, end, verdict);
                latest.put(service, health);
                boolean refresh = verdict.unhealthy() && minute % REFRESH_MINUTES == 0;
                context.forward(new Record<>(service, new HealthOut(health, end, changed || refresh), end));
            }
            if (kept != null) {
                prune(service, kept, minute - settings.retainMinutes());
            }
        }
        context.forward(new Record<>("", new HealthOut(null, end, true), end));
    }

    /**
     * The vantage points in trouble in each minute of {@code [from, to]}, judged over every service of
     * this task from the kept buckets (so the same after a restart); minute start to vantage ids,
     * only minutes with trouble. A change for the latest minute is logged.
     */
    private Map<Long, Set<String>> troubledVantages(long from, long to) {
        Map<Long, Set<String>> troubled = new HashMap<>();
        List<MinuteBucket> ofMinute = new ArrayList<>();
        for (long m = from; m <= to; m++) {
            ofMinute.clear();
            for (Minutes kept : window.values()) {
                MinuteBucket b = kept.byMinute.get(m);
                if (b != null && b.hasChecks()) {
                    ofMinute.add(b);
                }
            }
            Map<String, VantageTrouble.Tally> tallies = VantageTrouble.tallies(ofMinute);
            Set<String> inTrouble = VantageTrouble.inTrouble(tallies, settings.health());
            if (!inTrouble.isEmpty()) {
                troubled.put(m * MINUTE, inTrouble);
            }
            if (m == to && !inTrouble.equals(lastTroubled)) {
                for (String v : inTrouble) {
                    if (!lastTroubled.contains(v)) {
                        VantageTrouble.Tally t = tallies.get(v);
                        LOG.info("vantage {} in trouble at {}: {} of its {} checks failed, far more than at the other vantage "
                                + "points; its checks take no part in quorums while this lasts", v, Instant.ofEpochMilli(m * MINUTE),
                                t.failures(), t.checks());
                    }
                }
                for (String v : lastTroubled) {
                    if (!inTrouble.contains(v)) {
                        LOG.info("vantage {} out of trouble at {}", v, Instant.ofEpochMilli(m * MINUTE));
                    }
                }
                lastTroubled = inTrouble;
            }
        }
        return troubled;
    }

    private void prune(String service, Minutes kept, long upToMinute) {
        TreeMap<Long, MinuteBucket> serviceBuckets = kept.byMinute;
        while (!serviceBuckets.isEmpty() && serviceBuckets.firstKey() <= upToMinute) {
            long m = serviceBuckets.pollFirstEntry().getKey();
            if (m == kept.currentMinute) {
                kept.forgetCurrent();
            }
            // a put of null deletes without reading back (and decoding) the old value, as delete() would
            buckets.put(bucketKey(service, m), null);
        }
        if (serviceBuckets.isEmpty()) {
            window.remove(service);
        }
    }

    /**
     * One service's kept minute buckets, with the one its records were last added to at hand (and
     * its store key), so that a record of the same minute skips the lookups.
     */
    private static final class Minutes {
        final TreeMap<Long, MinuteBucket> byMinute = new TreeMap<>();
        long currentMinute = Long.MIN_VALUE;
        MinuteBucket current;
        String currentKey;

        MinuteBucket bucket(String service, long minute) {
            if (current == null || minute != currentMinute) {
                current = byMinute.computeIfAbsent(minute, m -> new MinuteBucket(m * MINUTE));
                currentMinute = minute;
                currentKey = bucketKey(service, minute);
            }
            return current;
        }

        void forgetCurrent() {
            current = null;
            currentMinute = Long.MIN_VALUE;
            currentKey = null;
        }
    }

    static ServiceHealth toAvro(String service, long start, long end, HealthVerdict v) {
        HealthVerdict.ProbeSummary p = v.probe();
        HealthVerdict.SocialSummary s = v.social();
        HealthVerdict.StatusSummary st = v.status();
        return ServiceHealth.newBuilder()
                .setService(service)
                .setWindowStart(Instant.ofEpochMilli(start))
                .setWindowEnd(Instant.ofEpochMilli(end))
                .setState(HealthState.valueOf(v.state().name()))
                .setScore(v.score())
                .setProbe(ProbeEvidence.newBuilder().setChecks(p.checks()).setFailures(p.failures())
                        .setVantages(p.vantages()).setFailingVantages(p.failingVantages()).setQuorum(p.quorum())
                        .setErrorClasses(p.errorClasses()).setAttributedScopes(p.attributedScopes()).build())
                .setSocial(SocialEvidence.newBuilder().setComplaints(s.complaints()).setBaseline(s.baseline())
                        .setSurprise(s.surprise()).setProvidersNamed(s.providersNamed()).build())
                .setStatus(StatusEvidence.newBuilder()
                        .setStatus(st.status() == null ? ComponentStatus.UNKNOWN : ComponentStatus.valueOf(st.status()))
                        .setIncidentId(st.incidentId())
                        .setReportedAt(st.reportedAt() == null ? null : Instant.ofEpochMilli(st.reportedAt()))
                        .build())
                .build();
    }

    static String bucketKey(String service, long minute) {
        return service + "@" + minute;
    }

    private static String serviceOf(String bucketKey) {
        return bucketKey.substring(0, bucketKey.lastIndexOf('@'));
    }
}
