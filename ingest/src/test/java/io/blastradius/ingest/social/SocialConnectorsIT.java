package io.blastradius.ingest.social;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.ingest.connect.EmbeddedConnectWorker;
import io.blastradius.ingest.connect.IngestSourceConfig;
import io.blastradius.ingest.social.bluesky.FakeJetstream;
import io.blastradius.ingest.social.bluesky.JetstreamConfig;
import io.blastradius.ingest.social.bluesky.JetstreamSourceConnector;
import io.blastradius.ingest.social.mastodon.FakeMastodon;
import io.blastradius.ingest.social.mastodon.MastodonConfig;
import io.blastradius.ingest.social.mastodon.MastodonSourceConnector;
import io.blastradius.ingest.social.reddit.FakeReddit;
import io.blastradius.ingest.social.reddit.RedditConfig;
import io.blastradius.ingest.social.reddit.RedditSourceConnector;
import io.blastradius.schemas.PostAction;
import io.blastradius.schemas.SocialSignal;
import io.blastradius.schemas.topic.TopicNames;
import io.blastradius.testsupport.kafka.KafkaExtension;
import io.blastradius.testsupport.kafka.KafkaTestContext;
import io.blastradius.testsupport.registry.RegistryExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Mastodon, Jetstream and Reddit connectors in a real Connect worker on the in-JVM broker and the
 * real registry, reading local servers that speak the platforms' formats. The worker is stopped and
 * started again while the platforms keep posting: the topic ends with every post once.
 */
class SocialConnectorsIT {
    @RegisterExtension
    static final KafkaExtension KAFKA = KafkaExtension.embedded();
    @RegisterExtension
    static final RegistryExtension REGISTRY = new RegistryExtension();
    private static final long T0 = 1_773_505_567_000_000L;

    @TempDir
    Path dataDir;

    private FakeMastodon mastodon;
    private FakeJetstream jetstream;
    private FakeReddit reddit;

    @BeforeEach
    void startPlatforms() throws Exception {
        mastodon = new FakeMastodon();
        jetstream = new FakeJetstream();
        reddit = new FakeReddit();
    }

    @AfterEach
    void stopPlatforms() throws Exception {
        mastodon.close();
        jetstream.shutdown();
        reddit.close();
    }

    private Map<String, String> common(TopicNames names, String connectorClass) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", connectorClass);
        c.put("tasks.max", "1");
        c.put(IngestSourceConfig.TOPIC, names.socialSignals());
        c.put(IngestSourceConfig.DEAD_LETTER_TOPIC, names.deadLetters());
        c.put(SocialSourceConfig.AUTHOR_HASH_SALT, "it-salt-0123456789abcdef");
        c.put(SocialSourceConfig.RECONNECT_BACKOFF_MIN_MS, "100");
        c.put(SocialSourceConfig.RECONNECT_BACKOFF_MAX_MS, "500");
        return c;
    }

    private Map<String, Map<String, String>> connectors(TopicNames names) {
        Map<String, String> m = common(names, MastodonSourceConnector.class.getName());
        m.put(MastodonConfig.URL, mastodon.url());
        m.put(MastodonConfig.HASHTAGS, "aws");
        m.put(MastodonConfig.ACCESS_TOKEN, FakeMastodon.TOKEN);
        Map<String, String> j = common(names, JetstreamSourceConnector.class.getName());
        j.put(JetstreamConfig.URL, jetstream.url());
        Map<String, String> r = common(names, RedditSourceConnector.class.getName());
        r.put(RedditConfig.URL, reddit.url());
        r.put(RedditConfig.SUBREDDITS, "aws");
        r.put(RedditConfig.POLL_INTERVAL_MS, "300");
        return Map.of("mastodon", m, "jetstream", j, "reddit", r);
    }

    private void run(KafkaTestContext kafka, TopicNames names) {
        try (EmbeddedConnectWorker worker = EmbeddedConnectWorker.start(kafka.bootstrapServers(), REGISTRY.url(), dataDir, Map.of())) {
            connectors(names).forEach((name, config) ->
                    worker.startConnectorAndAwaitTasks(kafka.name(name), config, 1, Duration.ofSeconds(60)));
            // give the platforms' posts time to arrive and the worker time to commit their offsets
            assertThat(drain(kafka, names.socialSignals(), expected, Duration.ofSeconds(60))).hasSizeGreaterThanOrEqualTo(expected);
            sleep(Duration.ofMillis(2_500));
        }
    }

    private int expected;

    @Test
    void theSocialConnectorsWriteAvroSignalsAndAfterAWorkerRestartEveryPostIsThereOnce(KafkaTestContext kafka) {
        TopicNames names = kafka.topicNames();
        kafka.createTopics(names, 1);
        String a = FakeMastodon.status("100", "<p>coinbase down?</p>", "ann");
        String b = FakeMastodon.status("101", "<p>kraken not loading for anyone else?</p>", "bob");
        mastodon.connection(true, FakeMastodon.update(a), FakeMastodon.update(b), "event: delete\ndata: 100\n\n");
        for (int k = 1; k <= 3; k++) {
            jetstream.store(T0 + k * 1_000_000L, FakeJetstream.post(T0 + k * 1_000_000L, "did:plc:u" + k, "r" + k,
                    "robinhood down? try " + k));
        }
        jetstream.connection("REPLAY");
        for (long n = 5000; n < 5003; n++) {
            reddit.post(n, "binance app 502 again " + n);
        }
        expected = 3 + 3 + 3;
        run(kafka, names);

        // while the worker is down every platform gets new posts
        String c = FakeMastodon.status("102", "<p>metamask not connecting, infura 503</p>", "cat");
        String d = FakeMastodon.status("103", "<p>is github down? pushes failing</p>", "dan");
        List.of(a, b, c).forEach(mastodon::post);
        mastodon.connection(true, FakeMastodon.update(c), FakeMastodon.update(d));
        jetstream.store(T0 + 4_000_000L, FakeJetstream.post(T0 + 4_000_000L, "did:plc:u4", "r4", "discord is down again"));
        jetstream.connection("REPLAY");
        reddit.post(5003, "slack is down, huddles broken");
        expected = 9 + 2 + 1 + 1;
        run(kafka, names);

        List<ConsumerRecord<String, SocialSignal>> all = drain(kafka, names.socialSignals(), expected, Duration.ofSeconds(30));
        assertThat(all).hasSize(13);
        assertThat(all).extracting(r -> r.value().getPostId() + " " + r.value().getAction()).doesNotHaveDuplicates();
        assertThat(all).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo(r.value().getPostId());
            assertThat(r.timestamp()).isEqualTo(r.value().getCreatedAt().toEpochMilli());
            assertThat(r.value().getAuthorHash()).matches("[0-9a-f]{32}");
        });
        assertThat(all).filteredOn(r -> r.value().getAction() == PostAction.DELETE).singleElement()
                .satisfies(r -> assertThat(r.value().getServices()).contains("coinbase"));
        assertThat(all).extracting(r -> r.value().getPlatform()).containsOnly("mastodon", "bluesky", "reddit");
    }

    /** Every record of the topic once at least {@code atLeast} arrived (the worker is stopped, so the topic is complete). */
    private List<ConsumerRecord<String, SocialSignal>> drain(KafkaTestContext kafka, String topic, int atLeast, Duration timeout) {
        return kafka.consume(topic, new StringDeserializer(), REGISTRY.valueDeserializer(SocialSignal.class), atLeast, timeout);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
