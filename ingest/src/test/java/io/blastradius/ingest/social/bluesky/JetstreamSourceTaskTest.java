package io.blastradius.ingest.social.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdDictTrainer;
import io.blastradius.ingest.social.TaskDriver;
import io.blastradius.schemas.PostAction;
import io.blastradius.schemas.SocialSignal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JetstreamSourceTaskTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final long T0 = 1_773_505_567_000_000L;
    private FakeJetstream server;
    private TaskDriver driver;

    @BeforeEach
    void start() throws Exception {
        server = new FakeJetstream();
        driver = new TaskDriver();
    }

    @AfterEach
    void stop() throws Exception {
        driver.stop();
        server.shutdown();
    }

    private Map<String, String> props() {
        Map<String, String> p = TaskDriver.baseProps("jetstream-test");
        p.put(JetstreamConfig.URL, server.url());
        return p;
    }

    private static String event(int k, String text) {
        return FakeJetstream.post(T0 + k * 1_000_000L, "did:plc:user" + k, "rkey" + k, text);
    }

    private static List<String> created(List<SocialSignal> signals) {
        return signals.stream().filter(s -> s.getAction() == PostAction.CREATE).map(SocialSignal::getPostId).toList();
    }

    @Test
    void publishesPostsAndTheirDeletionsFromTheFixtureStream() throws Exception {
        List<String> lines = TaskDriver.resource("/social/feeds/jetstream-events.jsonl").lines().filter(l -> !l.isBlank()).toList();
        server.connection(lines.toArray());
        driver.start(new JetstreamSourceTask(), props());
        driver.pollUntil(d -> d.signals().size() >= 3, WAIT);
        driver.pollFor(Duration.ofMillis(300));

        List<SocialSignal> s = driver.signals();
        String uri = "at://did:plc:4vq2k7m3xw5zr8tn1yb6hc0d/app.bsky.feed.post/3mkq7w2wyh52c";
        String reply = "at://did:plc:7hs3k1q9wz2mx5rb8ny4tc6e/app.bsky.feed.post/3mkq7w59qfc2y";
        // post, reply (links coinbase through its status-page link), profile update skipped, deletion of the post
        assertThat(s).extracting(SocialSignal::getAction).containsExactly(PostAction.CREATE, PostAction.CREATE, PostAction.DELETE);
        assertThat(s).extracting(SocialSignal::getPostId).containsExactly(uri, reply, uri);
        assertThat(s.get(1).getServices()).contains("coinbase");
        s = List.of(s.get(0), s.get(2));
        assertThat(s.get(0).getServices()).contains("coinbase");
        assertThat(s.get(0).getComplaintScore()).isGreaterThan(0.5);
        assertThat(s.get(0).getCreatedAt()).isEqualTo(Instant.parse("2026-03-14T16:26:06.981Z"));
        assertThat(s.get(0).getLanguage()).isEqualTo("en");
        assertThat(s.get(0).getUrl()).isEqualTo("https://bsky.app/profile/did:plc:4vq2k7m3xw5zr8tn1yb6hc0d/post/3mkq7w2wyh52c");
        assertThat(s.get(0).getAuthorHash()).doesNotContain("did:plc").isEqualTo(s.get(1).getAuthorHash());
        assertThat(s.get(1).getServices()).isEqualTo(s.get(0).getServices());
        assertThat(s.get(1).getCreatedAt()).isEqualTo(Instant.parse("2026-03-14T16:28:22.551Z")); // time_us, to the millisecond
        assertThat(server.requests.get(0)).contains("wantedCollections=app.bsky.feed.post").doesNotContain("cursor=");
        assertThat(driver.deadLetters()).isEmpty();
    }

    @Test
    void resumesFromTheStoredCursorWithARewindAndNoDuplicates() throws Exception {
        for (int k = 1; k <= 5; k++) {
            server.store(T0 + k * 1_000_000L, event(k, "coinbase down? attempt " + k));
        }
        server.connection("REPLAY");
        Map<String, String> p = props();
        driver.start(new JetstreamSourceTask(), p);
        driver.pollUntil(d -> d.signals().size() >= 5, WAIT);
        driver.stop();
        long last = T0 + 5_000_000L;
        assertThat(driver.committed().values()).containsExactly(Map.of(JetstreamSourceTask.TIME_US, last));

        for (int k = 6; k <= 7; k++) {
            server.store(T0 + k * 1_000_000L, event(k, "still cant log in to coinbase " + k));
        }
        server.connection("REPLAY");
        driver.start(new JetstreamSourceTask(), p);
        driver.pollUntil(d -> d.signals().size() >= 7, WAIT);
        driver.pollFor(Duration.ofMillis(300));

        assertThat(created(driver.signals())).doesNotHaveDuplicates().hasSize(7);
        assertThat(FakeJetstream.cursor(server.requests.get(1))).isEqualTo(last - 5_000_000L);
    }

    @Test
    void skipsGarbageAndOversizedFramesAndReconnectsAfterADrop() throws Exception {
        Map<String, String> p = props();
        p.put(JetstreamConfig.MAX_MESSAGE_BYTES, "65536");
        p.put("idle.timeout.ms", "3000"); // should the drop go unnoticed, silence still ends the connection
        server.store(T0 + 1_000_000L, event(1, "robinhood down??"));
        server.store(T0 + 2_000_000L, event(2, "kraken not loading"));
        server.connection("not json", "{\"kind\":\"commit\"}", event(9, "x".repeat(100_000)), event(1, "robinhood down??"),
                "SLEEP:100", "ABORT");
        server.connection("REPLAY");
        driver.start(new JetstreamSourceTask(), p);
        driver.pollUntil(d -> d.signals().size() >= 2 && d.deadLetters().size() >= 3, WAIT);
        driver.pollFor(Duration.ofMillis(300));

        assertThat(created(driver.signals())).containsExactly("at://did:plc:user1/app.bsky.feed.post/rkey1",
                "at://did:plc:user2/app.bsky.feed.post/rkey2");
        assertThat(driver.deadLetters()).hasSize(3);
        assertThat(driver.deadLetters().get(2).getErrorMessage()).contains("larger than");
        assertThat(server.connections.get()).isEqualTo(2);
    }

    @Test
    void reconnectsWhenTheFirehoseGoesSilent() throws Exception {
        Map<String, String> p = props();
        p.put("idle.timeout.ms", "500");
        server.store(T0 + 1_000_000L, event(1, "is discord down for anyone else"));
        server.connection();                                   // connects, then says nothing
        server.connection("REPLAY");
        driver.start(new JetstreamSourceTask(), p);
        driver.pollUntil(d -> !d.signals().isEmpty(), WAIT);

        assertThat(driver.signals()).extracting(SocialSignal::getServices).containsExactly(List.of("discord"));
        assertThat(server.connections.get()).isEqualTo(2);
    }

    @Test
    void decompressesZstdFramesWithTheConfiguredDictionary(@TempDir Path dir) throws Exception {
        byte[] dictionary = trainDictionary();
        Path file = dir.resolve("zstd_dictionary");
        Files.write(file, dictionary);
        Map<String, String> p = props();
        p.put(JetstreamConfig.COMPRESS, "true");
        p.put(JetstreamConfig.DICTIONARY_PATH, file.toString());
        byte[] first = Zstd.compressUsingDict(event(1, "coinbase down again?!").getBytes(StandardCharsets.UTF_8), dictionary, 3);
        byte[] second = Zstd.compressUsingDict(event(2, "metamask not connecting, infura 503").getBytes(StandardCharsets.UTF_8),
                dictionary, 3);
        server.connection(first, new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 1, 2, 3}, second);
        driver.start(new JetstreamSourceTask(), p);
        driver.pollUntil(d -> d.signals().size() >= 2 && !d.deadLetters().isEmpty(), WAIT);

        assertThat(created(driver.signals())).containsExactly("at://did:plc:user1/app.bsky.feed.post/rkey1",
                "at://did:plc:user2/app.bsky.feed.post/rkey2");
        assertThat(driver.signals().get(1).getServices()).contains("metamask");
        assertThat(driver.deadLetters()).hasSize(1);
        assertThat(server.requests.get(0)).contains("compress=true");
    }

    /** A dictionary trained on Jetstream-shaped events (the published one cannot be fetched here). */
    private static byte[] trainDictionary() {
        ZstdDictTrainer trainer = new ZstdDictTrainer(4 << 20, 16 << 10);
        Random random = new Random(3);
        String[] words = {"coinbase", "down", "again", "app", "not", "working", "lol", "today", "why", "is", "the", "login"};
        for (int k = 0; k < 4_000; k++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 6 + random.nextInt(10); w++) {
                text.append(words[random.nextInt(words.length)]).append(' ');
            }
            trainer.addSample(FakeJetstream.post(T0 + k, "did:plc:" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36),
                    Long.toString(random.nextLong() & Long.MAX_VALUE, 36), text.toString()).getBytes(StandardCharsets.UTF_8));
        }
        return trainer.trainSamples();
    }
}
