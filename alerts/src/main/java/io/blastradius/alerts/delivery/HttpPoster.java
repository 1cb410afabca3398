package io.blastradius.alerts.delivery;

import io.blastradius.http.retry.RetryAfter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs a JSON body to one URL and classifies the answer: 2xx delivered; 408, 429 and 5xx, timeouts
 * (the whole exchange, connect to the body's last byte, is bounded by the timeout) and connection
 * errors retried (with the answer's {@code Retry-After}); any other status refused.
 * Redirects are not followed (a webhook that moved is a configuration error, and following it
 * would resend the body, signature included, to wherever the redirect points). One client per
 * destination, so a destination that hangs holds only its own connections.
 */
public final class HttpPoster {
    private static final int ERROR_BODY_CHARS = 300;
    /**
     * The longest {@code Retry-After} taken as asked; a longer one counts as this (a day, the default
     * budget of a resolve), which keeps absurd values (a year, more seconds than a long) out of the
     * budget arithmetic. Whether to wait that long or dead-letter is then the retry budget's call.
     */
    static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

    private final HttpClient client;
    private final URI url;
    private final Duration timeout;
    private final Map<String, String> headers;
    private final Clock clock;

    public HttpPoster(URI url, Duration timeout, Map<String, String> headers, Clock clock) {
        this.url = url;
        this.timeout = timeout;
        this.headers = Map.copyOf(headers);
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** One POST of {@code body} with the configured headers plus {@code requestHeaders}. */
    public Outcome post(byte[] body, Map<String, String> requestHeaders) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "blastradius-alerts")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::setHeader);
        requestHeaders.forEach(request::setHeader);
        HttpResponse<String> response;
        // the request's own timeout ends when the headers arrive; a body that trickles would hold a thread for good
        CompletableFuture<HttpResponse<String>> exchange = client.sendAsync(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return new Outcome.Retry("no complete answer within " + timeout.toMillis() + " ms", null, null);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                return new Outcome.Retry("no answer within " + timeout.toMillis() + " ms", null, null);
            }
            return new Outcome.Retry(cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), null, null);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Outcome.Delivered(status);
        }
        String error = "HTTP " + status + describe(response.body());
        if (status == 408 || status == 429 || status >= 500) {
            Duration retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null),
                    clock.instant(), MAX_RETRY_AFTER).orElse(null);
            return new Outcome.Retry(error, status, retryAfter);
        }
        return new Outcome.Refused(error, status);
    }

    private static String describe(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String trimmed = body.strip();
        if (trimmed.length() > ERROR_BODY_CHARS) {
            trimmed = trimmed.substring(0, ERROR_BODY_CHARS) + "...";
        }
        // the body is the receiver's text: keep it on one line in logs and dead letters
        return ": " + trimmed.replaceAll("\\p{Cntrl}", " ");
    }
}
