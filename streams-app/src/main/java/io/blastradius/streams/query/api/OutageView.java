package io.blastradius.streams.query.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.blastradius.schemas.ImpactedService;
import io.blastradius.schemas.Outage;
import io.blastradius.schemas.OutageState;
import io.blastradius.schemas.OutageTransition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An outage as the API shows it. The list endpoints send it without the evidence, blast radius and
 * lifecycle ({@link #brief()}); one outage comes whole.
 *
 * @param leadSeconds how long before the provider acknowledged it the pipeline detected it (negative
 *     if the provider was first); null while the provider has said nothing
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutageView(String id, String scope, String provider, String region, String providerService, String state,
        boolean active, Instant onset, Instant detected, Instant confirmed, Instant acknowledged, Instant recovering,
        Instant resolved, Instant updatedAt, double confidence, Long leadSeconds, int observedServices,
        int atRiskServices, String summary, Evidence evidence, BlastRadiusView blastRadius, List<Transition> transitions) {

    /** Why the pipeline believes it. */
    public record Evidence(int unhealthyDependents, int totalDependents, double expectedUnhealthy, double surprise,
            int attributedProbeFailures, double complaints, double providerComplaints, List<String> statusIncidentIds,
            String summary) {
    }

    /** One lifecycle step. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Transition(String from, String to, Instant at, String reason) {
    }

    /** Who is hit (observed), who depends on the scope without evidence yet (at risk), the paths, the impact. */
    public record BlastRadiusView(String scope, List<Impacted> observed, List<Impacted> atRisk, Impact impact) {
    }

    /** One service in the blast radius; {@code path} runs from the service to the scope, e.g. metamask → infura → aws/us-east-1. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Impacted(String service, List<String> path, int depth, String kind, Instant firstEvidence,
            double score, long users) {
    }

    public record Impact(int observedServices, int atRiskServices, long observedUsers, long atRiskUsers,
            int secondOrderServices) {
    }

    /** States in which an outage is still going on. */
    public static boolean isActive(String state) {
        return !OutageState.RESOLVED.name().equals(state);
    }

    public static OutageView from(Outage o) {
        Long lead = o.getAcknowledged() == null ? null
                : Duration.between(o.getDetected(), o.getAcknowledged()).toSeconds();
        var e = o.getEvidence();
        var br = o.getBlastRadius();
        var impact = br.getImpact();
        return new OutageView(o.getOutageId(), o.getScope(), o.getProvider(), o.getRegion(), o.getProviderService(),
                o.getState().name(), isActive(o.getState().name()), o.getOnset(), o.getDetected(), o.getConfirmed(),
                o.getAcknowledged(), o.getRecovering(), o.getResolved(), o.getUpdatedAt(), o.getConfidence(), lead,
                br.getObserved().size(), br.getAtRisk().size(), e.getSummary(),
                new Evidence(e.getUnhealthyDependents(), e.getTotalDependents(), e.getExpectedUnhealthy(), e.getSurprise(),
                        e.getAttributedProbeFailures(), e.getComplaints(), e.getProviderComplaints(),
                        List.copyOf(e.getStatusIncidentIds()), e.getSummary()),
                new BlastRadiusView(o.getScope(), impacted(br.getObserved()), impacted(br.getAtRisk()),
                        new Impact(impact.getObservedServices(), impact.getAtRiskServices(), impact.getObservedUsers(),
                                impact.getAtRiskUsers(), impact.getSecondOrderServices())),
                o.getTransitions().stream().map(OutageView::transition).toList());
    }

    /** Without evidence, blast radius and lifecycle: the form of the list endpoints and live events. */
    public OutageView brief() {
        return new OutageView(id, scope, provider, region, providerService, state, active, onset, detected, confirmed,
                acknowledged, recovering, resolved, updatedAt, confidence, leadSeconds, observedServices, atRiskServices,
                summary, null, null, null);
    }

    /** The outage's span in event time: from onset to resolution, open-ended while it goes on. */
    public boolean overlaps(Instant from, Instant to) {
        boolean startsBeforeEnd = to == null || !onset.isAfter(to);
        boolean endsAfterStart = from == null || resolved == null || !resolved.isBefore(from);
        return startsBeforeEnd && endsAfterStart;
    }

    private static List<Impacted> impacted(List<ImpactedService> list) {
        return list.stream().map(i -> new Impacted(i.getService(), List.copyOf(i.getPath()), i.getDepth(),
                i.getKind() == null ? null : i.getKind().name(), i.getFirstEvidence(), i.getScore(), i.getUsers())).toList();
    }

    private static Transition transition(OutageTransition t) {
        return new Transition(t.getFrom() == null ? null : t.getFrom().name(), t.getTo().name(), t.getAt(), t.getReason());
    }
}
