package io.blastradius.evaluation.testing;

import io.blastradius.schemas.BlastRadius;
import io.blastradius.schemas.DependencyKind;
import io.blastradius.schemas.Impact;
import io.blastradius.schemas.ImpactedService;
import io.blastradius.schemas.Outage;
import io.blastradius.schemas.OutageAlert;
import io.blastradius.schemas.OutageEvidence;
import io.blastradius.schemas.OutageState;
import io.blastradius.schemas.scope.ScopeId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Hand-made pipeline output records: the Avro {@link Outage} and {@link OutageAlert} a pipeline would write. */
public final class OutageRecords {
    private OutageRecords() {
    }

    public static Outage version(String id, ScopeId scope, Instant detected, Instant updatedAt, OutageState state,
                                 Collection<String> observed, Collection<String> atRisk) {
        List<ImpactedService> observedServices = observed.stream().map(s -> impacted(s, scope, updatedAt)).toList();
        List<ImpactedService> atRiskServices = atRisk.stream().map(s -> impacted(s, scope, null)).toList();
        return Outage.newBuilder()
                .setOutageId(id)
                .setScope(scope.toString())
                .setProvider(scope.provider())
                .setRegion(scope.region())
                .setProviderService(scope.service())
                .setState(state)
                .setOnset(detected)
                .setDetected(detected)
                .setResolved(state == OutageState.RESOLVED ? updatedAt : null)
                .setUpdatedAt(updatedAt)
                .setConfidence(0.9)
                .setEvidence(OutageEvidence.newBuilder()
                        .setUnhealthyDependents(observed.size()).setTotalDependents(observed.size() + atRisk.size())
                        .setExpectedUnhealthy(0.1).setSurprise(8).setAttributedProbeFailures(observed.size())
                        .setComplaints(observed.size()).setProviderComplaints(0).build())
                .setBlastRadius(BlastRadius.newBuilder()
                        .setObserved(observedServices)
                        .setAtRisk(atRiskServices)
                        .setImpact(Impact.newBuilder().setObservedServices(observed.size())
                                .setAtRiskServices(atRisk.size()).setObservedUsers(0).setAtRiskUsers(0)
                                .setSecondOrderServices(0).build())
                        .build())
                .build();
    }

    public static OutageAlert alert(Outage outage, int sequence, OutageState previous, Instant at, String reason) {
        return OutageAlert.newBuilder()
                .setAlertId(outage.getOutageId() + ":" + sequence)
                .setOutageId(outage.getOutageId())
                .setSequence(sequence)
                .setPreviousState(previous)
                .setState(outage.getState())
                .setAt(at)
                .setReason(reason)
                .setOutage(outage)
                .build();
    }

    private static ImpactedService impacted(String service, ScopeId scope, Instant firstEvidence) {
        return ImpactedService.newBuilder()
                .setService(service).setPath(List.of(service, scope.toString())).setDepth(1)
                .setKind(DependencyKind.HOSTING).setFirstEvidence(firstEvidence).setScore(0.8).build();
    }
}
