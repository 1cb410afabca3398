package io.blastradius.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.blastradius.schemas.ProbeErrorClass;
import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.SocialSignal;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.serde.AvroSerdes;
import io.blastradius.schemas.topic.TopicNames;
import io.blastradius.schemas.topic.Topics;
import io.blastradius.testsupport.kafka.KafkaTestContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code blastradius local} with a connectors file: the standard stack runs a Connect worker whose
 * Statuspage, Reddit and probe connectors read local servers that serve the real formats (the
 * shared fixtures), and their records arrive as Avro in the stack's input topics, under the stack's
 * topic prefix. Nothing leaves 127.0.0.1.
 */
class LocalConnectorsIT {
    private static final String PREFIX = "connectors-it.";

    @TempDir
    Path dir;

    private HttpServer feeds;
    private final Queue<String> requested = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void serveFeeds() throws IOException {
        feeds = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        serve("/examplechain/api/v2/summary.json", "statuspage-summary.json");
        serve("/examplechain/api/v2/incidents.json", "statuspage-incidents.json");
        serve("/reddit/r/aws/new.json", "reddit-new.json");
        feeds.createContext("/ok", exchange -> answer(exchange, "text/plain", "ok".getBytes(StandardCharsets.UTF_8)));
        feeds.start();
    }

    @AfterEach
    void stopFeeds() {
        feeds.stop(0);
    }

    private void serve(String path, String fixture) {
        byte[] body = fixture(fixture);
        feeds.createContext(path, exchange -> answer(exchange, "application/json", body));
    }

    private void answer(HttpExchange exchange, String type, byte[] body) throws IOException {
        requested.add(exchange.getRequestURI().getPath());
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static byte[] fixture(String name) {
        try (InputStream in = LocalConnectorsIT.class.getResourceAsStream("/connectors/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String feedsUrl() {
        return "http://127.0.0.1:" + feeds.getAddress().getPort();
    }

    /** The three kinds of connector, each pointed at the local server; topics left to the stack. */
    private Path connectorsFile() throws IOException {
        Path ranges = dir.resolve("ip-ranges.json");
        Files.writeString(ranges, """
                {"syncToken": "1", "createDate": "2026-01-01-00-00-00",
                 "prefixes": [
                   {"ip_prefix": "127.0.0.0/8", "region": "us-east-1", "service": "AMAZON", "network_border_group": "us-east-1"},
                   {"ip_prefix": "127.0.0.0/8", "region": "us-east-1", "service": "EC2", "network_border_group": "us-east-1"}],
                 "ipv6_prefixes": []}""");
        Path file = dir.resolve("connectors.properties");
        Files.writeString(file, String.join("\n",
                "connectors=status-local,reddit-local,probe-local",
                "status-local.connector.class=io.blastradius.ingest.status.connect.StatuspageSourceConnector",
                "status-local.poll.interval.ms=1000",
                "status-local.statuspage.pages=examplechain",
                "status-local.statuspage.page.examplechain.url=" + feedsUrl() + "/examplechain",
                "status-local.statuspage.page.examplechain.subject=coinbase",
                "reddit-local.connector.class=io.blastradius.ingest.social.reddit.RedditSourceConnector",
                "reddit-local.reddit.url=" + feedsUrl() + "/reddit",
                "reddit-local.reddit.subreddits=aws",
                "reddit-local.reddit.poll.interval.ms=1000",
                "reddit-local.author.hash.salt=local-connectors-it-salt",
                "probe-local.connector.class=io.blastradius.ingest.probe.ProbeSourceConnector",
                "probe-local.probe.targets=shop|http://127.0.0.1:" + feeds.getAddress().getPort() + "/ok",
                "probe-local.probe.interval.ms=1000",
                "probe-local.probe.resolvers=127.0.0.1:1",
                "probe-local.vantage.id=local-it",
                "probe-local.vantage.region=local",
                "probe-local.attribution.sources=aws=" + ranges,
                ""));
        return file;
    }

    private LocalStackConfig config(Path connectors) {
        return new LocalStackConfig(Map.of(
                LocalStackConfig.DATA_DIR, dir.resolve("data").toString(),
                LocalStackConfig.KAFKA_PORT, "0",
                LocalStackConfig.KAFKA_CONTROLLER_PORT, "0",
                LocalStackConfig.REGISTRY_PORT, "0",
                LocalStackConfig.QUERY_PORT, "0",
                LocalStackConfig.TOPICS_PREFIX, PREFIX,
                LocalStackConfig.TOPICS_PARTITIONS, "1",
                LocalStackConfig.CONNECTORS_CONFIG, connectors.toString(),
                LocalStackConfig.REPLAY_SCENARIO, LocalStackConfig.NO_REPLAY));
    }

    @Test
    void runsTheConnectorsOfTheFileAndTheirRecordsArriveInTheStacksInputTopics() throws Exception {
        TopicNames names = TopicNames.withPrefix(PREFIX);
        try (LocalStack stack = LocalStack.create(config(connectorsFile())).start();
                AvroSerdes serdes = new AvroSerdes(stack.context().serdeConfig());
                KafkaTestContext kafka = KafkaTestContext.on(stack.context().bootstrapServers(), "local-connectors")) {
            Topics topics = Topics.create(names, serdes);

            // the Statuspage fixture: 3 component changes, 2 incident updates and 5 affected components
            List<ConsumerRecord<String, StatusEvent>> status = kafka.consume(topics.statusEvents(), 10);
            assertThat(status).extracting(r -> r.value().getSource()).containsOnly("statuspage:x7k2p9q4m1zt"); // the page's id
            assertThat(status).extracting(ConsumerRecord::key).containsOnly("coinbase");
            assertThat(status).extracting(r -> r.value().getEventId()).doesNotHaveDuplicates();
            assertThat(status).allSatisfy(r -> assertThat(r.timestamp()).isEqualTo(r.value().getEventTime().toEpochMilli()));

            // the Reddit fixture's complaint about EC2 in us-east-1, linked to AWS, its author hashed
            List<ConsumerRecord<String, SocialSignal>> social = kafka.consume(topics.socialSignals(), 1);
            assertThat(social).extracting(ConsumerRecord::value).anySatisfy(s -> {
                assertThat(s.getPlatform()).isEqualTo("reddit");
                assertThat(s.getPostId()).contains("1jb9k4m");
                assertThat(s.getProviders()).anyMatch(p -> p.startsWith("aws"));
            });

            // the probe of the local HTTP server, attributed to AWS us-east-1 EC2 by the local range file
            List<ConsumerRecord<String, ProbeResult>> probes = kafka.consume(topics.probeResults(), 2);
            assertThat(probes).extracting(ConsumerRecord::key).containsOnly("shop");
            assertThat(probes).extracting(ConsumerRecord::value).allSatisfy(p -> {
                assertThat(p.getSuccess()).as(p.getErrorMessage()).isTrue();
                assertThat(p.getErrorClass()).isEqualTo(ProbeErrorClass.NONE);
                assertThat(p.getVantage().getId()).isEqualTo("local-it");
                assertThat(p.getAttributions()).anySatisfy(a -> {
                    assertThat(a.getProvider()).isEqualTo("aws");
                    assertThat(a.getRegion()).isEqualTo("us-east-1");
                    assertThat(a.getProviderService()).isEqualTo("ec2");
                });
            });

            assertThat(kafka.admin().listTopics().names().get()).noneMatch(t -> t.startsWith(TopicNames.DEFAULT_PREFIX));
            assertThat(stack.context().endpoints()).anySatisfy(e -> {
                assertThat(e.name()).isEqualTo("connect");
                assertThat(e.address()).startsWith("http://127.0.0.1:");
                assertThat(e.use()).contains("status-local", "reddit-local", "probe-local");
            });
            assertThat(requested).contains("/examplechain/api/v2/summary.json", "/examplechain/api/v2/incidents.json",
                    "/reddit/r/aws/new.json", "/ok");
        }
    }
}
