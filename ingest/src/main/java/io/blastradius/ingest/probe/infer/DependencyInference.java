package io.blastradius.ingest.probe.infer;

import io.blastradius.schemas.Criticality;
import io.blastradius.schemas.DependencyKind;
import io.blastradius.schemas.DependencySource;
import io.blastradius.schemas.DependencyTargetType;
import io.blastradius.schemas.IpAttribution;
import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.ServiceDependency;
import io.blastradius.schemas.scope.ScopeId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Infers service → provider-scope dependencies from what probes observe, for the catalog topic.
 *
 * <p>Evidence per probe result: each CNAME in the chain that matches a provider pattern
 * ({@link CnamePatterns}: {@code *.cloudfront.net}, {@code *.elb.amazonaws.com}, ...), and each
 * resolved address that the published ranges attribute to a provider. Strength of one piece:
 * {@value #CNAME_STRENGTH} for a CNAME, {@value #SERVICE_STRENGTH} for an address in a named
 * service's range, {@value #REGION_STRENGTH} for an address in a region's range only,
 * {@value #PROVIDER_STRENGTH} for a provider-wide range; pieces for the same scope in one result
 * combine as independent ({@code 1 - Π(1 - s)}).
 *
 * <p>Confidence of an edge, per check and then the best check of the service:
 * {@code strength × consistency × (1 - 0.5^seen)}, where consistency is the share of the check's
 * observations in the window that showed the scope, and the last factor grows with how often it
 * was seen. An edge is published when it first reaches {@code minConfidence}, again when its
 * confidence moves by {@value #REPUBLISH_DELTA} or more or its last publication is older than
 * {@code republishAfter}, and withdrawn (a tombstone) when it falls below half of
 * {@code minConfidence} or leaves the window, so that an edge does not flap on every probe.
 * All time is event time (the results' {@code startedAt}), so a replay infers the same edges.
 * Edges the catalog declares are never published, so inferred records cannot overwrite declared
 * ones that share the {@code service|target} key.
 */
public final class DependencyInference {
    static final double CNAME_STRENGTH = 0.9;
    static final double SERVICE_STRENGTH = 0.8;
    static final double REGION_STRENGTH = 0.7;
    static final double PROVIDER_STRENGTH = 0.5;
    static final double REPUBLISH_DELTA = 0.05;
    private static final double CRITICAL_CONSISTENCY = 0.9;

    private final Duration window;
    private final int maxObservations;
    private final double minConfidence;
    private final Duration republishAfter;
    private final Predicate<String> declared;
    private final Map<String, Map<String, CheckHistory>> checksByService = new HashMap<>();
    private final Map<String, Map<String, Published>> publishedByService = new HashMap<>();

    /**
     * @param window how far back observations count (event time)
     * @param maxObservations observations kept per check, to bound memory
     * @param minConfidence below it an edge is not published (or is withdrawn)
     * @param republishAfter an unchanged edge is published again after this long, refreshing {@code updatedAt}
     * @param declared true for {@code service|target} keys the catalog declares (never inferred)
     */
    public DependencyInference(Duration window, int maxObservations, double minConfidence, Duration republishAfter,
            Predicate<String> declared) {
        this.window = Objects.requireNonNull(window, "window");
        if (maxObservations < 1) {
            throw new IllegalArgumentException("maxObservations must be at least 1");
        }
        this.maxObservations = maxObservations;
        this.minConfidence = minConfidence;
        this.republishAfter = Objects.requireNonNull(republishAfter, "republishAfter");
        this.declared = Objects.requireNonNull(declared, "declared");
    }

    /**
     * A change to publish on the catalog topic.
     *
     * @param key {@code service|target}
     * @param value the edge, or null to withdraw it (a tombstone)
     */
    public record Update(String key, ServiceDependency value) {
    }

    /** Takes one probe result into account; returns the edges to publish or withdraw because of it. */
    public synchronized List<Update> observe(ProbeResult result) {
        Map<ScopeId, Evidence> evidence = evidenceOf(result);
        String service = result.getTarget().getService();
        Instant at = result.getStartedAt();
        if (evidence.isEmpty() && result.getResolvedIps().isEmpty()) {
            return List.of(); // nothing resolved (a DNS failure): says nothing about where the service lives
        }
        CheckHistory history = checksByService.computeIfAbsent(service, k -> new HashMap<>())
                .computeIfAbsent(result.getCheckId(), id -> new CheckHistory(result.getTarget().getEndpoint()));
        history.add(new Observation(at, evidence), at.minus(window), maxObservations);
        return reconcile(service, at);
    }

    /** The currently published edges (for tests and monitoring). */
    public synchronized Map<String, ServiceDependency> published() {
        Map<String, ServiceDependency> out = new TreeMap<>();
        publishedByService.values().forEach(m -> m.forEach((k, p) -> out.put(k, p.value)));
        return out;
    }

    private List<Update> reconcile(String service, Instant now) {
        Map<ScopeId, Edge> best = new TreeMap<>(); // sorted: the same input gives the same output order
        for (CheckHistory h : checksByService.getOrDefault(service, Map.of()).values()) {
            h.evict(now.minus(window));
            for (Edge e : h.edges()) {
                best.merge(e.scope, e, (a, b) -> a.confidence >= b.confidence ? a : b);
            }
        }
        List<Update> updates = new ArrayList<>();
        Map<String, Published> published = publishedByService.computeIfAbsent(service, k -> new TreeMap<>());
        for (Edge e : best.values()) {
            String key = service + "|" + e.scope;
            if (declared.test(key)) {
                continue;
            }
            Published previous = published.get(key);
            boolean publish = previous == null ? e.confidence >= minConfidence
                    : e.confidence >= withdrawBelow()
                            && (Math.abs(e.confidence - previous.value.getConfidence()) >= REPUBLISH_DELTA - 1e-9
                                    || e.criticality != previous.value.getCriticality()
                                    || !now.isBefore(previous.at.plus(republishAfter)));
            if (publish) {
                ServiceDependency value = ServiceDependency.newBuilder()
                        .setService(service)
                        .setTarget(e.scope.toString())
                        .setTargetType(DependencyTargetType.SCOPE)
                        .setKind(e.kind)
                        .setCriticality(e.criticality)
                        .setSource(DependencySource.INFERRED)
                        .setConfidence(e.confidence)
                        .setDocumented(false)
                        .setReference(e.reference)
                        .setUpdatedAt(now)
                        .build();
                published.put(key, new Published(value, now));
                updates.add(new Update(key, value));
            }
        }
        for (String key : new ArrayList<>(published.keySet())) {
            ScopeId scope = ScopeId.parse(key.substring(service.length() + 1));
            Edge e = best.get(scope);
            if (e == null || e.confidence < withdrawBelow()) {
                published.remove(key);
                updates.add(new Update(key, null));
            }
        }
        return updates;
    }

    /** Hysteresis: an edge, once published, stays until it drops to half the publishing threshold. */
    private double withdrawBelow() {
        return minConfidence / 2;
    }

    // ---- evidence ---------------------------------------------------------------------------------

    private static Map<ScopeId, Evidence> evidenceOf(ProbeResult r) {
        Map<ScopeId, Evidence> out = new LinkedHashMap<>();
        for (String cname : r.getCnames()) {
            CnamePatterns.match(cname).ifPresent(m -> out.merge(m.scope(),
                    new Evidence(CNAME_STRENGTH, m.kind(), "CNAME " + cname), Evidence::combine));
        }
        for (IpAttribution a : r.getAttributions()) {
            if (a.getProvider() == null) {
                continue;
            }
            ScopeId scope;
            try {
                scope = ScopeId.of(a.getProvider(), a.getRegion(), a.getProviderService());
            } catch (IllegalArgumentException e) {
                continue; // an attribution that is not a valid scope cannot become an edge
            }
            double strength = scope.service() != null ? SERVICE_STRENGTH
                    : scope.isGlobalRegion() ? PROVIDER_STRENGTH : REGION_STRENGTH;
            out.merge(scope, new Evidence(strength, kindOf(scope), a.getIp() + " in " + a.getPrefix()), Evidence::combine);
        }
        return out;
    }

    /** What a service uses a provider scope for, judged by the scope's provider service. */
    static DependencyKind kindOf(ScopeId scope) {
        String s = scope.service();
        if (s == null) {
            return DependencyKind.HOSTING;
        }
        return switch (s) {
            case "cloudfront", "cdn", "front-door", "firebase-hosting" -> DependencyKind.CDN;
            case "s3", "storage", "gcs", "object-storage", "osn", "spaces" -> DependencyKind.STORAGE;
            case "ec2", "compute", "vm", "lambda", "cloud-run" -> DependencyKind.COMPUTE;
            case "elb", "nlb", "global-accelerator", "load-balancing" -> DependencyKind.LOAD_BALANCER;
            case "route53", "dns", "azure-dns", "cloud-dns", "traffic-manager" -> DependencyKind.DNS;
            case "dynamodb", "sql", "cosmos-db", "cloud-sql", "spanner" -> DependencyKind.DATABASE;
            case "api-gateway", "api-management" -> DependencyKind.API;
            default -> DependencyKind.HOSTING;
        };
    }

    private record Evidence(double strength, DependencyKind kind, String reference) {
        Evidence combine(Evidence other) {
            Evidence stronger = strength >= other.strength ? this : other;
            double combined = 1 - (1 - strength) * (1 - other.strength);
            return new Evidence(combined, stronger.kind, reference + "; " + other.reference);
        }
    }

    private record Observation(Instant at, Map<ScopeId, Evidence> evidence) {
    }

    private record Edge(ScopeId scope, double confidence, Criticality criticality, DependencyKind kind, String reference) {
    }

    private record Published(ServiceDependency value, Instant at) {
    }

    /** The recent observations of one check. */
    private static final class CheckHistory {
        final String endpoint;
        final Deque<Observation> observations = new ArrayDeque<>();

        CheckHistory(String endpoint) {
            this.endpoint = endpoint;
        }

        void add(Observation o, Instant oldest, int max) {
            observations.addLast(o);
            while (observations.size() > max) {
                observations.removeFirst();
            }
            evict(oldest);
        }

        void evict(Instant oldest) {
            observations.removeIf(o -> o.at.isBefore(oldest));
        }

        List<Edge> edges() {
            int total = observations.size();
            if (total == 0) {
                return List.of();
            }
            Map<ScopeId, int[]> seen = new HashMap<>();
            Map<ScopeId, Evidence> strongest = new HashMap<>();
            for (Observation o : observations) {
                o.evidence.forEach((scope, ev) -> {
                    seen.computeIfAbsent(scope, k -> new int[1])[0]++;
                    strongest.merge(scope, ev, (a, b) -> a.strength >= b.strength ? a : b);
                });
            }
            List<Edge> edges = new ArrayList<>(seen.size());
            seen.forEach((scope, count) -> {
                int n = count[0];
                double consistency = (double) n / total;
                double confidence = strongest.get(scope).strength * consistency * (1 - Math.pow(0.5, n));
                confidence = Math.round(confidence * 100) / 100.0;
                Evidence ev = strongest.get(scope);
                String reference = ev.reference + " (" + endpoint + ", seen in " + n + " of " + total + " probes)";
                edges.add(new Edge(scope, confidence, consistency >= CRITICAL_CONSISTENCY ? Criticality.CRITICAL
                        : Criticality.DEGRADING, ev.kind, reference));
            });
            return edges;
        }
    }
}
