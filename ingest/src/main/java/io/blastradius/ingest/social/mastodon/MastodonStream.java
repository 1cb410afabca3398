package io.blastradius.ingest.social.mastodon;

import io.blastradius.ingest.social.stream.IdleTimer;
import io.blastradius.ingest.social.stream.SseReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One connection to a Mastodon streaming endpoint ({@code /api/v1/streaming/public},
 * {@code /api/v1/streaming/hashtag?tag=...}) with a bearer token, read as server-sent events until it
 * ends, fails, or stays silent longer than the idle timeout (Mastodon sends a {@code :thump}
 * heartbeat about every 15 s, so silence means a dead connection).
 */
final class MastodonStream {
    private final HttpClient client;
    private final URI uri;
    private final String token;
    private final String userAgent;
    private final Duration idleTimeout;
    private final int maxEventBytes;

    MastodonStream(HttpClient client, URI uri, String token, String userAgent, Duration idleTimeout, int maxEventBytes) {
        this.client = client;
        this.uri = uri;
        this.token = token;
        this.userAgent = userAgent;
        this.idleTimeout = idleTimeout;
        this.maxEventBytes = maxEventBytes;
    }

    URI uri() {
        return uri;
    }

    /**
     * Connects and reads until the stream ends. Throws {@link IOException} for a failure worth a
     * reconnect (network, 5xx, 429, idle timeout) and {@link MastodonStreamRejected} for one that is not.
     */
    void run(SseReader.Listener listener) throws IOException, InterruptedException, MastodonStreamRejected {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Accept", "text/event-stream")
                .header("User-Agent", userAgent)
                .header("Cache-Control", "no-cache")
                .GET();
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 401 || status == 403 || status == 404 || status == 410) {
                throw new MastodonStreamRejected(status, "streaming " + uri + " answered " + status);
            }
            if (status != 200) {
                throw new IOException("streaming " + uri + " answered " + status);
            }
            try (IdleTimer idle = new IdleTimer(idleTimeout, () -> closeQuietly(body))) {
                try {
                    new SseReader(body, maxEventBytes, idle::touch).run(listener);
                } catch (IOException e) {
                    if (idle.fired()) {
                        throw new IOException("no data or heartbeat from " + uri + " for " + idleTimeout.toMillis() + " ms", e);
                    }
                    throw e;
                }
                if (idle.fired()) {
                    throw new IOException("no data or heartbeat from " + uri + " for " + idleTimeout.toMillis() + " ms");
                }
            }
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // closing only to unblock the reader; the reader reports the failure
        }
    }
}
