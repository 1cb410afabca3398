package io.blastradius.alerts.testing;

import io.blastradius.schemas.BlastRadius;
import io.blastradius.schemas.DependencyKind;
import io.blastradius.schemas.Impact;
import io.blastradius.schemas.ImpactedService;
import io.blastradius.schemas.Outage;
import io.blastradius.schemas.OutageAlert;
import io.blastradius.schemas.OutageEvidence;
import io.blastradius.schemas.OutageState;
import io.blastradius.schemas.OutageTransition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Outage alerts as the topology writes them: full outage snapshots, consecutive sequences. */
public final class AlertFixtures {
    public static final Instant ONSET = Instant.parse("2025-10-20T06:48:00Z");

    private AlertFixtures() {
    }

    /** The five transitions of a whole lifecycle, ten minutes apart, confidence rising then falling. */
    public static List<OutageAlert> lifecycle(String outageId, String scope) {
        OutageState[] states = OutageState.values();
        double[] confidence = {0.55, 0.9, 0.97, 0.6, 0.3};
        List<OutageAlert> alerts = new ArrayList<>();
        List<OutageTransition> transitions = new ArrayList<>();
        for (int i = 0; i < states.length; i++) {
            Instant at = ONSET.plus(Duration.ofMinutes(5 + 10L * i));
            OutageState previous = i == 0 ? null : states[i - 1];
            transitions.add(new OutageTransition(previous, states[i], at, "step " + (i + 1)));
            alerts.add(alert(outageId, scope, i + 1, previous, states[i], at, confidence[i], List.copyOf(transitions)));
        }
        return alerts;
    }

    /** One alert of an outage of {@code scope} (provider[/region[/service]]). */
    public static OutageAlert alert(String outageId, String scope, int sequence, OutageState previous, OutageState state,
            Instant at, double confidence, List<OutageTransition> transitions) {
        String[] parts = scope.split("/");
        boolean confirmed = state.ordinal() >= OutageState.CONFIRMED.ordinal();
        Outage outage = Outage.newBuilder()
                .setOutageId(outageId)
                .setScope(scope)
                .setProvider(parts[0])
                .setRegion(parts.length > 1 ? parts[1] : null)
                .setProviderService(parts.length > 2 ? parts[2] : null)
                .setState(state)
                .setOnset(ONSET)
                .setDetected(ONSET.plus(Duration.ofMinutes(5)))
                .setConfirmed(confirmed ? ONSET.plus(Duration.ofMinutes(15)) : null)
                .setAcknowledged(state.ordinal() >= OutageState.ACKNOWLEDGED.ordinal() ? ONSET.plus(Duration.ofMinutes(25)) : null)
                .setRecovering(state.ordinal() >= OutageState.RECOVERING.ordinal() ? ONSET.plus(Duration.ofMinutes(35)) : null)
                .setResolved(state == OutageState.RESOLVED ? at : null)
                .setUpdatedAt(at)
                .setConfidence(confidence)
                .setEvidence(OutageEvidence.newBuilder()
                        .setUnhealthyDependents(7)
                        .setTotalDependents(40)
                        .setExpectedUnhealthy(0.8)
                        .setSurprise(9.5)
                        .setAttributedProbeFailures(12)
                        .setComplaints(140)
                        .setProviderComplaints(35)
                        .setStatusIncidentIds(List.of("aws-health:ops-1"))
                        .setSummary("7 of 40 independent dependents of " + scope + " failing")
                        .build())
                .setBlastRadius(BlastRadius.newBuilder()
                        .setObserved(List.of(
                                impacted("metamask", List.of("metamask", "infura", scope), DependencyKind.RPC, 30_000_000L, at),
                                impacted("coinbase", List.of("coinbase", scope), DependencyKind.HOSTING, 100_000_000L, at)))
                        .setAtRisk(List.of(
                                impacted("venmo", List.of("venmo", scope), DependencyKind.DATABASE, 90_000_000L, null)))
                        .setImpact(Impact.newBuilder()
                                .setObservedServices(2)
                                .setAtRiskServices(1)
                                .setObservedUsers(130_000_000L)
                                .setAtRiskUsers(90_000_000L)
                                .setSecondOrderServices(1)
                                .build())
                        .build())
                .setTransitions(transitions)
                .build();
        return OutageAlert.newBuilder()
                .setAlertId(outageId + ":" + sequence)
                .setOutageId(outageId)
                .setSequence(sequence)
                .setPreviousState(previous)
                .setState(state)
                .setAt(at)
                .setReason("step " + sequence)
                .setOutage(outage)
                .build();
    }

    private static ImpactedService impacted(String service, List<String> path, DependencyKind kind, long users,
            Instant firstEvidence) {
        return ImpactedService.newBuilder()
                .setService(service)
                .setPath(path)
                .setDepth(path.size() - 1)
                .setKind(kind)
                .setFirstEvidence(firstEvidence)
                .setScore(firstEvidence == null ? 0.4 : 0.9)
                .setUsers(users)
                .build();
    }
}
