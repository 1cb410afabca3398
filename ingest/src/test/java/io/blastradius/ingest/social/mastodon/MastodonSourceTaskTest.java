package io.blastradius.ingest.social.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.ingest.social.TaskDriver;
import io.blastradius.schemas.PostAction;
import io.blastradius.schemas.SocialSignal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MastodonSourceTaskTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private FakeMastodon server;
    private TaskDriver driver;

    @BeforeEach
    void startServer() throws Exception {
        server = new FakeMastodon();
        driver = new TaskDriver();
    }

    @AfterEach
    void stopAll() {
        driver.stop();
        server.close();
    }

    private Map<String, String> props(boolean token) {
        Map<String, String> p = TaskDriver.baseProps("mastodon-test");
        p.put(MastodonConfig.URL, server.url());
        p.put(MastodonConfig.HASHTAGS, "aws");
        p.put(MastodonConfig.POLL_INTERVAL_MS, "200");
        if (token) {
            p.put(MastodonConfig.ACCESS_TOKEN, FakeMastodon.TOKEN);
        }
        return p;
    }

    private static List<String> ids(List<SocialSignal> signals, PostAction action) {
        return signals.stream().filter(s -> s.getAction() == action).map(SocialSignal::getPostId).toList();
    }

    @Test
    void publishesLinkedPostsTheirEditsAndTheirDeletionsFromTheStream() throws Exception {
        server.connection(true, TaskDriver.resource("/social/feeds/mastodon-status-event.txt"));
        driver.start(new MastodonSourceTask(), props(true));
        driver.pollUntil(d -> d.signals().size() >= 4, WAIT);
        driver.pollFor(Duration.ofMillis(300));

        List<SocialSignal> s = driver.signals();
        String host = "127.0.0.1";
        assertThat(s).extracting(SocialSignal::getAction).containsExactly(PostAction.CREATE, PostAction.CREATE,
                PostAction.EDIT, PostAction.DELETE);
        assertThat(s.get(0).getPostId()).isEqualTo(host + "/114155012345678901");
        assertThat(s.get(0).getProviders()).containsExactly("aws/us-east-1/ec2"); // RunInstances is the EC2 API
        assertThat(s.get(0).getText()).isEqualTo("Seeing #AWS us-east-1 RunInstances errors & timeouts since 09:12 PDT #outage")
                .doesNotContain("<");
        assertThat(s.get(0).getComplaintScore()).isGreaterThan(0.5);
        assertThat(s.get(1).getProviders()).containsExactly("aws/global/ec2");
        // the edit adds the region and carries the edit time
        assertThat(s.get(2).getPostId()).isEqualTo(s.get(1).getPostId());
        assertThat(s.get(2).getProviders()).containsExactly("aws/us-east-1/ec2");
        assertThat(s.get(2).getCreatedAt()).isEqualTo(java.time.Instant.parse("2026-03-14T16:29:03.870Z"));
        // the boost is skipped; the deletion withdraws exactly what the first post was counted for
        assertThat(s.get(3).getPostId()).isEqualTo(s.get(0).getPostId());
        assertThat(s.get(3).getProviders()).containsExactly("aws/us-east-1/ec2");
        assertThat(s.get(3).getText()).isNull();
        assertThat(s).allSatisfy(signal -> {
            assertThat(signal.getPlatform()).isEqualTo("mastodon");
            assertThat(signal.getAuthorHash()).matches("[0-9a-f]{32}").doesNotContain("sre_anna").doesNotContain("netwatch");
        });
        assertThat(s.get(1).getAuthorHash()).isNotEqualTo(s.get(0).getAuthorHash());
        assertThat(driver.deadLetters()).isEmpty();
    }

    @Test
    void reconnectsAfterADroppedStreamAndCatchesUpWithoutDuplicates() throws Exception {
        String a = FakeMastodon.status("100", "<p>coinbase down?</p>", "ann");
        String b = FakeMastodon.status("101", "<p>kraken not loading for anyone else?</p>", "bob");
        String c = FakeMastodon.status("102", "<p>binance app 502 again</p>", "cat");
        server.connection(false, FakeMastodon.update(a));               // then the connection drops
        server.post(a);
        server.post(b);                                                  // written while we were away
        server.connection(true, FakeMastodon.update(b), FakeMastodon.update(c));
        driver.start(new MastodonSourceTask(), props(true));
        driver.pollUntil(d -> d.signals().size() >= 3, WAIT);
        driver.pollFor(Duration.ofMillis(300));

        assertThat(ids(driver.signals(), PostAction.CREATE)).containsExactly("127.0.0.1/100", "127.0.0.1/101", "127.0.0.1/102");
        assertThat(server.streamConnections.get()).isEqualTo(2);
        assertThat(server.requests).anyMatch(r -> r.startsWith("/api/v1/timelines/tag/aws") && r.contains("min_id=100"));
    }

    @Test
    void reconnectsWhenTheStreamGoesSilentButNotWhileHeartbeatsArrive() throws Exception {
        Map<String, String> p = props(true);
        p.put("idle.timeout.ms", "400");
        server.connection(true, ":thump\n", "SLEEP:150", ":thump\n", "SLEEP:150", ":thump\n", "SLEEP:150", ":thump\n",
                "SLEEP:150", ":thump\n");                                // 750 ms alive, then silent
        server.connection(true, FakeMastodon.update(FakeMastodon.status("200", "<p>is coinbase down??</p>", "dan")));
        driver.start(new MastodonSourceTask(), p);
        driver.pollUntil(d -> !d.signals().isEmpty(), WAIT);

        assertThat(driver.signals()).extracting(SocialSignal::getPostId).containsExactly("127.0.0.1/200");
        assertThat(server.streamConnections.get()).isEqualTo(2);
    }

    @Test
    void sendsMalformedAndOversizedEventsToDeadLettersAndKeepsReading() throws Exception {
        Map<String, String> p = props(true);
        p.put(MastodonConfig.MAX_EVENT_BYTES, "65536");
        String huge = FakeMastodon.status("301", "<p>" + "coinbase down ".repeat(10_000) + "</p>", "eve");
        server.connection(true,
                "event: update\ndata: {not json at all\n\n",
                "event: delete\ndata: \n\n",
                FakeMastodon.update(huge),
                "event: update\r\ndata: " + FakeMastodon.status("302", "<p>robinhood won&#39;t load, 503</p>", "fay") + "\r\n\r\n");
        driver.start(new MastodonSourceTask(), p);
        driver.pollUntil(d -> !d.signals().isEmpty() && d.deadLetters().size() >= 3, WAIT);

        assertThat(driver.signals()).extracting(SocialSignal::getPostId).containsExactly("127.0.0.1/302");
        assertThat(driver.signals().get(0).getText()).isEqualTo("robinhood won't load, 503");
        assertThat(driver.deadLetters()).hasSize(3).allSatisfy(d -> assertThat(d.getStage()).isEqualTo("ingest/mastodon-test"));
        assertThat(driver.deadLetters().get(2).getErrorMessage()).contains("larger than 65536");
        assertThat(driver.deadLetters().get(2).getValue().remaining()).isLessThanOrEqualTo(65536);
    }

    @Test
    void resumesFromTheStoredOffsetAfterARestartWithoutDuplicates() throws Exception {
        String a = FakeMastodon.status("400", "<p>coinbase down?</p>", "ann");
        String b = FakeMastodon.status("401", "<p>coinbase still down</p>", "bob");
        String c = FakeMastodon.status("402", "<p>kraken down too</p>", "cat");
        String d = FakeMastodon.status("403", "<p>binance 504s</p>", "dan");
        String e = FakeMastodon.status("404", "<p>robinhood not working</p>", "eve");
        server.connection(true, FakeMastodon.update(a), FakeMastodon.update(b));
        driver.start(new MastodonSourceTask(), props(true));
        driver.pollUntil(x -> x.signals().size() >= 2, WAIT);
        driver.stop();
        assertThat(driver.committed().values()).containsExactly(Map.of(MastodonSourceTask.LAST_ID, "401"));

        List.of(a, b, c, d).forEach(server::post);                       // c and d were written while we were down
        server.connection(true, FakeMastodon.update(d), FakeMastodon.update(e));
        driver.start(new MastodonSourceTask(), props(true));
        driver.pollUntil(x -> x.signals().size() >= 5, WAIT);
        driver.pollFor(Duration.ofMillis(300));

        assertThat(ids(driver.signals(), PostAction.CREATE))
                .containsExactly("127.0.0.1/400", "127.0.0.1/401", "127.0.0.1/402", "127.0.0.1/403", "127.0.0.1/404");
        assertThat(server.requests).anyMatch(r -> r.contains("min_id=401"));
        // the catch-up read the timeline as the token's user: servers may close it to anonymous readers
        assertThat(server.timelineAuthorizations).isNotEmpty().containsOnly("Bearer " + FakeMastodon.TOKEN);
    }

    @Test
    void pollsTheRestTimelineWhenStreamingIsRefused() throws Exception {
        server.streamStatus = 401;
        server.post(FakeMastodon.status("500", "<p>coinbase down?</p>", "ann"));
        server.post(FakeMastodon.status("501", "<p>nothing to see, lovely weather</p>", "bob"));
        driver.start(new MastodonSourceTask(), props(true));
        driver.pollUntil(d -> d.signals().size() >= 1, WAIT);
        server.post(FakeMastodon.status("502", "<p>kraken not loading</p>", "cat"));
        driver.pollUntil(d -> d.signals().size() >= 2, WAIT);
        driver.pollFor(Duration.ofMillis(500));

        assertThat(ids(driver.signals(), PostAction.CREATE)).containsExactly("127.0.0.1/500", "127.0.0.1/502");
        assertThat(server.streamConnections.get()).isEqualTo(1);
        assertThat(server.timelineAuthorizations).isNotEmpty().containsOnly(""); // the refused token is not sent again
    }

    @Test
    void pollsTheRestTimelineWithoutAToken() throws Exception {
        server.post(FakeMastodon.status("600", "<p>is github down? pushes failing</p>", "ann"));
        driver.start(new MastodonSourceTask(), props(false));
        driver.pollUntil(d -> !d.signals().isEmpty(), WAIT);

        assertThat(driver.signals()).extracting(SocialSignal::getServices).containsExactly(List.of("github"));
        assertThat(server.streamConnections.get()).isZero();
        assertThat(server.timelineAuthorizations).isNotEmpty().containsOnly("");
    }
}
