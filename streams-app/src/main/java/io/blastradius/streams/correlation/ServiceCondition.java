package io.blastradius.streams.correlation;

import java.util.List;

/**
 * What the correlator knows about one service at the moment it decides.
 *
 * @param unhealthy judged DEGRADED or DOWN around the decision time
 * @param score the health score behind it, 0..1
 * @param since event time the current unhealthy streak began (meaningless when healthy)
 * @param baseRate how often the service is usually unhealthy (share of minutes), learned with a prior
 * @param attributedScopes scopes the failing checks' addresses attribute to
 */
public record ServiceCondition(String service, boolean unhealthy, double score, long since, double baseRate,
        List<String> attributedScopes) {

    public static ServiceCondition healthy(String service, double baseRate) {
        return new ServiceCondition(service, false, 0, 0, baseRate, List.of());
    }
}
