package io.blastradius.ingest.probe.ranges;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveRangeTableTest {
    private HttpServer server;
    private final AtomicReference<Response> response = new AtomicReference<>();
    private final List<String> ifNoneMatch = new CopyOnWriteArrayList<>();
    private final DefaultRangeFetcher fetcher = new DefaultRangeFetcher(Duration.ofSeconds(30), Duration.ofSeconds(30));

    record Response(int status, String etag, byte[] body) {
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ip-ranges.json", exchange -> {
            String sent = exchange.getRequestHeaders().getFirst("If-None-Match");
            ifNoneMatch.add(sent == null ? "" : sent);
            Response r = response.get();
            if (r.etag() != null) {
                exchange.getResponseHeaders().add("ETag", r.etag());
            }
            if (r.etag() != null && r.etag().equals(sent)) {
                exchange.sendResponseHeaders(304, -1);
            } else {
                exchange.sendResponseHeaders(r.status(), r.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(r.body());
                }
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private RangeSource awsSource() {
        return new RangeSource(RangeFormat.AWS,
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ip-ranges.json"));
    }

    @Test
    void loadsOverHttpAndRevalidatesWithAConditionalGet() {
        response.set(new Response(200, "\"v1\"", RangeFixtures.bytes("aws-ip-ranges.json")));
        try (LiveRangeTable live = new LiveRangeTable(List.of(awsSource()), fetcher, Duration.ofHours(1), Clock.systemUTC())) {
            assertThat(live.table().lookup("3.80.1.2")).isNull();
            assertThat(live.refreshAll()).isEqualTo(1);
            RangeTable first = live.table();
            assertThat(first.lookup("3.80.1.2").scope()).hasToString("aws/us-east-1/ec2");

            assertThat(live.refreshAll()).isZero();
            assertThat(ifNoneMatch).containsExactly("", "\"v1\"");
            assertThat(live.table()).isSameAs(first);
            assertThat(live.status()).singleElement().satisfies(s -> {
                assertThat(s.version()).isEqualTo("1773302417");
                assertThat(s.entries()).isEqualTo(15);
                assertThat(s.lastError()).isNull();
            });
        }
    }

    @Test
    void keepsTheOldTableWhenARefreshFailsAndSwapsWhenGoodContentReturns() {
        response.set(new Response(200, "\"v1\"", RangeFixtures.bytes("aws-ip-ranges.json")));
        try (LiveRangeTable live = new LiveRangeTable(List.of(awsSource()), fetcher, Duration.ofHours(1), Clock.systemUTC())) {
            live.refreshAll();
            RangeTable good = live.table();

            response.set(new Response(200, "\"waf\"", "<html>Request blocked</html>".getBytes(StandardCharsets.UTF_8)));
            assertThat(live.refreshAll()).isZero();
            assertThat(live.table()).isSameAs(good);
            assertThat(live.status().get(0).lastError()).contains("HTML");

            response.set(new Response(503, null, "busy".getBytes(StandardCharsets.UTF_8)));
            assertThat(live.refreshAll()).isZero();
            assertThat(live.table()).isSameAs(good);
            assertThat(live.status().get(0).lastError()).contains("HTTP 503");
            assertThat(live.status().get(0).consecutiveFailures()).isEqualTo(2);
            assertThat(live.table().lookup("13.32.0.1").scope()).hasToString("aws/global/cloudfront");

            response.set(new Response(200, "\"v2\"", RangeFixtures.bytes("aws-ip-ranges-unseen.json")));
            assertThat(live.refreshAll()).isEqualTo(1);
            assertThat(live.table()).isNotSameAs(good);
            assertThat(live.table().lookup("44.200.10.1").scope()).hasToString("aws/us-east-1/bedrock-agent-runtime");
            assertThat(live.table().lookup("13.32.0.1")).isNull();
            assertThat(live.status().get(0).lastError()).isNull();
        }
    }

    @Test
    void aFailingSourceKeepsContributingItsLastGoodContentBesideTheOthers(@TempDir Path dir) throws IOException {
        Path gcp = dir.resolve("cloud.json");
        Files.write(gcp, RangeFixtures.bytes("gcp-cloud.json"));
        response.set(new Response(200, "\"v1\"", RangeFixtures.bytes("aws-ip-ranges.json")));
        List<RangeSource> sources = List.of(awsSource(), new RangeSource(RangeFormat.GCP_CLOUD, gcp.toUri()));
        try (LiveRangeTable live = new LiveRangeTable(sources, fetcher, Duration.ofHours(1), Clock.systemUTC())) {
            assertThat(live.refreshAll()).isEqualTo(2);
            Files.writeString(gcp, "{\"prefixes\": [ {\"ipv4Prefix\": ");
            response.set(new Response(200, "\"v2\"", RangeFixtures.bytes("aws-ip-ranges-unseen.json")));
            assertThat(live.refreshAll()).isEqualTo(1);
            assertThat(live.table().lookup("34.44.0.1").scope()).hasToString("gcp/us-central1");
            assertThat(live.table().lookup("16.12.0.1").scope()).hasToString("aws/mx-central-1/s3");
            assertThat(live.status().get(1).lastError()).contains("not valid JSON");
        }
    }

    @Test
    void pollsEachSourceOnlyWhenDueAndHonoursThePublishersMinimumInterval() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-12T00:00:00Z"));
        CountingFetcher counting = new CountingFetcher();
        List<RangeSource> sources = List.of(
                new RangeSource(RangeFormat.AWS, URI.create("file:/aws.json")),
                new RangeSource(RangeFormat.ORACLE, URI.create("file:/oracle.json")));
        try (LiveRangeTable live = new LiveRangeTable(sources, counting, Duration.ofMinutes(15), clock)) {
            live.refreshDue();
            assertThat(counting.calls).containsOnlyKeys("aws", "oracle");
            live.refreshDue();
            assertThat(counting.total()).isEqualTo(2);

            clock.advance(Duration.ofHours(1)); // AWS minimum is 1 h, the configured 15 min is raised to it
            live.refreshDue();
            assertThat(counting.calls.get("aws").get()).isEqualTo(2);
            assertThat(counting.calls.get("oracle").get()).isEqualTo(1);

            clock.advance(Duration.ofHours(23));
            live.refreshDue();
            assertThat(counting.calls.get("oracle").get()).isEqualTo(2);
        }
    }

    @Test
    void retriesAFailedSourceSoonerThanTheNormalInterval() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-12T00:00:00Z"));
        CountingFetcher counting = new CountingFetcher();
        counting.failing.set(true);
        try (LiveRangeTable live = new LiveRangeTable(List.of(new RangeSource(RangeFormat.AWS, URI.create("file:/aws.json"))),
                counting, Duration.ofHours(6), clock)) {
            live.refreshDue();
            clock.advance(Duration.ofSeconds(37)); // first retry after 30 s plus up to 20 % jitter
            counting.failing.set(false);
            live.refreshDue();
            assertThat(counting.total()).isEqualTo(2);
            assertThat(live.table().lookup("3.80.1.2")).isNotNull();
        }
    }

    @Test
    void lookupsNeverSeeAMissingOrHalfBuiltTableWhileTablesAreSwapped(@TempDir Path dir) throws Exception {
        // two versions of one file that attribute the same address differently
        Path file = dir.resolve("ip-ranges.json");
        byte[] a = RangeFixtures.bytes("aws-ip-ranges.json");
        String b = new String(a, StandardCharsets.UTF_8).replace("\"EC2\"", "\"EC2_NEXT\"") + "\n";
        Files.write(file, a);
        try (LiveRangeTable live = new LiveRangeTable(List.of(new RangeSource(RangeFormat.AWS, file.toUri())), fetcher,
                Duration.ofHours(1), Clock.systemUTC())) {
            live.refreshAll();
            Set<String> seen = ConcurrentHashMap.newKeySet();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong lookups = new AtomicLong();
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                Thread t = new Thread(() -> {
                    while (!stop.get()) {
                        Attribution at = live.table().lookup("3.80.1.2");
                        seen.add(at == null ? "null" : at.scope().toString());
                        lookups.incrementAndGet();
                    }
                });
                t.start();
                readers.add(t);
            }
            int swaps = 0;
            for (int i = 0; i < 40; i++) {
                Files.write(file, i % 2 == 0 ? b.getBytes(StandardCharsets.UTF_8) : a);
                swaps += live.refreshAll();
            }
            stop.set(true);
            for (Thread t : readers) {
                t.join();
            }
            assertThat(swaps).isEqualTo(40);
            assertThat(lookups.get()).isPositive();
            assertThat(seen).isSubsetOf("aws/us-east-1/ec2", "aws/us-east-1/ec2-next").isNotEmpty();
        }
    }

    @Test
    void startsLoadingInTheBackground(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ips-v4");
        Files.write(file, RangeFixtures.bytes("cloudflare-ips-v4.txt"));
        try (LiveRangeTable live = new LiveRangeTable(List.of(RangeSource.parse("cloudflare-text=" + file)), fetcher,
                Duration.ofHours(1), Clock.systemUTC())) {
            live.start();
            assertThat(live.awaitFirstLoad(Duration.ofSeconds(30))).isTrue();
            assertThat(live.table().lookup("104.16.0.1").scope()).hasToString("cloudflare/global/cdn");
        }
    }

    /** Serves the AWS fixture for every source, counting calls per format. */
    private static final class CountingFetcher implements RangeFetcher {
        final ConcurrentHashMap<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        final AtomicBoolean failing = new AtomicBoolean();

        @Override
        public Fetched fetch(RangeSource source, String validator) throws IOException {
            calls.computeIfAbsent(source.format().id(), k -> new AtomicInteger()).incrementAndGet();
            if (failing.get()) {
                throw new IOException("connection refused");
            }
            String name = source.format() == RangeFormat.ORACLE ? "oracle-public-ip-ranges.json" : "aws-ip-ranges.json";
            return new Fetched(RangeFixtures.bytes(name), null);
        }

        int total() {
            return calls.values().stream().mapToInt(AtomicInteger::get).sum();
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
