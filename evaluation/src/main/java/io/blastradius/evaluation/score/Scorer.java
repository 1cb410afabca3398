package io.blastradius.evaluation.score;

import io.blastradius.evaluation.score.OutageResult.Attribution;
import io.blastradius.evaluation.score.OutageResult.BlastRadiusResult;
import io.blastradius.evaluation.truth.GroundTruth;
import io.blastradius.evaluation.truth.TrueOutage;
import io.blastradius.evaluation.truth.TrueOutage.HitService;
import io.blastradius.evaluation.truth.TrueOutage.Phase;
import io.blastradius.schemas.scope.ScopeId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scores what a pipeline said against the ground truth of a scenario. Plain Java over the Avro output
 * records: no Kafka types, no clock; every time compared is event time. The definitions of every number
 * are in {@code docs/evaluation.md}.
 */
public final class Scorer {
    /** Upper bound of blast-radius checkpoints per outage; a longer outage gets a coarser step. */
    private static final int MAX_CHECKPOINTS = 5_000;

    private final ScoringOptions options;

    public Scorer(ScoringOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public Scorer() {
        this(ScoringOptions.DEFAULTS);
    }

    public ScenarioScore score(GroundTruth truth, PipelineOutput output) {
        List<Detection> detections = output.detections();
        Map<Detection, TrueOutage> assignment = new HashMap<>();
        for (Detection detection : detections) {
            Matching.bestMatch(detection, truth.outages()).ifPresent(t -> assignment.put(detection, t));
        }
        List<OutageResult> outages = new ArrayList<>();
        for (TrueOutage outage : truth.outages()) {
            List<Detection> matched = detections.stream().filter(d -> assignment.get(d) == outage).toList();
            List<Detection> unmatchedInSpan = detections.stream()
                    .filter(d -> !assignment.containsKey(d) && outage.spans(d.detected())).toList();
            outages.add(outageResult(outage, matched, unmatchedInSpan));
        }
        List<DetectionResult> results = new ArrayList<>();
        for (Detection detection : detections) {
            TrueOutage matched = assignment.get(detection);
            results.add(matched != null
                    ? new DetectionResult(detection, matched.id(), List.of())
                    : new DetectionResult(detection, null, explain(detection, truth)));
        }
        return new ScenarioScore(truth, outages, results, Metrics.of(outages, results, truth.span()));
    }

    private OutageResult outageResult(TrueOutage outage, List<Detection> matched, List<Detection> unmatchedInSpan) {
        Attribution attribution = attribution(outage, matched, unmatchedInSpan);
        if (matched.isEmpty()) {
            return new OutageResult(outage, List.of(), attribution, null, null, null);
        }
        Instant detected = matched.get(0).detected();
        Duration lead = outage.silent() ? null : Duration.between(detected, outage.acknowledged());
        return new OutageResult(outage, matched.stream().map(Detection::outageId).toList(), attribution,
                Duration.between(outage.onset(), detected), lead, blastRadius(outage, matched));
    }

    /**
     * The answer judged is the first matching detection; an outage nobody matched is judged on the
     * earliest unmatched detection inside its span (one naming its provider first), so a detection with
     * the wrong region still shows as "provider right, region wrong" rather than as nothing.
     */
    private static Attribution attribution(TrueOutage outage, List<Detection> matched, List<Detection> unmatchedInSpan) {
        Detection answer;
        boolean strict = !matched.isEmpty();
        if (strict) {
            answer = matched.get(0);
        } else {
            String provider = outage.scope().provider();
            answer = unmatchedInSpan.stream()
                    .min(Comparator.comparing((Detection d) -> !d.firstScope().provider().equals(provider))
                            .thenComparing(Detection.BY_DETECTION))
                    .orElse(null);
            if (answer == null) {
                return null;
            }
        }
        ScopeId said = answer.firstScope();
        Phase best = outage.phasesAt(answer.detected()).stream()
                .max(Comparator.comparingInt((Phase p) -> partsRight(said, p.scope())))
                .orElseThrow();
        ScopeId expected = best.scope();
        return new Attribution(answer.outageId(), strict, said, expected,
                said.provider().equals(expected.provider()),
                said.provider().equals(expected.provider()) && said.region().equals(expected.region()),
                said.provider().equals(expected.provider()) && Objects.equals(said.service(), expected.service()));
    }

    private static int partsRight(ScopeId said, ScopeId expected) {
        if (!said.provider().equals(expected.provider())) {
            return 0;
        }
        return 1 + (said.region().equals(expected.region()) ? 1 : 0)
                + (Objects.equals(said.service(), expected.service()) ? 1 : 0);
    }

    private BlastRadiusResult blastRadius(TrueOutage outage, List<Detection> matched) {
        Map<String, Instant> hitFrom = new TreeMap<>();
        for (HitService h : outage.hit()) {
            hitFrom.merge(h.service(), h.from(), (a, b) -> a.isBefore(b) ? a : b);
        }
        Set<String> finalObserved = new HashSet<>();
        Map<String, Instant> firstListed = new HashMap<>();
        Map<String, Instant> firstAtRisk = new HashMap<>();
        for (Detection d : matched) {
            finalObserved.addAll(d.finalObserved());
            d.firstListed().forEach((s, t) -> firstListed.merge(s, t, Scorer::earlier));
            d.firstAtRisk().forEach((s, t) -> firstAtRisk.merge(s, t, Scorer::earlier));
        }
        Map<String, Duration> listingDelay = new LinkedHashMap<>();
        List<String> neverListed = new ArrayList<>();
        List<String> anticipated = new ArrayList<>();
        hitFrom.forEach((service, from) -> {
            Instant listed = firstListed.get(service);
            if (listed == null) {
                neverListed.add(service);
            } else {
                listingDelay.put(service, Duration.between(from, listed));
            }
            Instant atRisk = firstAtRisk.get(service);
            if (atRisk != null && atRisk.isBefore(from)) {
                anticipated.add(service);
            }
        });
        Mean[] overTime = overTime(outage, matched, hitFrom.keySet());
        return new BlastRadiusResult(hitFrom.keySet(), finalObserved, firstListed.keySet(), listingDelay, neverListed,
                anticipated, overTime[0], overTime[1]);
    }

    /**
     * Compares the listed services with the truth at checkpoints over {@code [onset, end]}: precision
     * against every service the outage hits (listing one early is not wrong), recall against those
     * failing at the checkpoint (a pipeline may drop recovered services or keep them).
     */
    private Mean[] overTime(TrueOutage outage, List<Detection> matched, Set<String> hitAll) {
        long spanMillis = Duration.between(outage.onset(), outage.end()).toMillis();
        long step = Math.max(options.checkpointStep().toMillis(), spanMillis / MAX_CHECKPOINTS + 1);
        Mean precision = Mean.NONE;
        Mean recall = Mean.NONE;
        for (long offset = 0; offset <= spanMillis; offset += step) {
            Instant at = outage.onset().plusMillis(offset);
            Set<String> listed = new HashSet<>();
            matched.forEach(d -> listed.addAll(d.observedAt(at)));
            Set<String> failing = new HashSet<>();
            for (HitService h : outage.hit()) {
                if (h.failingAt(at)) {
                    failing.add(h.service());
                }
            }
            if (!listed.isEmpty()) {
                precision = precision.plus((double) listed.stream().filter(hitAll::contains).count() / listed.size());
            }
            if (!failing.isEmpty()) {
                recall = recall.plus((double) failing.stream().filter(listed::contains).count() / failing.size());
            }
        }
        return new Mean[] {precision, recall};
    }

    /** What was going on when a false alarm fired: diagnostics for the reader, not part of any metric. */
    private List<String> explain(Detection detection, GroundTruth truth) {
        Instant at = detection.detected();
        ScopeId scope = detection.firstScope();
        Set<String> listed = detection.everObserved();
        List<String> reasons = new ArrayList<>();
        for (TrueOutage outage : truth.outages()) {
            boolean scopeOk = detection.scopes().stream().anyMatch(s -> Matching.scopeMatches(s, outage));
            if (outage.spans(at) && !scopeOk) {
                reasons.add("during true outage " + outage.id() + " (" + outage.scope() + ") but scope " + scope
                        + " does not match it");
            } else if (scopeOk && !outage.spans(at)) {
                reasons.add("scope of true outage " + outage.id() + " but detected "
                        + (at.isBefore(outage.onset()) ? "before its onset" : "after its end"));
            }
        }
        for (GroundTruth.Chatter c : truth.chatter()) {
            if (c.provider().equals(scope.provider()) && within(at, c.from(), c.until())) {
                reasons.add("chatter about " + c.provider() + optional(c.topic()));
            }
        }
        for (GroundTruth.ServiceIncident i : truth.serviceIncidents()) {
            if (within(at, i.from(), i.until()) && (listed.isEmpty() || listed.contains(i.service()))) {
                reasons.add("incident of " + i.service() + optional(i.cause()));
            }
        }
        for (GroundTruth.VantageIncident v : truth.vantageIncidents()) {
            if (within(at, v.from(), v.until())) {
                reasons.add("network trouble at vantage " + v.vantage());
            }
        }
        return reasons;
    }

    private boolean within(Instant at, Instant from, Instant until) {
        return !at.isBefore(from) && !at.isAfter(until.plus(options.noiseSlack()));
    }

    private static String optional(String detail) {
        return detail == null || detail.isBlank() ? "" : " (" + detail + ")";
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
