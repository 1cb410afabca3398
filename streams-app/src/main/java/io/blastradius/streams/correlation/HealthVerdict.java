package io.blastradius.streams.correlation;

import java.util.List;

/**
 * The judged health of one service over a view of closed minutes, with the evidence behind it.
 *
 * @param state HEALTHY, DEGRADED, DOWN, or UNKNOWN when nothing was observed
 * @param score 0..1 belief that the service is failing
 */
public record HealthVerdict(Level state, double score, ProbeSummary probe, SocialSummary social, StatusSummary status) {

    /** Health levels, in the order of the Avro {@code HealthState}. */
    public enum Level {
        HEALTHY, DEGRADED, DOWN, UNKNOWN;

        public boolean unhealthy() {
            return this == DEGRADED || this == DOWN;
        }
    }

    public boolean unhealthy() {
        return state.unhealthy();
    }

    /** Synthetic-check evidence in the view. */
    public record ProbeSummary(int checks, int failures, int vantages, int failingVantages, boolean quorum,
            List<String> errorClasses, List<String> attributedScopes, double score) {
    }

    /** Complaint evidence in the view. */
    public record SocialSummary(double complaints, double baseline, double surprise, List<String> providersNamed,
            double score) {
    }

    /** The service's own status page. */
    public record StatusSummary(String status, String incidentId, Long reportedAt, double score) {
    }
}
