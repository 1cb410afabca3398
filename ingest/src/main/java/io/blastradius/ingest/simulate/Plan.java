package io.blastradius.ingest.simulate;

import io.blastradius.ingest.catalog.World;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.scope.ScopeId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything decided about a scenario before a single signal is generated: which outages happen,
 * who they hit and when, the noise incidents, and every status post. The truth is read off it, and
 * the signal streams are drawn from it minute by minute.
 */
public record Plan(
        String scenario,
        World world,
        long seed,
        Instant start,
        Instant end,
        Scenario.Noise noise,
        List<PlannedOutage> outages,
        List<PlannedServiceIncident> serviceIncidents,
        List<PlannedVantageTrouble> vantageTroubles,
        List<PlannedChatter> chatter,
        Map<String, List<Failure>> failures,
        List<StatusEvent> statusEvents) {

    /**
     * A span in which a service fails: checks fail with probability {@code severity}, the way
     * {@code errors} says; {@code cause} names the outage or incident.
     */
    public record Failure(long from, long until, double severity, ErrorMix errors, String cause) {
        public boolean covers(long t) {
            return t >= from && t < until;
        }
    }

    /** A provider outage with its phases and everyone it hit. */
    public record PlannedOutage(String id, String provider, ScopeId scope, String title, Instant onset, Instant acknowledged,
            Instant end, List<PlannedPhase> phases, List<PlannedHit> hits, double providerPostsPerHour) {
    }

    public record PlannedPhase(ScopeId scope, Instant from, Instant until, double severity) {
    }

    /**
     * A service an outage hit: when it first failed and last recovered, the spans it was failing
     * in (several when the outage oscillated or came back in a later phase), and one dependency path.
     */
    public record PlannedHit(String service, Instant from, Instant until, List<String> path, List<Failure> spans) {
    }

    public record PlannedServiceIncident(String service, Instant from, Instant until, double severity, String cause) {
    }

    public record PlannedVantageTrouble(String vantage, Instant from, Instant until, double failureRate, ErrorMix errors) {
        public boolean covers(long t) {
            return t >= from.toEpochMilli() && t < until.toEpochMilli();
        }
    }

    public record PlannedChatter(String provider, Instant from, Instant until, String topic, double postsPerHour) {
    }
}
