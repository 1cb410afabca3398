package io.blastradius.alerts.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.blastradius.alerts.config.DestinationConfig;
import io.blastradius.alerts.delivery.DestinationWorker;
import io.blastradius.alerts.delivery.RetryPolicy;
import io.blastradius.alerts.json.AlertJson;
import io.blastradius.alerts.slack.SlackMessage;
import io.blastradius.alerts.testing.AlertFixtures;
import io.blastradius.alerts.testing.Destinations;
import io.blastradius.alerts.webhook.WebhookDestination;
import io.blastradius.schemas.OutageAlert;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fast one destination worker delivers: 1000 alerts (200 outages, 5 transitions each, in
 * per-outage order) to a local HTTP receiver that answers 204 at once, so the number is the
 * dispatcher's and the JDK HTTP client's cost, not a network's. And the cost of rendering one
 * alert as webhook JSON and as a Slack message.
 *
 * <pre>mvn -B -pl alerts -am -Pbench -DskipTests test -Dbench=DispatcherBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx512m"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class DispatcherBenchmark {
    private static final int BATCH = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Param({"1", "4", "16"})
    int concurrency;

    private HttpServer server;
    private DestinationWorker worker;
    private List<OutageAlert> alerts;
    private OutageAlert one;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        Map<String, String> settings = Destinations.fastWebhook(
                java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook"));
        settings.put("concurrency", Integer.toString(concurrency));
        DestinationConfig config = new DestinationConfig("bench", settings);
        worker = new DestinationWorker(new WebhookDestination(config, null, Clock.systemUTC()), concurrency,
                new RetryPolicy(config.retry(), new Random(1)), letter -> { }, "bench", Clock.systemUTC());
        alerts = new ArrayList<>();
        for (int i = 0; i < BATCH / 5; i++) {
            alerts.addAll(AlertFixtures.lifecycle("outage-" + i, "aws/us-east-1"));
        }
        one = alerts.get(1);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        worker.abort();
        server.stop(0);
    }

    /** Alerts delivered per second by one worker. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void deliverToALocalWebhook() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(BATCH);
        TopicPartition tp = new TopicPartition("alerts", 0);
        long offset = 0;
        for (OutageAlert alert : alerts) {
            // a fresh outage id per run, or the worker would take them for copies it already delivered
            worker.submit(new DestinationWorker.Job(alert, tp, offset++, System.nanoTime(), done::countDown));
        }
        done.await();
        alerts = renamed(alerts);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public byte[] renderWebhookJson() {
        return AlertJson.toJson(one, "http://127.0.0.1:7070/#/outages/x");
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public byte[] renderSlackMessage() throws Exception {
        return JSON.writeValueAsBytes(SlackMessage.of(one, "http://127.0.0.1:7070/#/outages/x"));
    }

    private static int generation;

    private static List<OutageAlert> renamed(List<OutageAlert> alerts) {
        generation++;
        List<OutageAlert> out = new ArrayList<>(alerts.size());
        for (OutageAlert a : alerts) {
            OutageAlert copy = OutageAlert.newBuilder(a).build();
            String id = a.getOutageId().replaceAll("@.*", "") + "@" + generation;
            copy.setOutageId(id);
            copy.setAlertId(id + ":" + a.getSequence());
            out.add(copy);
        }
        return out;
    }
}
