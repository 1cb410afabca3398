package io.blastradius.streams.topology;

import io.blastradius.schemas.BlastRadius;
import io.blastradius.schemas.DependencyKind;
import io.blastradius.schemas.Impact;
import io.blastradius.schemas.ImpactedService;
import io.blastradius.schemas.Outage;
import io.blastradius.schemas.OutageAlert;
import io.blastradius.schemas.OutageEvidence;
import io.blastradius.schemas.OutageTransition;
import io.blastradius.schemas.scope.ScopeId;
import io.blastradius.streams.correlation.BlastRadiusCalculator;
import io.blastradius.streams.correlation.BlastRadiusView;
import io.blastradius.streams.correlation.DependencyGraph;
import io.blastradius.streams.correlation.OutageCase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns the lifecycle's outage cases into the Avro {@link Outage} and {@link OutageAlert} records (with the blast radius). */
public final class OutageRecords {
    private OutageRecords() {
    }

    public static Outage outage(OutageCase c, DependencyGraph graph) {
        ScopeId scope = c.scope();
        BlastRadiusView radius = BlastRadiusCalculator.compute(graph, c);
        OutageCase.Evidence e = c.evidence();
        List<OutageTransition> transitions = new ArrayList<>();
        for (OutageCase.Step s : c.transitions()) {
            transitions.add(new OutageTransition(s.from(), s.to(), Instant.ofEpochMilli(s.at()), s.reason()));
        }
        String summary = String.format(Locale.ROOT,
                "%d of %d independent dependents of %s failing (%.1f expected by chance); %d observed, %d at risk",
                e.unhealthyUnits(), e.totalUnits(), scope, e.expected(), radius.observed().size(), radius.atRisk().size());
        return Outage.newBuilder()
                .setOutageId(c.id())
                .setScope(scope.toString())
                .setProvider(scope.provider())
                .setRegion(scope.isProviderWide() ? null : scope.region())
                .setProviderService(scope.service())
                .setState(c.state())
                .setOnset(Instant.ofEpochMilli(c.onset()))
                .setDetected(Instant.ofEpochMilli(c.detected()))
                .setConfirmed(instant(c.confirmed()))
                .setAcknowledged(instant(c.acknowledged()))
                .setRecovering(instant(c.recovering()))
                .setResolved(instant(c.resolved()))
                .setUpdatedAt(Instant.ofEpochMilli(c.updatedAt()))
                .setConfidence(c.confidence())
                .setEvidence(OutageEvidence.newBuilder()
                        .setUnhealthyDependents(e.unhealthyUnits())
                        .setTotalDependents(e.totalUnits())
                        .setExpectedUnhealthy(e.expected())
                        .setSurprise(e.surprise())
                        .setAttributedProbeFailures(e.attributedUnits())
                        .setComplaints(0)
                        .setProviderComplaints(e.providerComplaints())
                        .setStatusIncidentIds(new ArrayList<>(c.statusIncidents()))
                        .setSummary(summary)
                        .build())
                .setBlastRadius(BlastRadius.newBuilder()
                        .setObserved(impacted(radius.observed()))
                        .setAtRisk(impacted(radius.atRisk()))
                        .setImpact(Impact.newBuilder()
                                .setObservedServices(radius.observed().size())
                                .setAtRiskServices(radius.atRisk().size())
                                .setObservedUsers(radius.observedUsers())
                                .setAtRiskUsers(radius.atRiskUsers())
                                .setSecondOrderServices(radius.secondOrder())
                                .build())
                        .build())
                .setTransitions(transitions)
                .build();
    }

    public static OutageAlert alert(OutageCase.Step step, Outage outage) {
        return OutageAlert.newBuilder()
                .setAlertId(outage.getOutageId() + ":" + step.sequence())
                .setOutageId(outage.getOutageId())
                .setSequence(step.sequence())
                .setPreviousState(step.from())
                .setState(step.to())
                .setAt(Instant.ofEpochMilli(step.at()))
                .setReason(step.reason())
                .setOutage(outage)
                .build();
    }

    private static List<ImpactedService> impacted(List<BlastRadiusView.Impacted> list) {
        List<ImpactedService> out = new ArrayList<>(list.size());
        for (BlastRadiusView.Impacted i : list) {
            out.add(ImpactedService.newBuilder()
                    .setService(i.service())
                    .setPath(i.path())
                    .setDepth(i.depth())
                    .setKind(kind(i.kind()))
                    .setFirstEvidence(instant(i.firstEvidence()))
                    .setScore(i.score())
                    .setUsers(i.users())
                    .build());
        }
        return out;
    }

    private static DependencyKind kind(String name) {
        try {
            return DependencyKind.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            return DependencyKind.OTHER;
        }
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
