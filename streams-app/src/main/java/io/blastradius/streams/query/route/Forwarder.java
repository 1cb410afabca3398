package io.blastradius.streams.query.route;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.state.HostInfo;

/** Sends a query on to another instance over HTTP, with a bounded connect and answer time. */
public final class Forwarder {
    /** Marks a request as already routed: answer from the named replica here, never forward again. */
    public static final String ROUTE_HEADER = "X-Blastradius-Route";

    private final HttpClient client;
    private final Duration timeout;
    private final String token;

    public Forwarder(Duration timeout, String token) {
        this.timeout = timeout;
        this.token = token;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** GETs {@code pathAndQuery} from {@code host}; the future fails on a transport error or timeout. */
    public CompletableFuture<HttpResponse<byte[]>> get(HostInfo host, String pathAndQuery, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery))
                .timeout(timeout)
                .GET();
        headers.forEach(b::header);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** As {@link #get}, waiting for the answer; transport failures and timeouts become {@link IOException}. */
    public HttpResponse<byte[]> getNow(HostInfo host, String pathAndQuery, Map<String, String> headers) throws IOException {
        try {
            return get(host, pathAndQuery, headers).get(timeout.toMillis() + 500, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking " + host, e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("asking " + host.host() + ":" + host.port() + " failed: " + e, e);
        }
    }
}
