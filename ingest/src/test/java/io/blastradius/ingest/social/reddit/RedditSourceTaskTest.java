package io.blastradius.ingest.social.reddit;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.ingest.http.HttpPollerConfig;
import io.blastradius.ingest.social.TaskDriver;
import io.blastradius.schemas.PostAction;
import io.blastradius.schemas.SocialSignal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedditSourceTaskTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String AGENT = "blastradius-test/1.0 (outage detection; contact ops@example.org)";
    private FakeReddit server;
    private TaskDriver driver;

    @BeforeEach
    void start() throws Exception {
        server = new FakeReddit();
        driver = new TaskDriver();
    }

    @AfterEach
    void stop() {
        driver.stop();
        server.close();
    }

    private Map<String, String> props() {
        Map<String, String> p = TaskDriver.baseProps("reddit-test");
        p.put(RedditConfig.URL, server.url());
        p.put(RedditConfig.SUBREDDITS, "aws");
        p.put(RedditConfig.POLL_INTERVAL_MS, "200");
        p.put(HttpPollerConfig.USER_AGENT, AGENT);
        p.put(HttpPollerConfig.BACKOFF_MIN_MS, "100");
        p.put(HttpPollerConfig.BACKOFF_MAX_MS, "1000");
        return p;
    }

    private static List<String> created(List<SocialSignal> signals) {
        return signals.stream().filter(s -> s.getAction() == PostAction.CREATE).map(SocialSignal::getPostId).toList();
    }

    @Test
    void publishesLinkedPostsFromTheFixtureListingWithADescriptiveUserAgent() throws Exception {
        server.fixture = TaskDriver.resource("/social/feeds/reddit-new.json");
        driver.start(new RedditSourceTask(), props());
        driver.pollUntil(d -> !d.signals().isEmpty(), WAIT);
        driver.pollFor(Duration.ofMillis(500));

        List<SocialSignal> s = driver.signals();
        assertThat(s).hasSize(1);
        assertThat(s.get(0).getPostId()).isEqualTo("t3_1jb9k4m");
        assertThat(s.get(0).getProviders()).containsExactly("aws/us-east-1/ec2");
        assertThat(s.get(0).getText()).startsWith("us-east-1 EC2 API throwing 503s & RunInstances timing out?");
        assertThat(s.get(0).getComplaintScore()).isGreaterThan(0.5);
        assertThat(s.get(0).getCreatedAt()).isEqualTo(Instant.ofEpochSecond(1_773_505_441L));
        assertThat(s.get(0).getUrl()).isEqualTo("https://www.reddit.com/r/aws/comments/1jb9k4m/useast1_ec2_api_throwing_503s_runinstances_timing/");
        assertThat(s.get(0).getAuthorHash()).doesNotContain("tf_apply_yolo");
        assertThat(server.userAgents).containsOnly(AGENT);
        assertThat(server.requests.get(0)).contains("limit=100").contains("raw_json=1");
    }

    @Test
    void pagesBackToTheStoredPostAndResumesAfterARestartWithoutDuplicates() throws Exception {
        for (long n = 1000; n < 1010; n++) {
            server.post(n, "coinbase down? try " + n);
        }
        driver.start(new RedditSourceTask(), props());
        driver.pollUntil(d -> d.signals().size() >= 10, WAIT);
        for (long n = 1010; n < 1160; n++) {                       // 150 new posts: two pages back
            server.post(n, "kraken not loading " + n);
        }
        driver.pollUntil(d -> d.signals().size() >= 160, WAIT);
        driver.stop();
        assertThat(driver.committed().values()).containsExactly(Map.of(RedditSourceTask.LAST_ID, Long.toString(1159, 36)));

        server.post(1160, "robinhood 503 again");
        driver.start(new RedditSourceTask(), props());
        driver.pollUntil(d -> d.signals().size() >= 161, WAIT);
        driver.pollFor(Duration.ofMillis(600));

        assertThat(created(driver.signals())).hasSize(161).doesNotHaveDuplicates();
        assertThat(server.requests).anyMatch(r -> r.contains("after=t3_"));
    }

    @Test
    void withdrawsAPublishedPostThatWasRemoved() throws Exception {
        server.post(2000, "binance app not working, withdrawals stuck");
        driver.start(new RedditSourceTask(), props());
        driver.pollUntil(d -> d.signals().size() >= 1, WAIT);
        server.remove(2000);
        driver.pollUntil(d -> d.signals().size() >= 2, WAIT);

        assertThat(driver.signals()).extracting(SocialSignal::getAction).containsExactly(PostAction.CREATE, PostAction.DELETE);
        assertThat(driver.signals().get(1).getServices()).isEqualTo(driver.signals().get(0).getServices()).contains("binance");
    }

    @Test
    void honoursRetryAfterAndSurvivesErrorPagesAndMalformedListings() throws Exception {
        server.answerOnce(429, "{\"message\":\"Too Many Requests\",\"error\":429}", Map.of("Retry-After", "1"));
        server.answerOnce(200, "<html><body>blocked</body></html>", Map.of());
        server.answerOnce(200, "{\"kind\":\"Listing\",\"data\":{\"children\":[{\"kind\":\"t3\",\"data\":{\"id\":\"!!\"}}]}}", Map.of());
        server.post(3000, "is github down? actions failing with 500");
        driver.start(new RedditSourceTask(), props());
        driver.pollUntil(d -> !d.signals().isEmpty(), WAIT);

        assertThat(driver.signals()).extracting(SocialSignal::getServices).containsExactly(List.of("github"));
        assertThat(driver.deadLetters()).hasSize(1);
        long afterRetry = server.requestTimes.get(1) - server.requestTimes.get(0);
        assertThat(Duration.ofNanos(afterRetry)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }
}
