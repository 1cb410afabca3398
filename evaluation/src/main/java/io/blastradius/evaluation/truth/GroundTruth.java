package io.blastradius.evaluation.truth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The ground truth of one scenario run, as the simulator wrote it in {@code truth.json}
 * ({@code docs/truth-format.md}): the true provider outages and the injected noise that is not one.
 */
public record GroundTruth(
        String scenario,
        String world,
        Long seed,
        Instant start,
        Instant end,
        List<TrueOutage> outages,
        List<ServiceIncident> serviceIncidents,
        List<VantageIncident> vantageIncidents,
        List<Chatter> chatter) {

    public GroundTruth {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        outages = List.copyOf(outages);
        serviceIncidents = List.copyOf(serviceIncidents);
        vantageIncidents = List.copyOf(vantageIncidents);
        chatter = List.copyOf(chatter);
    }

    /** Simulated time covered by the scenario. */
    public Duration span() {
        return Duration.between(start, end);
    }

    /** A service's own failure, not caused by a provider (a bad deploy, say). */
    public record ServiceIncident(String service, Instant from, Instant until, String cause) {
    }

    /** A vantage point's own network trouble: its probes fail whatever they target. */
    public record VantageIncident(String vantage, Instant from, Instant until) {
    }

    /** Complaint-like talk about a provider while nothing is wrong with it. */
    public record Chatter(String provider, Instant from, Instant until, String topic) {
    }
}
