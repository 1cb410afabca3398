package io.blastradius.streams.query;

import io.blastradius.schemas.serde.AvroSerdes;
import io.blastradius.testsupport.kafka.EmbeddedKafkaCluster;
import io.blastradius.testsupport.kafka.KafkaTestContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Load benchmark of the query endpoints (not a test): two instances on the in-JVM broker with the
 * small world of the integration tests, and an open-loop load generator on loopback that sends a
 * fixed rate of requests, round robin over the endpoints, to one instance. Latency is measured from
 * when each request was due, not when it was sent, so a stall counts against every request it
 * delays. Prints p50/p90/p99/max per endpoint and overall.
 *
 * <pre>
 * mvn -B -pl streams-app -am test-compile -DskipTests
 * mvn -B -pl streams-app exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.blastradius.streams.query.QueryLoadBench -Dexec.args="1000 30"
 * </pre>
 */
public final class QueryLoadBench {
    /** Requests in flight at most; beyond it a due request is counted as not sent. */
    private static final int MAX_IN_FLIGHT = 256;

    private QueryLoadBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("load")) {
            // load generator only, in its own JVM: load <base url> <outage id> <rate> <seconds>
            Map<String, String> endpoints = endpoints(args[2]);
            run(args[1], endpoints, Integer.parseInt(args[3]), 5, false);
            run(args[1], endpoints, Integer.parseInt(args[3]), Integer.parseInt(args[4]), true)
                    .print(Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            System.exit(0);
        }
        boolean serve = args.length > 0 && args[0].equals("serve");
        int rate = args.length > 0 && !serve ? Integer.parseInt(args[0]) : 1_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int warmupSeconds = 5;
        try (EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(Map.of())) {
            cluster.start();
            KafkaTestContext kafka = KafkaTestContext.on(cluster.bootstrapServers(), "bench");
            Map<String, Object> serdeConfig = Map.of("schema.registry.url", "mock://query-bench");
            try (kafka; AvroSerdes serdes = new AvroSerdes(serdeConfig);
                    TwoInstances instances = new TwoInstances(kafka, serdeConfig, serdes)) {
                instances.baseProps.remove("query.api.token");
                instances.world.publishCatalog();
                instances.startBoth();
                instances.world.publishMinutes(0, QueryWorld.END);
                ApiClient a = new ApiClient(instances.a.baseUrl(), null);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (System.nanoTime() < deadline && a.get("/api/v1/outages?state=ACKNOWLEDGED").data().size() != 1) {
                    Thread.sleep(500);
                }
                String id = a.get("/api/v1/outages").data().get(0).get("id").asText();
                Map<String, String> endpoints = endpoints(id);
                if (serve) {
                    // for an external load generator (wrk): print where, then serve until killed
                    System.out.println("SERVING " + instances.a.baseUrl() + " " + instances.b.baseUrl() + " " + id);
                    Thread.sleep(Long.MAX_VALUE);
                }
                run(instances.a.baseUrl(), endpoints, rate, warmupSeconds, false);
                Result r = run(instances.a.baseUrl(), endpoints, rate, seconds, true);
                r.print(rate, seconds);
            }
        }
        System.exit(0);
    }

    private static Map<String, String> endpoints(String id) {
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("outages (list, all partitions)", "/api/v1/outages?state=active");
        endpoints.put("outage by id", "/api/v1/outages/" + id);
        endpoints.put("blast radius", "/api/v1/outages/" + id + "/blast-radius");
        endpoints.put("service health + history", "/api/v1/services/metamask");
        endpoints.put("service health (other key)", "/api/v1/services/ddb3");
        endpoints.put("outage timeline", "/api/v1/outages/" + id + "/timeline");
        endpoints.put("scope timeline", "/api/v1/scopes/aws/us-east-1/dynamodb/timeline");
        return endpoints;
    }

    private record Result(Map<String, List<Long>> latencies, int errors, int dropped, Map<String, Integer> failures,
            int sent) {
        void print(int rate, int seconds) {
            System.out.printf(Locale.ROOT, "%nquery endpoints at %d requests/s for %d s on loopback (%d due, %d not sent "
                    + "because %d were in flight, %d errors %s), latency from when each request was due:%n", rate, seconds, sent,
                    dropped, MAX_IN_FLIGHT, errors, failures);
            System.out.printf(Locale.ROOT, "%-32s %8s %8s %8s %8s %8s%n", "endpoint", "count", "p50 ms", "p90 ms", "p99 ms", "max ms");
            List<Long> all = new ArrayList<>();
            latencies.forEach((name, list) -> {
                all.addAll(list);
                line(name, list);
            });
            line("all", all);
        }

        private static void line(String name, List<Long> list) {
            long[] v = list.stream().mapToLong(Long::longValue).sorted().toArray();
            if (v.length == 0) {
                return;
            }
            System.out.printf(Locale.ROOT, "%-32s %8d %8.2f %8.2f %8.2f %8.2f%n", name, v.length, ms(v, 0.50), ms(v, 0.90),
                    ms(v, 0.99), v[v.length - 1] / 1e6);
        }

        private static double ms(long[] sorted, double q) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
        }
    }

    private static Result run(String baseUrl, Map<String, String> endpoints, int rate, int seconds, boolean record)
            throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1)
                .build();
        List<Map.Entry<String, HttpRequest>> requests = new ArrayList<>();
        endpoints.forEach((name, path) -> requests.add(Map.entry(name,
                HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(5)).GET().build())));
        Map<String, ConcurrentLinkedQueue<Long>> latencies = new ConcurrentHashMap<>();
        endpoints.keySet().forEach(k -> latencies.put(k, new ConcurrentLinkedQueue<>()));
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger dropped = new AtomicInteger();
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        long total = (long) rate * seconds;
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            Map.Entry<String, HttpRequest> req = requests.get((int) (i % requests.size()));
            if (inFlight.get() >= MAX_IN_FLIGHT) {
                dropped.incrementAndGet(); // the service is not keeping up; do not open connections without bound
                continue;
            }
            inFlight.incrementAndGet();
            client.sendAsync(req.getValue(), HttpResponse.BodyHandlers.ofByteArray()).whenComplete((r, e) -> {
                long latency = System.nanoTime() - due;
                inFlight.decrementAndGet();
                if (e != null || r.statusCode() != 200) {
                    errors.incrementAndGet();
                    if (record) {
                        failures.merge(e != null ? e.getClass().getSimpleName() : "HTTP " + r.statusCode(), 1, Integer::sum);
                    }
                } else if (record) {
                    latencies.get(req.getKey()).add(latency);
                }
            });
        }
        long drain = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (inFlight.get() > 0 && System.nanoTime() < drain) {
            Thread.sleep(10);
        }
        Map<String, List<Long>> out = new LinkedHashMap<>();
        endpoints.keySet().forEach(k -> out.put(k, new ArrayList<>(latencies.get(k))));
        return new Result(out, errors.get(), dropped.get(), failures, (int) total);
    }
}
