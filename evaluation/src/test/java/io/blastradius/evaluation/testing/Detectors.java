package io.blastradius.evaluation.testing;

import io.blastradius.evaluation.score.PipelineOutput;
import io.blastradius.evaluation.truth.GroundTruth;
import io.blastradius.evaluation.truth.TrueOutage;
import io.blastradius.evaluation.truth.TrueOutage.HitService;
import io.blastradius.schemas.Outage;
import io.blastradius.schemas.OutageAlert;
import io.blastradius.schemas.OutageState;
import io.blastradius.schemas.scope.ScopeId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Hand-made detectors built from a truth: what a perfect, late, mis-attributing or trigger-happy
 * pipeline would have written. They prove the scorer before any real pipeline exists.
 */
public final class Detectors {
    private Detectors() {
    }

    /** Detects every outage at its onset with the scope of its first phase and lists each hit service as it fails. */
    public static PipelineOutput perfect(GroundTruth truth) {
        return late(truth, Duration.ZERO);
    }

    /** Says nothing at all. */
    public static PipelineOutput silent() {
        return PipelineOutput.empty();
    }

    /** The perfect detector, everything it says shifted {@code delay} later. */
    public static PipelineOutput late(GroundTruth truth, Duration delay) {
        return shaped(truth, delay, UnaryOperator.identity());
    }

    /** The perfect detector with every regional scope moved to {@code region}. */
    public static PipelineOutput wrongRegion(GroundTruth truth, String region) {
        return shaped(truth, Duration.ZERO, s -> s.isGlobalRegion() ? s : ScopeId.of(s.provider(), region, s.service()));
    }

    /** Raises a new outage every {@code every} over the whole scenario, cycling through {@code scopes}. */
    public static PipelineOutput alwaysAlarming(GroundTruth truth, Duration every, List<String> scopes) {
        List<Outage> versions = new ArrayList<>();
        List<OutageAlert> alerts = new ArrayList<>();
        int n = 0;
        for (Instant at = truth.start(); at.isBefore(truth.end()); at = at.plus(every), n++) {
            ScopeId scope = ScopeId.parse(scopes.get(n % scopes.size()));
            Outage v = OutageRecords.version("alarm-" + n, scope, at, at, OutageState.SUSPECTED, List.of(), List.of());
            versions.add(v);
            alerts.add(OutageRecords.alert(v, 1, null, at, "always"));
        }
        return new PipelineOutput(versions, alerts);
    }

    /** One outage as several detections, one per phase, each detected when its phase starts. */
    public static PipelineOutput perPhase(TrueOutage outage) {
        List<Outage> versions = new ArrayList<>();
        int n = 0;
        for (TrueOutage.Phase phase : outage.phases()) {
            versions.add(OutageRecords.version(outage.id() + "-phase-" + n++, phase.scope(), phase.from(), phase.from(),
                    OutageState.SUSPECTED, List.of(), List.of()));
        }
        return new PipelineOutput(versions, List.of());
    }

    private static PipelineOutput shaped(GroundTruth truth, Duration delay, UnaryOperator<ScopeId> scopes) {
        List<Outage> versions = new ArrayList<>();
        List<OutageAlert> alerts = new ArrayList<>();
        for (TrueOutage outage : truth.outages()) {
            String id = "detected-" + outage.id();
            ScopeId scope = scopes.apply(outage.phasesAt(outage.onset()).get(0).scope());
            Instant detected = outage.onset().plus(delay);
            Instant ack = outage.acknowledged() == null ? null : outage.acknowledged().plus(delay);
            Instant resolved = outage.end().plus(delay);
            Set<Instant> times = new TreeSet<>();
            times.add(detected);
            for (HitService h : outage.hit()) {
                times.add(later(h.from().plus(delay), detected));
            }
            if (ack != null) {
                times.add(ack);
            }
            OutageState state = null;
            int sequence = 0;
            for (Instant at : times) {
                Set<String> observed = new LinkedHashSet<>();
                outage.hit().stream().filter(h -> !h.from().plus(delay).isAfter(at)).forEach(h -> observed.add(h.service()));
                OutageState next = ack != null && !at.isBefore(ack) ? OutageState.ACKNOWLEDGED
                        : state == null ? OutageState.SUSPECTED : OutageState.CONFIRMED;
                Outage v = OutageRecords.version(id, scope, detected, at, next, observed, List.of());
                versions.add(v);
                if (next != state) {
                    alerts.add(OutageRecords.alert(v, ++sequence, state, at, "test"));
                    state = next;
                }
            }
            Outage last = versions.get(versions.size() - 1);
            Outage done = OutageRecords.version(id, scope, detected, resolved, OutageState.RESOLVED,
                    last.getBlastRadius().getObserved().stream().map(s -> s.getService()).toList(), List.of());
            versions.add(done);
            alerts.add(OutageRecords.alert(done, ++sequence, state, resolved, "test"));
        }
        return new PipelineOutput(versions, alerts);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
