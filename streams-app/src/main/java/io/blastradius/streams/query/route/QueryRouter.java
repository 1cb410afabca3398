package io.blastradius.streams.query.route;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blastradius.streams.query.http.ApiException;
import io.blastradius.streams.query.http.Request;
import io.blastradius.streams.query.http.Response;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides who answers a query. A key lives in one partition of a store: the active replica answers
 * (here, or forwarded over HTTP to the instance that {@code application.server} metadata names),
 * then a standby; when none can, the caller gets 503 with Retry-After, never a wait without bound
 * nor an answer from a replica that no longer owns the partition ({@code requireActive}). Queries
 * over a whole store ask every partition's owner for its part and merge; a partition nobody can
 * answer for makes the whole answer a 503, never a silently partial one.
 */
public final class QueryRouter {
    private static final Logger LOG = LoggerFactory.getLogger(QueryRouter.class);

    /** Answers for one partition from this instance's replica of it. */
    @FunctionalInterface
    public interface LocalAnswer {
        Response answer(int partition, Replica replica) throws NotServedHere;
    }

    /** Reads the given partitions of a store here (filtered and bounded by the request's parameters). */
    @FunctionalInterface
    public interface LocalScan<T> {
        List<T> scan(Set<Integer> partitions, Replica replica) throws NotServedHere;
    }

    /** Who contributed to a merged answer. */
    public record Source(String host, String replica, List<Integer> partitions) {
    }

    /** A merged answer and its sources. */
    public record Gathered<T>(List<T> items, List<Source> sources) {
    }

    /** What an instance answers to a scan request from another instance. */
    public record ScanResult<T>(List<Integer> partitions, String replica, List<T> items) {
    }

    private final KafkaStreams streams;
    private final HostInfo self;
    private final Forwarder forwarder;
    private final ObjectMapper json;
    private final long timeoutMillis;

    public QueryRouter(KafkaStreams streams, HostInfo self, Forwarder forwarder, ObjectMapper json, long timeoutMillis) {
        this.streams = streams;
        this.self = self;
        this.forwarder = forwarder;
        this.json = json;
        this.timeoutMillis = timeoutMillis;
    }

    /** This instance as {@code host:port}. */
    public String self() {
        return self.host() + ":" + self.port();
    }

    /** The partition of {@code store} that holds {@code key} under the default (murmur2) partitioning. */
    public int partitionOf(String store, String key) {
        return check(streams.queryMetadataForKey(store, key, Serdes.String().serializer()), store).partition();
    }

    /** The partition of {@code store} that {@code partitioner} puts {@code key} in. */
    public int partitionOf(String store, String key, StreamPartitioner<String, Void> partitioner) {
        return check(streams.queryMetadataForKey(store, key, partitioner), store).partition();
    }

    /**
     * Answers for one partition: here if the request was already routed to this instance, otherwise
     * from the active replica, then each standby, here or forwarded.
     */
    public Response routed(Request request, String store, int partition, LocalAnswer local) {
        String routed = request.header(Forwarder.ROUTE_HEADER);
        if (routed != null) {
            try {
                return local.answer(partition, Replica.parse(routed));
            } catch (NotServedHere e) {
                throw ApiException.retry(e.getMessage());
            }
        }
        KeyQueryMetadata md = metadata(store, partition);
        List<Map.Entry<HostInfo, Replica>> candidates = new ArrayList<>();
        if (!md.activeHost().equals(KeyQueryMetadata.NOT_AVAILABLE.activeHost()) && md.activeHost().port() >= 0) {
            candidates.add(Map.entry(md.activeHost(), Replica.ACTIVE));
        }
        md.standbyHosts().stream().sorted(Comparator.comparing(HostInfo::host).thenComparingInt(HostInfo::port))
                .forEach(h -> candidates.add(Map.entry(h, Replica.STANDBY)));
        List<String> tried = new ArrayList<>();
        for (Map.Entry<HostInfo, Replica> c : candidates) {
            HostInfo host = c.getKey();
            Replica replica = c.getValue();
            if (host.equals(self)) {
                try {
                    return local.answer(partition, replica);
                } catch (NotServedHere e) {
                    tried.add(self() + " (" + replica.label() + "): " + e.getMessage());
                    continue;
                }
            }
            try {
                HttpResponse<byte[]> r = forwarder.getNow(host, request.pathAndQuery(),
                        Map.of(Forwarder.ROUTE_HEADER, replica.label()));
                if (r.statusCode() != 503) {
                    Response out = Response.json(r.statusCode(), r.body());
                    return r.headers().firstValue("Retry-After").map(v -> out.withHeader("Retry-After", v)).orElse(out);
                }
                tried.add(host.host() + ":" + host.port() + " (" + replica.label() + "): 503");
            } catch (IOException e) {
                tried.add(host.host() + ":" + host.port() + " (" + replica.label() + "): " + e.getMessage());
            }
        }
        throw ApiException.retry("no replica of partition " + partition + " of " + store + " could answer now"
                + (tried.isEmpty() ? " (the instances are rebalancing)" : ": " + String.join("; ", tried)));
    }

    /**
     * Asks the owner of every partition of {@code store} for its part: this instance through
     * {@code local}, the others through {@code internalPath} (which must answer with a
     * {@link ScanResult}); partitions whose active replica cannot answer are asked of a standby.
     */
    public <T> Gathered<T> gather(Request request, String store, LocalScan<T> local, String internalPath, JavaType itemType) {
        int count = partitionCount(store);
        Map<HostInfo, Set<Integer>> active = new LinkedHashMap<>();
        Map<Integer, List<HostInfo>> standbys = new LinkedHashMap<>();
        Set<Integer> missing = new TreeSet<>();
        for (int p = 0; p < count; p++) {
            KeyQueryMetadata md = metadata(store, p);
            standbys.put(p, md.standbyHosts().stream()
                    .sorted(Comparator.comparing(HostInfo::host).thenComparingInt(HostInfo::port)).toList());
            if (md.activeHost().port() < 0) {
                missing.add(p);
            } else {
                active.computeIfAbsent(md.activeHost(), h -> new TreeSet<>()).add(p);
            }
        }
        List<T> items = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        Set<Integer> failed = new TreeSet<>(missing);
        failed.addAll(ask(request, active, Replica.ACTIVE, local, internalPath, itemType, items, sources));
        if (!failed.isEmpty()) {
            Map<HostInfo, Set<Integer>> second = new LinkedHashMap<>();
            Set<Integer> unplaced = new TreeSet<>();
            for (int p : failed) {
                List<HostInfo> hosts = standbys.getOrDefault(p, List.of());
                if (hosts.isEmpty()) {
                    unplaced.add(p);
                } else {
                    second.computeIfAbsent(hosts.get(0), h -> new TreeSet<>()).add(p);
                }
            }
            Set<Integer> stillFailed = new TreeSet<>(unplaced);
            stillFailed.addAll(ask(request, second, Replica.STANDBY, local, internalPath, itemType, items, sources));
            if (!stillFailed.isEmpty()) {
                throw ApiException.retry("partitions " + stillFailed + " of " + store
                        + " have no replica that can answer now (the instances are rebalancing)");
            }
        }
        return new Gathered<>(items, sources);
    }

    /** Runs the plan; returns the partitions that could not be answered. */
    private <T> Set<Integer> ask(Request request, Map<HostInfo, Set<Integer>> plan, Replica replica, LocalScan<T> local,
            String internalPath, JavaType itemType, List<T> items, List<Source> sources) {
        Set<Integer> failed = new TreeSet<>();
        Map<HostInfo, CompletableFuture<HttpResponse<byte[]>>> remote = new LinkedHashMap<>();
        for (Map.Entry<HostInfo, Set<Integer>> e : plan.entrySet()) {
            if (!e.getKey().equals(self)) {
                String query = (request.rawQuery() == null ? "" : request.rawQuery() + "&") + "partitions="
                        + e.getValue().stream().map(String::valueOf).collect(Collectors.joining(",")) + "&replica=" + replica.label();
                remote.put(e.getKey(), forwarder.get(e.getKey(), internalPath + "?" + query, Map.of()));
            }
        }
        Set<Integer> mine = plan.get(self);
        if (mine != null) {
            try {
                items.addAll(local.scan(mine, replica));
                sources.add(new Source(self(), replica.label(), List.copyOf(mine)));
            } catch (NotServedHere e) {
                LOG.debug("local scan failed: {}", e.getMessage());
                failed.addAll(mine);
            }
        }
        JavaType resultType = json.getTypeFactory().constructParametricType(ScanResult.class, itemType);
        for (Map.Entry<HostInfo, CompletableFuture<HttpResponse<byte[]>>> e : remote.entrySet()) {
            HostInfo host = e.getKey();
            try {
                HttpResponse<byte[]> r = e.getValue().get(timeoutMillis + 500, TimeUnit.MILLISECONDS);
                if (r.statusCode() != 200) {
                    failed.addAll(plan.get(host));
                    continue;
                }
                ScanResult<T> result = json.readValue(r.body(), resultType);
                items.addAll(result.items());
                sources.add(new Source(host.host() + ":" + host.port(), result.replica(), result.partitions()));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw ApiException.retry("interrupted while asking " + host);
            } catch (Exception ex) {
                LOG.debug("scan of {} failed: {}", host, ex.toString());
                e.getValue().cancel(true);
                failed.addAll(plan.get(host));
            }
        }
        return failed;
    }

    /** The internal side of {@link #gather}: reads the requested partitions here, or 503 if it cannot. */
    public <T> ScanResult<T> scanHere(Request request, LocalScan<T> local) {
        Set<Integer> partitions = new TreeSet<>();
        String p = request.param("partitions");
        if (p == null || p.isBlank()) {
            throw ApiException.badParameter("partitions", "partitions is required");
        }
        try {
            for (String s : p.split(",")) {
                partitions.add(Integer.parseInt(s.trim()));
            }
        } catch (NumberFormatException e) {
            throw ApiException.badParameter("partitions", "partitions must be comma-separated numbers");
        }
        Replica replica = Replica.parse(request.param("replica"));
        try {
            return new ScanResult<>(List.copyOf(partitions), replica.label(), local.scan(partitions, replica));
        } catch (NotServedHere e) {
            throw ApiException.retry(e.getMessage());
        }
    }

    /** How many partitions {@code store} has, from the metadata of its source topics. */
    public int partitionCount(String store) {
        int[] count = {-1};
        KeyQueryMetadata md = streams.queryMetadataForKey(store, "", (StreamPartitioner<String, Void>) (topic, key, value, n) -> {
            count[0] = n;
            return Optional.of(Set.of(0));
        });
        check(md, store);
        if (count[0] <= 0) {
            throw ApiException.retry("the partitions of " + store + " are not known yet");
        }
        return count[0];
    }

    private KeyQueryMetadata metadata(String store, int partition) {
        return check(streams.queryMetadataForKey(store, "", (StreamPartitioner<String, Void>) (topic, key, value, n) ->
                Optional.of(Set.of(partition))), store);
    }

    private KeyQueryMetadata check(KeyQueryMetadata md, String store) {
        KafkaStreams.State state = streams.state();
        if (!state.isRunningOrRebalancing()) {
            throw ApiException.retry("this instance is " + state + "; its stores cannot be queried");
        }
        if (md == null) {
            throw new IllegalStateException("no store named " + store + " in the topology");
        }
        if (md == KeyQueryMetadata.NOT_AVAILABLE) {
            throw ApiException.retry("where " + store + " lives is not known yet (the instances are rebalancing)");
        }
        return md;
    }
}
