package io.blastradius.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.ingest.http.ScriptedHttpServer.Reply;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpPollerTest {
    private static final Duration INTERVAL = Duration.ofMillis(50);

    private final ScriptedHttpServer server = new ScriptedHttpServer();
    private final List<String> seen = new ArrayList<>();
    private final PollListener listener = new PollListener() {
        @Override
        public void onFetched(PollTarget target, int status, long bytes, Duration took) {
            seen.add("fetched " + status);
        }

        @Override
        public void onNotModified(PollTarget target, Duration took) {
            seen.add("not-modified");
        }

        @Override
        public void onFailure(PollTarget target, FetchResult.Failed failure, Duration took) {
            seen.add("failed " + failure.kind());
        }
    };
    // a limit no local answer comes near on a loaded machine; the tests of timeouts set their own
    private HttpPoller poller = poller(HttpPollerSettings.defaults().withRequestTimeout(Duration.ofSeconds(30))
            .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(10)));

    private HttpPoller poller(HttpPollerSettings settings) {
        return new HttpPoller(settings, Clock.systemUTC(), new Random(42), listener);
    }

    private PollTarget target(String path, ExpectedBody expected) {
        return new PollTarget("test" + path, server.uri(path), INTERVAL, expected);
    }

    @AfterEach
    void stop() {
        poller.close();
        server.close();
    }

    @Test
    void sendsADescriptiveUserAgentAndAcceptsGzip() {
        server.always("/feed.json", Reply.json("{}"));
        poller.fetch(target("/feed.json", ExpectedBody.JSON));

        ScriptedHttpServer.Request request = server.requests("/feed.json").get(0);
        assertThat(request.header("User-Agent")).isEqualTo(HttpPollerSettings.DEFAULT_USER_AGENT)
                .contains("blastradius");
        assertThat(request.header("Accept-Encoding")).contains("gzip");
        assertThat(request.header("Accept")).startsWith("application/json");
    }

    @Test
    void sendsTheTargetsAuthorizationOnlyWhenItHasOneAndNeverShowsIt() {
        server.always("/private.json", Reply.json("{}"));
        PollTarget withToken = new PollTarget("test/private", server.uri("/private.json"), INTERVAL, ExpectedBody.JSON,
                "Bearer s3cret");

        poller.fetch(withToken);
        poller.fetch(target("/private.json", ExpectedBody.JSON));

        List<ScriptedHttpServer.Request> requests = server.requests("/private.json");
        assertThat(requests.get(0).header("Authorization")).isEqualTo("Bearer s3cret");
        assertThat(requests.get(1).header("Authorization")).isNull();
        assertThat(withToken.toString()).doesNotContain("s3cret");
    }

    @Test
    void sendsTheETagAndLastModifiedOfAnAcceptedBodyBackAndReadsA304AsNotModified() {
        server.always("/summary.json", Reply.json("{\"page\":{}}").header("ETag", "\"v1\"")
                .header("Last-Modified", "Fri, 13 Mar 2026 18:25:00 GMT").conditional());
        PollTarget target = target("/summary.json", ExpectedBody.JSON);

        FetchResult first = poller.fetch(target);
        assertThat(first).isInstanceOf(FetchResult.Fetched.class);
        target.accept((FetchResult.Fetched) first);
        FetchResult second = poller.fetch(target);

        assertThat(second).isInstanceOf(FetchResult.NotModified.class);
        ScriptedHttpServer.Request conditional = server.requests("/summary.json").get(1);
        assertThat(conditional.header("If-None-Match")).isEqualTo("\"v1\"");
        assertThat(conditional.header("If-Modified-Since")).isEqualTo("Fri, 13 Mar 2026 18:25:00 GMT");
        assertThat(seen).containsExactly("fetched 200", "not-modified");
        assertThat(target.nextDue()).isEqualTo(second.at().plus(INTERVAL));
    }

    @Test
    void asksForTheWholeBodyAgainWhenTheCallerDidNotAcceptTheLastOne() {
        server.always("/incidents.json", Reply.json("{\"truncated\":").header("ETag", "\"bad\"").conditional());
        PollTarget target = target("/incidents.json", ExpectedBody.JSON);

        poller.fetch(target); // the caller's parser rejects it, so it is never accepted
        poller.fetch(target);

        assertThat(server.requests("/incidents.json").get(1).header("If-None-Match")).isNull();
    }

    @Test
    void honoursRetryAfterInSecondsOnA429() {
        server.always("/rate.json", Reply.status(429, "application/json", "{}").header("Retry-After", "7"));
        PollTarget target = target("/rate.json", ExpectedBody.JSON);

        FetchResult.Failed failed = (FetchResult.Failed) poller.fetch(target);

        assertThat(failed.kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(failed.httpStatus()).contains(429);
        assertThat(failed.retryIn()).isEqualTo(Duration.ofSeconds(7));
        assertThat(target.nextDue()).isEqualTo(failed.at().plusSeconds(7));
        assertThat(target.isDue(failed.at().plusSeconds(6))).isFalse();
    }

    @Test
    void honoursRetryAfterAsAnHttpDateOnA503() {
        ZonedDateTime retryAt = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(31).withNano(0);
        server.always("/busy.json", Reply.status(503, "text/plain", "busy")
                .header("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(retryAt)));

        Instant before = Instant.now();
        FetchResult.Failed failed = (FetchResult.Failed) poller.fetch(target("/busy.json", ExpectedBody.JSON));
        Instant after = Instant.now();

        // the wait until that date, as of the moment the answer was read (however slow the machine)
        assertThat(failed.kind()).isEqualTo(FailureKind.SERVER_ERROR);
        assertThat(failed.retryIn()).isBetween(Duration.between(after, retryAt.toInstant()),
                Duration.between(before, retryAt.toInstant()));
    }

    @Test
    void capsARetryAfterThatAsksForTooLong() {
        poller.close();
        poller = poller(new HttpPollerSettings(HttpPollerSettings.DEFAULT_USER_AGENT, Duration.ofSeconds(30),
                Duration.ofSeconds(30), 1 << 20, Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofMinutes(5)));
        server.always("/rate.json", Reply.status(429, "text/plain", "slow down").header("Retry-After", "86400"));

        FetchResult.Failed failed = (FetchResult.Failed) poller.fetch(target("/rate.json", ExpectedBody.JSON));

        assertThat(failed.retryIn()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void backsOffExponentiallyWithJitterOnRepeated503sAndResetsAfterASuccess() {
        server.always("/flaky.json", Reply.status(503, "text/html", "<html>down</html>"));
        PollTarget target = target("/flaky.json", ExpectedBody.JSON);
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waits.add(((FetchResult.Failed) poller.fetch(target)).retryIn());
        }
        // base = max(min backoff 100 ms, interval 50 ms); n-th failure waits within [base*2^(n-1)/2, base*2^(n-1)]
        for (int n = 1; n <= 5; n++) {
            long full = 100L << (n - 1);
            assertThat(waits.get(n - 1).toMillis()).as("failure %d", n).isBetween(full / 2, full);
        }
        assertThat(waits.get(4)).isGreaterThan(waits.get(0).multipliedBy(4));
        assertThat(target.consecutiveFailures()).isEqualTo(5);

        server.next("/flaky.json", Reply.json("[]"));
        assertThat(poller.fetch(target)).isInstanceOf(FetchResult.Fetched.class);
        assertThat(target.consecutiveFailures()).isZero();
    }

    @Test
    void reportsAnHtmlErrorPageServedWith200AsAFailureNotAsAFeed() {
        server.always("/feed.json", Reply.ok("text/html; charset=utf-8",
                "\n<!DOCTYPE html><html><head><title>Attention Required!</title></head><body>blocked</body></html>"));
        server.always("/feed.rss", Reply.ok("text/html", "<html><body>Service Unavailable</body></html>"));

        FetchResult.Failed json = (FetchResult.Failed) poller.fetch(target("/feed.json", ExpectedBody.JSON));
        FetchResult.Failed rss = (FetchResult.Failed) poller.fetch(target("/feed.rss", ExpectedBody.XML));

        assertThat(json.kind()).isEqualTo(FailureKind.UNEXPECTED_BODY);
        assertThat(json.detail()).contains("HTML");
        assertThat(rss.kind()).isEqualTo(FailureKind.UNEXPECTED_BODY);
        assertThat(json.retryIn()).isGreaterThanOrEqualTo(INTERVAL);
    }

    @Test
    void acceptsAnRssFeedAndRejectsAnXhtmlPageWithAnXmlProlog() {
        server.always("/ok.rss", Reply.xml("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel/></rss>"));
        server.always("/waf.rss", Reply.xml("<?xml version=\"1.0\"?>\n<!DOCTYPE html><html><body>no</body></html>"));

        assertThat(poller.fetch(target("/ok.rss", ExpectedBody.XML))).isInstanceOf(FetchResult.Fetched.class);
        assertThat(poller.fetch(target("/waf.rss", ExpectedBody.XML))).isInstanceOf(FetchResult.Failed.class);
    }

    @Test
    void givesUpOnAServerThatDoesNotAnswerWithinTheDeadline() {
        poller.close();
        poller = poller(HttpPollerSettings.defaults().withRequestTimeout(Duration.ofMillis(300))
                .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(10)));
        server.always("/slow.json", Reply.json("{}").delayed(Duration.ofSeconds(30)));

        long start = System.nanoTime();
        FetchResult.Failed failed = (FetchResult.Failed) poller.fetch(target("/slow.json", ExpectedBody.JSON));
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        // gave up at its own 300 ms deadline, long before the answer would have come
        assertThat(failed.kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void cutsOffABodyDrippedPastTheDeadline() {
        poller.close();
        poller = poller(HttpPollerSettings.defaults().withRequestTimeout(Duration.ofMillis(400))
                .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(10)));
        server.always("/drip.json", Reply.json("[" + "1,".repeat(500) + "1]").dripped(Duration.ofSeconds(30)));

        FetchResult.Failed failed = (FetchResult.Failed) poller.fetch(target("/drip.json", ExpectedBody.JSON));

        assertThat(failed.kind()).isEqualTo(FailureKind.TIMEOUT);
    }

    @Test
    void decodesGzipBodies() {
        String body = "{\"page\":{\"id\":\"abc\"},\"components\":[]}";
        server.always("/gz.json", Reply.json(body).gzipped());

        FetchResult.Fetched fetched = (FetchResult.Fetched) poller.fetch(target("/gz.json", ExpectedBody.JSON));

        assertThat(fetched.text()).isEqualTo(body);
    }

    @Test
    void refusesABodyLargerThanTheCap() {
        poller.close();
        poller = poller(HttpPollerSettings.defaults().withMaxBodyBytes(1000)
                .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(10)));
        server.always("/big.json", Reply.json("[" + "0,".repeat(5000) + "0]"));
        server.always("/bomb.json", Reply.json("[" + " ".repeat(200_000) + "]").gzipped());

        FetchResult.Failed big = (FetchResult.Failed) poller.fetch(target("/big.json", ExpectedBody.JSON));
        FetchResult.Failed bomb = (FetchResult.Failed) poller.fetch(target("/bomb.json", ExpectedBody.JSON));

        assertThat(big.kind()).isEqualTo(FailureKind.BODY_TOO_LARGE);
        assertThat(bomb.kind()).isEqualTo(FailureKind.BODY_TOO_LARGE);
    }

    @Test
    void decodesAUtf16BodyByItsByteOrderMarkWhateverTheContentTypeSays() throws Exception {
        String json = "[{\"summary\":\"Increased Error Rates \u2013 N. Virginia\"}]";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) 0xFE, (byte) 0xFF});
        bytes.write(json.getBytes(StandardCharsets.UTF_16BE));
        server.always("/currentevents", Reply.ok("application/json", bytes.toByteArray()));

        FetchResult.Fetched fetched = (FetchResult.Fetched) poller.fetch(target("/currentevents", ExpectedBody.JSON));

        assertThat(fetched.text()).isEqualTo(json);
    }

    @Test
    void reportsARefusedConnectionAsANetworkFailure() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        PollTarget target = new PollTarget("closed", URI.create("http://127.0.0.1:" + port + "/x.json"), INTERVAL,
                ExpectedBody.JSON);

        FetchResult.Failed failed = (FetchResult.Failed) poller.fetch(target);

        assertThat(failed.kind()).isEqualTo(FailureKind.NETWORK);
        assertThat(failed.httpStatus()).isEmpty();
    }

    @Test
    void retriesAMovedFeedWithBackoffRatherThanGivingUp() {
        server.always("/gone.json", Reply.status(404, "text/plain", "not found"));
        PollTarget target = target("/gone.json", ExpectedBody.JSON);

        FetchResult.Failed first = (FetchResult.Failed) poller.fetch(target);
        FetchResult.Failed second = (FetchResult.Failed) poller.fetch(target);

        assertThat(first.kind()).isEqualTo(FailureKind.CLIENT_ERROR);
        assertThat(second.retryIn()).isGreaterThanOrEqualTo(first.retryIn());
        assertThat(seen).containsExactly("failed CLIENT_ERROR", "failed CLIENT_ERROR");
    }
}
