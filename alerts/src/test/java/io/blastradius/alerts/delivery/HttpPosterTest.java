package io.blastradius.alerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
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
}
