package io.blastradius.streams.query.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.blastradius.schemas.ServiceHealth;
import java.time.Instant;
import java.util.List;

/** One health judgement of a service, with the evidence of each signal type. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthView(String service, Instant windowStart, Instant windowEnd, String state, double score, Probe probe,
        Social social, Status status) {

    public record Probe(int checks, int failures, int vantages, int failingVantages, boolean quorum,
            List<String> errorClasses, List<String> attributedScopes) {
    }

    public record Social(double complaints, double baseline, double surprise, List<String> providersNamed) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(String status, String incidentId, Instant reportedAt) {
    }

    public static HealthView from(ServiceHealth h) {
        var p = h.getProbe();
        var s = h.getSocial();
        var st = h.getStatus();
        return new HealthView(h.getService(), h.getWindowStart(), h.getWindowEnd(), h.getState().name(), h.getScore(),
                new Probe(p.getChecks(), p.getFailures(), p.getVantages(), p.getFailingVantages(), p.getQuorum(),
                        List.copyOf(p.getErrorClasses()), List.copyOf(p.getAttributedScopes())),
                new Social(s.getComplaints(), s.getBaseline(), s.getSurprise(), List.copyOf(s.getProvidersNamed())),
                new Status(st.getStatus().name(), st.getIncidentId(), st.getReportedAt()));
    }
}
