package io.blastradius.alerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import io.blastradius.alerts.testing.Receiver;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpPosterTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void givesUpOnAnAnswerWhoseBodyNeverEndsWithinTheTimeout() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 1_000);
            OutputStream body = exchange.getResponseBody();
            body.write("{\"ok\":".getBytes(StandardCharsets.UTF_8));
            body.flush();
            try {
                release.await(60, TimeUnit.SECONDS); // the rest of the body never comes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        HttpPoster poster = new HttpPoster(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook"),
                Duration.ofMillis(500), Map.of(), Clock.systemUTC());

        Outcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> poster.post(new byte[] {'{', '}'},
                Map.of()));
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Retry.class,
                r -> assertThat(r.error()).contains("no complete answer within 500 ms"));
    }

    @Test
    void retriesWithTheAnswersRetryAfterInSecondsOrAsADateUpToADay() throws Exception {
        try (Receiver receiver = new Receiver()) {
            HttpPoster poster = new HttpPoster(receiver.url("/hook"), Duration.ofSeconds(10), Map.of(),
                    Clock.fixed(Instant.parse("2026-03-13T18:25:00Z"), ZoneOffset.UTC));

            assertThat(retryAfter(poster, receiver, 429, "120")).isEqualTo(Duration.ofMinutes(2));
            assertThat(retryAfter(poster, receiver, 503, "Fri, 13 Mar 2026 18:26:30 GMT")).isEqualTo(Duration.ofSeconds(90));
            assertThat(retryAfter(poster, receiver, 503, "Mon, 16 Mar 2026 18:25:00 GMT")).isEqualTo(Duration.ofDays(1));
            assertThat(retryAfter(poster, receiver, 429, "99999999999999999999")).isEqualTo(Duration.ofDays(1));
            assertThat(retryAfter(poster, receiver, 429, "soon")).isNull();
        }
    }

    private static Duration retryAfter(HttpPoster poster, Receiver receiver, int status, String header)
            throws InterruptedException {
        receiver.answer(r -> new Receiver.Answer(status, "later", Map.of("Retry-After", header), Duration.ZERO));
        Outcome outcome = poster.post(new byte[] {'{', '}'}, Map.of());
        assertThat(outcome).as("answer %d with Retry-After: %s", status, header).isInstanceOf(Outcome.Retry.class);
        return ((Outcome.Retry) outcome).retryAfter();
    }
}
