package io.blastradius.streams.query.api;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blastradius.schemas.Outage;
import io.blastradius.schemas.ServiceHealth;
import io.blastradius.schemas.ServiceInfo;
import io.blastradius.schemas.scope.ScopeId;
import io.blastradius.streams.correlation.DependencyGraph;
import io.blastradius.streams.query.http.ApiException;
import io.blastradius.streams.query.http.Request;
import io.blastradius.streams.query.http.Response;
import io.blastradius.streams.query.http.Routes;
import io.blastradius.streams.query.route.LocalStores;
import io.blastradius.streams.query.route.NotServedHere;
import io.blastradius.streams.query.route.QueryRouter;
import io.blastradius.streams.query.route.Replica;
import io.blastradius.streams.query.views.QueryViews;
import io.blastradius.streams.query.views.SignalMinute;
import io.blastradius.streams.topology.CatalogView;
import io.blastradius.streams.topology.TopologyNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * The REST API over the stores: outages (list and search, one, its blast radius, its timeline),
 * services (current health and history), provider scopes (timeline). Each handler reads through
 * {@link QueryRouter}, which finds the replica that holds the data; the answers are {@link Envelope}s.
 */
public final class QueryApi {
    public static final String PREFIX = "/api/v1";
    private static final Comparator<OutageView> NEWEST_FIRST = Comparator
            .comparing(OutageView::detected, Comparator.reverseOrder()).thenComparing(OutageView::id);
    private static final long MINUTE = 60_000L;
    private static final Duration MAX_SPAN = Duration.ofHours(24);
    /** Services of a blast radius whose signals a timeline adds up; the rest are summarized by the scope's own. */
    private static final int MAX_TIMELINE_SUBJECTS = 150;
    private static final int MAX_NOTES = 200;

    private final QueryRouter router;
    private final LocalStores stores;
    private final CatalogView catalog;
    private final ObjectMapper json;
    private final Envelope envelope;
    private final JavaType outageType;
    private final JavaType signalType;

    public QueryApi(QueryRouter router, LocalStores stores, CatalogView catalog, ObjectMapper json) {
        this.router = router;
        this.stores = stores;
        this.catalog = catalog;
        this.json = json;
        this.envelope = new Envelope(json, router.self());
        this.outageType = json.constructType(OutageView.class);
        this.signalType = json.constructType(SignalPoint.class);
    }

    /** Adds the API's routes to {@code routes}. */
    public Routes register(Routes routes) {
        return routes
                .get(PREFIX + "/outages", this::outages)
                .get(PREFIX + "/outages/{id}", this::outage)
                .get(PREFIX + "/outages/{id}/blast-radius", this::blastRadius)
                .get(PREFIX + "/outages/{id}/timeline", this::outageTimeline)
                .get(PREFIX + "/services/{service}", this::service)
                .get(PREFIX + "/scopes/{scope*}/timeline", this::scopeTimeline)
                .get("/internal/v1/outages", r -> scanResponse(router.scanHere(r, (p, rep) -> scanOutages(r, p, rep))))
                .get("/internal/v1/signals", r -> scanResponse(router.scanHere(r, (p, rep) -> scanSignals(r, p, rep))));
    }

    // ---- outages

    private Response outages(Request r) {
        Params.only(r, OutageFilter.PARAMS, false);
        OutageFilter.parse(r);
        int limit = Params.limit(r);
        Params.cursor(r);
        QueryRouter.Gathered<OutageView> g = router.gather(r, TopologyNames.OUTAGES_STORE, (p, rep) -> scanOutages(r, p, rep),
                "/internal/v1/outages", outageType);
        List<OutageView> sorted = new ArrayList<>(g.items());
        sorted.sort(NEWEST_FIRST);
        List<OutageView> page = sorted.subList(0, Math.min(limit, sorted.size()));
        String next = sorted.size() > limit
                ? new Params.Cursor(page.get(page.size() - 1).detected().toEpochMilli(), page.get(page.size() - 1).id()).encode()
                : null;
        return envelope.merged(page, g.sources(), next, limit);
    }

    /** This instance's part of a search: matching outages of its partitions, newest first, one more than a page. */
    private List<OutageView> scanOutages(Request r, Set<Integer> partitions, Replica replica) throws NotServedHere {
        Params.only(r, OutageFilter.PARAMS, true);
        OutageFilter filter = OutageFilter.parse(r);
        Params.Cursor cursor = Params.cursor(r);
        int limit = Params.limit(r);
        Map<Integer, List<KeyValue<String, Outage>>> all = stores.all(TopologyNames.OUTAGES_STORE, partitions, replica);
        List<OutageView> matches = new ArrayList<>();
        for (List<KeyValue<String, Outage>> entries : all.values()) {
            for (KeyValue<String, Outage> kv : entries) {
                OutageView o = OutageView.from(kv.value);
                if (filter.matches(o) && (cursor == null || cursor.before(o.detected().toEpochMilli(), o.id()))) {
                    matches.add(o);
                }
            }
        }
        matches.sort(NEWEST_FIRST);
        return matches.subList(0, Math.min(limit + 1, matches.size())).stream().map(OutageView::brief).toList();
    }

    private Response outage(Request r) {
        Params.only(r, Set.of(), false);
        String id = outageId(r);
        return routedOutage(r, id, o -> o);
    }

    private Response blastRadius(Request r) {
        Params.only(r, Set.of(), false);
        return routedOutage(r, outageId(r), OutageView::blastRadius);
    }

    private Response routedOutage(Request r, String id, java.util.function.Function<OutageView, Object> part) {
        int partition = router.partitionOf(TopologyNames.OUTAGES_STORE, id, byProvider());
        return router.routed(r, TopologyNames.OUTAGES_STORE, partition, (p, replica) -> {
            Outage o = stores.get(TopologyNames.OUTAGES_STORE, id, p, replica);
            if (o == null) {
                throw ApiException.notFound("no outage with id '" + id + "'");
            }
            return envelope.single(part.apply(OutageView.from(o)), replica.label(), p);
        });
    }

    /** The outage itself, wherever it lives (for the endpoints built on it). */
    private OutageView fetchOutage(String id) {
        Response res = routedOutage(Request.synthetic(PREFIX + "/outages/" + id, Map.of()), id, o -> o);
        if (res.status() == 404) {
            throw ApiException.notFound("no outage with id '" + id + "'");
        }
        if (res.status() != 200) {
            throw ApiException.retry("the outage could not be read now (status " + res.status() + ")");
        }
        try {
            JsonNode root = json.readTree(res.body());
            return json.treeToValue(root.get("data"), OutageView.class);
        } catch (IOException e) {
            throw ApiException.retry("the outage's owner answered something unreadable: " + e.getMessage());
        }
    }

    private static String outageId(Request r) {
        String id = r.pathParam("id");
        if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,199}")) {
            throw ApiException.badParameter("id", "an outage id looks like aws-us-east-1-dynamodb-20251020T0711, got '" + id + "'");
        }
        return id;
    }

    /**
     * Outages live in the partition of their provider (the correlation stage is keyed by provider),
     * and an outage id starts with its provider: {@code aws-us-east-1-dynamodb-20251020T0711}.
     */
    private StreamPartitioner<String, Void> byProvider() {
        return (topic, id, value, n) -> {
            byte[] provider = providerOf(id).getBytes(StandardCharsets.UTF_8);
            return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(provider)) % n));
        };
    }

    /** The longest provider of the catalog that prefixes the id, else the part before the first dash. */
    String providerOf(String id) {
        String best = null;
        for (DependencyGraph.ProviderIndex p : catalog.graph().providers()) {
            String name = p.provider();
            if (id.startsWith(name + "-") && (best == null || name.length() > best.length())) {
                best = name;
            }
        }
        if (best != null) {
            return best;
        }
        int dash = id.indexOf('-');
        return dash < 0 ? id : id.substring(0, dash);
    }

    // ---- timelines

    /** Per-minute totals of a timeline. {@code scopeProbeFailures}: failing checks whose addresses attribute to the scope. */
    public record Minute(Instant t, int probeChecks, int probeFailures, int scopeProbeFailures, double complaints, int posts,
            int statusEvents, String worstStatus) {
    }

    /** The three signals around an outage or for a scope, minute by minute, with the posts and status updates behind them. */
    public record Timeline(String scope, String outageId, Instant from, Instant to, List<String> services,
            List<Minute> minutes, List<SignalPoint.Note> notes, List<OutageView.Transition> transitions,
            Instant detected, Instant acknowledged) {
    }

    private Response outageTimeline(Request r) {
        Params.only(r, Set.of("before", "after"), false);
        Duration before = Params.minutes(r, "before", 30, 24 * 60);
        Duration after = Params.minutes(r, "after", 30, 24 * 60);
        OutageView o = fetchOutage(outageId(r));
        Instant to = (o.resolved() != null ? o.resolved() : o.updatedAt()).plus(after);
        Instant from = o.onset().minus(before);
        if (Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
            from = to.minus(MAX_SPAN);
        }
        Set<String> services = new LinkedHashSet<>();
        o.blastRadius().observed().forEach(i -> services.add(i.service()));
        o.blastRadius().atRisk().forEach(i -> services.add(i.service()));
        List<String> limited = services.stream().limit(MAX_TIMELINE_SUBJECTS).toList();
        List<String> subjects = new ArrayList<>(limited);
        ScopeId scope = ScopeId.parse(o.scope());
        scope.selfAndAncestors().forEach(s -> subjects.add(s.toString())); // the provider's status for the region counts too
        QueryRouter.Gathered<SignalPoint> g = signals(subjects, from, to);
        Timeline t = timeline(o.scope(), o.id(), from, to, limited, g.items(), o.transitions(), o.detected(), o.acknowledged());
        return envelope.merged(t, g.sources(), null, null);
    }

    private Response scopeTimeline(Request r) {
        Params.only(r, Set.of("from", "to"), false);
        ScopeId scope = Params.scope("scope", r.pathParam("scope"));
        Instant from = Params.instant(r, "from");
        Instant to = Params.instant(r, "to");
        Params.ordered(from, to);
        boolean open = from == null || to == null;
        QueryRouter.Gathered<SignalPoint> g = signals(List.of(scope.toString()),
                from == null ? Instant.EPOCH : from, to == null ? Instant.ofEpochMilli(Long.MAX_VALUE / 4) : to);
        List<SignalPoint> points = g.items();
        if (open) {
            // without both ends, the span ends at the scope's latest signal (event time: replays look like live)
            Instant latest = points.stream().map(SignalPoint::minute).max(Comparator.naturalOrder()).orElse(Instant.now());
            Instant end = to != null ? to : latest;
            Instant start = from != null ? from : end.minus(Duration.ofHours(6));
            from = start;
            to = end;
        }
        if (Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
            throw ApiException.badParameter("from", "a timeline spans at most " + MAX_SPAN.toHours() + " hours");
        }
        Timeline t = timeline(scope.toString(), null, from, to, List.of(), points, List.of(), null, null);
        return envelope.merged(t, g.sources(), null, null);
    }

    private QueryRouter.Gathered<SignalPoint> signals(List<String> subjects, Instant from, Instant to) {
        Request internal = Request.synthetic("/internal/v1/signals", Map.of("subjects", String.join(",", subjects),
                "from", from.toString(), "to", to.toString()));
        return router.gather(internal, QueryViews.SIGNALS_STORE, (p, rep) -> scanSignals(internal, p, rep),
                "/internal/v1/signals", signalType);
    }

    private List<SignalPoint> scanSignals(Request r, Set<Integer> partitions, Replica replica) throws NotServedHere {
        Params.only(r, Set.of("subjects", "from", "to"), true);
        String subjects = r.param("subjects");
        Instant from = Params.instant(r, "from");
        Instant to = Params.instant(r, "to");
        if (subjects == null || from == null || to == null) {
            throw ApiException.badParameter("subjects", "subjects, from and to are required");
        }
        List<SignalPoint> points = new ArrayList<>();
        for (String subject : subjects.split(",")) {
            Map<Integer, List<KeyValue<Long, SignalMinute>>> found = stores.windows(QueryViews.SIGNALS_STORE, subject, from,
                    to, partitions, replica);
            for (List<KeyValue<Long, SignalMinute>> list : found.values()) {
                for (KeyValue<Long, SignalMinute> kv : list) {
                    points.add(SignalPoint.from(subject, kv.key, kv.value));
                }
            }
        }
        return points;
    }

    private static Timeline timeline(String scope, String outageId, Instant from, Instant to, List<String> services,
            List<SignalPoint> points, List<OutageView.Transition> transitions, Instant detected, Instant acknowledged) {
        long first = Math.floorDiv(from.toEpochMilli(), MINUTE);
        long last = Math.floorDiv(to.toEpochMilli(), MINUTE);
        TreeMap<Long, int[]> counts = new TreeMap<>();
        TreeMap<Long, double[]> complaints = new TreeMap<>();
        Map<Long, String> worst = new LinkedHashMap<>();
        List<SignalPoint.Note> notes = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (SignalPoint p : points) {
            long m = Math.floorDiv(p.minute().toEpochMilli(), MINUTE);
            if (m < first || m > last) {
                continue;
            }
            int[] c = counts.computeIfAbsent(m, k -> new int[5]);
            boolean isScope = p.subject().equals(scope);
            if (!isScope && ScopeId.looksLikeScope(p.subject())) {
                // a scope containing this one: its status updates matter (each once: the containing scopes
                // all carry it), its counts belong to other outages
                if (p.worstStatus() != null) {
                    worst.merge(m, p.worstStatus(), (a, b) -> "MAJOR_OUTAGE".equals(b) || "PARTIAL_OUTAGE".equals(b) ? b : a);
                }
                for (SignalPoint.Note n : p.notes()) {
                    if (n.kind().equals(SignalMinute.Note.STATUS) && seen.add(n.kind() + "|" + n.id())) {
                        notes.add(n);
                        c[4]++;
                    }
                }
                continue;
            }
            if (isScope) {
                c[2] += p.failures();
                if (services.isEmpty()) { // a scope's own timeline: its attributed checks are its probe series
                    c[0] += p.checks();
                    c[1] += p.failures();
                }
            } else {
                c[0] += p.checks();
                c[1] += p.failures();
            }
            c[3] += p.posts();
            c[4] += p.statusEvents();
            complaints.computeIfAbsent(m, k -> new double[1])[0] += p.complaints();
            if (p.worstStatus() != null) {
                worst.merge(m, p.worstStatus(), (a, b) -> "MAJOR_OUTAGE".equals(b) || "PARTIAL_OUTAGE".equals(b) ? b : a);
            }
            for (SignalPoint.Note n : p.notes()) {
                if (seen.add(n.kind() + "|" + n.id())) {
                    notes.add(n);
                }
            }
        }
        List<Minute> minutes = new ArrayList<>();
        for (long m = first; m <= last; m++) {
            int[] c = counts.getOrDefault(m, new int[5]);
            double[] cm = complaints.getOrDefault(m, new double[1]);
            minutes.add(new Minute(Instant.ofEpochMilli(m * MINUTE), c[0], c[1], c[2], cm[0], c[3], c[4], worst.get(m)));
        }
        // status updates first (rare, each matters), then the strongest complaints; shown in time order
        notes.sort(Comparator.comparing((SignalPoint.Note n) -> !n.kind().equals(SignalMinute.Note.STATUS))
                .thenComparing(n -> -n.score()));
        List<SignalPoint.Note> kept = new ArrayList<>(notes.subList(0, Math.min(MAX_NOTES, notes.size())));
        kept.sort(Comparator.comparing(SignalPoint.Note::at));
        return new Timeline(scope, outageId, from, to, services, minutes, kept, transitions, detected, acknowledged);
    }

    // ---- services

    /** A service as the catalog knows it, its latest health and its recent health history. */
    public record ServiceView(String service, String name, String organization, String category, Long users,
            String statusPage, List<Dependency> dependencies, HealthView health, List<HealthView> history) {
    }

    public record Dependency(String target, boolean scope, String kind, String criticality) {
    }

    private Response service(Request r) {
        Params.only(r, Set.of("from", "to"), false);
        String service = Params.id(r, "service", r.pathParam("service"));
        Instant from = Params.instant(r, "from");
        Instant to = Params.instant(r, "to");
        Params.ordered(from, to);
        int partition = router.partitionOf(TopologyNames.SERVICE_HEALTH_STORE, service);
        return router.routed(r, TopologyNames.SERVICE_HEALTH_STORE, partition, (p, replica) -> {
            ServiceHealth latest = stores.get(TopologyNames.SERVICE_HEALTH_STORE, service, p, replica);
            ServiceInfo meta = stores.global(TopologyNames.SERVICES_STORE, service);
            if (latest == null && meta == null) {
                throw ApiException.notFound("no service '" + service + "' in the catalog or the health records");
            }
            Instant end = to != null ? to : latest != null ? latest.getWindowEnd() : Instant.now();
            Instant start = from != null ? from : end.minus(Duration.ofHours(6));
            List<HealthView> history = new ArrayList<>();
            for (List<KeyValue<Long, ServiceHealth>> list : stores.<ServiceHealth>windows(QueryViews.HEALTH_HISTORY_STORE,
                    service, start, end, Set.of(p), replica).values()) {
                list.forEach(kv -> history.add(HealthView.from(kv.value)));
            }
            List<Dependency> deps = catalog.graph().edgesOf(service).stream()
                    .map(e -> new Dependency(e.target(), e.targetIsScope(), e.kind(), e.criticality())).toList();
            ServiceView view = new ServiceView(service, meta == null ? null : meta.getName(),
                    meta == null ? null : meta.getOrganization(), meta == null ? null : meta.getCategory(),
                    meta == null ? null : meta.getUsers(), meta == null ? null : meta.getStatusPage(), deps,
                    latest == null ? null : HealthView.from(latest), history);
            return envelope.single(view, replica.label(), p);
        });
    }

    private Response scanResponse(QueryRouter.ScanResult<?> result) throws IOException {
        return Response.json(200, json.writeValueAsBytes(result));
    }
}
