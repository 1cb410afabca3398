package io.blastradius.ingest.simulate;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Something that happens in a scenario, told apart by its {@code type}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Incident.ProviderOutage.class, name = "provider-outage"),
        @JsonSubTypes.Type(value = Incident.ServiceIncident.class, name = "service-incident"),
        @JsonSubTypes.Type(value = Incident.VantageTrouble.class, name = "vantage-trouble"),
        @JsonSubTypes.Type(value = Incident.Chatter.class, name = "chatter")})
public sealed interface Incident {

    /**
     * A provider outage: the truth the evaluation scores against.
     *
     * @param scope the scope that explains the whole outage
     * @param end when the provider says all is normal (default: the last phase's end)
     * @param acknowledged the provider's first status post; or give {@code ackDelay}, or {@code silent}
     * @param phases the more specific scopes active over time (default: one phase, the outage's scope and span)
     * @param updates the provider's status posts (default: generated from the acknowledgment, phases and end)
     * @param providerPostsPerHour posts naming the provider at the height of the outage
     * @param statusPages per-service status-page behaviour during this outage
     */
    record ProviderOutage(String id, String scope, String title, TimeRef onset, TimeRef end, TimeRef acknowledged,
            Duration ackDelay, Boolean silent, List<Phase> phases, List<Update> updates, Double providerPostsPerHour,
            Map<String, Scenario.StatusPage> statusPages) implements Incident {
        public ProviderOutage {
            silent = silent != null && silent;
            phases = phases == null ? List.of() : List.copyOf(phases);
            updates = updates == null ? List.of() : List.copyOf(updates);
            statusPages = statusPages == null ? Map.of() : Map.copyOf(statusPages);
        }
    }

    /**
     * One phase of an outage: a scope failing over a span.
     *
     * @param severity chance that a check of a critically hit service fails (halved for degrading paths)
     * @param errors how failed checks fail, by error class ({@code http-5xx: 0.7, read-timeout: 0.3});
     *     default: from the kind of dependency that failed
     * @param lag delay from the phase start to each hit service failing (plus a little per hop)
     * @param recovery delay from the phase end to each hit service recovering (caches, retries)
     */
    record Phase(String scope, TimeRef from, TimeRef until, Share severity, Map<String, Double> errors, Impact impact,
            Oscillation oscillation, Span lag, Span recovery) {
        public Phase {
            severity = severity == null ? Share.of(0.9) : severity;
            errors = errors == null ? Map.of() : Map.copyOf(errors);
            impact = impact == null ? new Impact(null, null, null, null, null) : impact;
            lag = lag == null ? Span.between("0s", "3m") : lag;
            recovery = recovery == null ? Span.between("1m", "15m") : recovery;
        }
    }

    /**
     * Which dependents of a phase's scope are hit.
     *
     * @param services always hit (each must depend on the scope)
     * @param exclude never hit
     * @param fraction share of the other dependents with a critical path into the scope
     * @param degradingFraction share of dependents whose path is only degrading
     * @param enclosingFraction share of dependents that sit in a scope enclosing or overlapping it
     *     (hosted in the region, the outage is one service of it)
     */
    record Impact(List<String> services, List<String> exclude, Double fraction, Double degradingFraction,
            Double enclosingFraction) {
        public Impact {
            services = services == null ? List.of() : List.copyOf(services);
            exclude = exclude == null ? List.of() : List.copyOf(exclude);
            fraction = fraction == null ? 0.7 : fraction;
            degradingFraction = degradingFraction == null ? 0.2 : degradingFraction;
            enclosingFraction = enclosingFraction == null ? 0.05 : enclosingFraction;
        }
    }

    /** Impact that comes and goes: on for a while, off for a while, until {@code until} (default: the phase end). */
    record Oscillation(Span on, Span off, TimeRef until) {
        public Oscillation {
            on = on == null ? Span.between("5m", "15m") : on;
            off = off == null ? Span.between("3m", "10m") : off;
        }
    }

    /**
     * A post on the provider's status feed.
     *
     * @param status incident phase: investigating, identified, monitoring, resolved
     * @param componentStatus operational, degraded, partial-outage, major-outage (default by phase severity)
     * @param scope what it names (default: the phase active at that time)
     */
    record Update(TimeRef at, String status, String componentStatus, String scope, String title, String body) {
    }

    /** A single service failing on its own (a deploy, an expired certificate): noise, not a provider outage. */
    record ServiceIncident(String service, TimeRef from, TimeRef until, Share severity, Map<String, Double> errors,
            String cause, Scenario.StatusPage statusPage) implements Incident {
        public ServiceIncident {
            severity = severity == null ? Share.of(0.9) : severity;
            errors = errors == null ? Map.of() : Map.copyOf(errors);
            cause = cause == null ? "deploy" : cause;
        }
    }

    /** A vantage point's own network trouble: every check from it fails often. */
    record VantageTrouble(String vantage, TimeRef from, TimeRef until, Double failureRate, Map<String, Double> errors)
            implements Incident {
        public VantageTrouble {
            failureRate = failureRate == null ? 0.85 : failureRate;
            errors = errors == null ? Map.of() : Map.copyOf(errors);
        }
    }

    /** People talking about a provider while nothing is wrong (a launch, a keynote, a price change). */
    record Chatter(String provider, TimeRef from, TimeRef until, String topic, Double postsPerHour) implements Incident {
        public Chatter {
            postsPerHour = postsPerHour == null ? 200.0 : postsPerHour;
        }
    }
}
