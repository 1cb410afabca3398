package io.blastradius.ingest.http;

import io.blastradius.http.retry.Backoff;
import io.blastradius.http.retry.RetryAfter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls HTTP feeds politely and survives whatever comes back. One call to {@link #fetch(PollTarget)}
 * makes at most one request and turns every outcome (a body, a 304, a 429 with {@code Retry-After},
 * a 503, a timeout, an HTML error page served with 200) into a {@link FetchResult}; it never throws
 * for an upstream problem. It also moves the target's schedule: the normal interval after a success,
 * {@code Retry-After} or exponential backoff with jitter after a failure.
 *
 * <p>Every request carries the configured User-Agent, {@code Accept-Encoding: gzip} and, when the
 * target holds them, {@code If-None-Match}/{@code If-Modified-Since}. Bodies are capped at
 * {@link HttpPollerSettings#maxBodyBytes()} and the whole exchange at
 * {@link HttpPollerSettings#requestTimeout()}, so a server that drips its body cannot stall the caller.
 *
 * <p>Thread-safe; targets are not, so poll each target from one thread.
 */
public final class HttpPoller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpPoller.class);

    private final HttpPollerSettings settings;
    private final Clock clock;
    private final Backoff backoff;
    private final PollListener listener;
    private final ExecutorService executor;
    private final HttpClient client;

    public HttpPoller(HttpPollerSettings settings, Clock clock, RandomGenerator random, PollListener listener) {
        this.settings = settings;
        this.clock = clock;
        this.backoff = new Backoff(settings.minBackoff(), settings.maxBackoff(), random);
        this.listener = listener;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "http-poller-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .proxy(ProxySelector.getDefault())
                .executor(executor)
                .build();
    }

    public HttpPoller(HttpPollerSettings settings) {
        this(settings, Clock.systemUTC(), RandomGenerator.getDefault(), PollListener.NONE);
    }

    public HttpPollerSettings settings() {
        return settings;
    }

    /**
     * Polls {@code target} once, now, whether or not it is due (callers check
     * {@link PollTarget#isDue(Instant)}). If the calling thread is interrupted the request is
     * abandoned, the interrupt flag stays set and a {@link FailureKind#NETWORK} failure is returned.
     */
    public FetchResult fetch(PollTarget target) {
        long started = System.nanoTime();
        HttpRequest request = request(target);
        CompletableFuture<HttpResponse<byte[]>> future =
                client.sendAsync(request, info -> new LimitedBody(settings.maxBodyBytes()));
        HttpResponse<byte[]> response;
        try {
            response = future.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return fail(target, FailureKind.TIMEOUT, 0, "no complete response within "
                    + settings.requestTimeout().toMillis() + " ms", null, started);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return fail(target, FailureKind.NETWORK, 0, "interrupted while polling", null, started);
        } catch (ExecutionException e) {
            return failFromException(target, e.getCause(), started);
        }
        return interpret(target, response, started);
    }

    private HttpRequest request(PollTarget target) {
        HttpRequest.Builder b = HttpRequest.newBuilder(target.uri())
                .timeout(settings.requestTimeout())
                .header("User-Agent", settings.userAgent())
                .header("Accept", accept(target.expected()))
                .header("Accept-Encoding", "gzip")
                .GET();
        if (target.etag() != null) {
            b.header("If-None-Match", target.etag());
        }
        if (target.lastModified() != null) {
            b.header("If-Modified-Since", target.lastModified());
        }
        if (target.authorization() != null) {
            b.header("Authorization", target.authorization());
        }
        return b.build();
    }

    private static String accept(ExpectedBody expected) {
        switch (expected) {
            case JSON:
                return "application/json, text/json;q=0.9, */*;q=0.1";
            case XML:
                return "application/rss+xml, application/atom+xml, application/xml, text/xml;q=0.9, */*;q=0.1";
            default:
                return "*/*";
        }
    }

    private FetchResult interpret(PollTarget target, HttpResponse<byte[]> response, long started) {
        int status = response.statusCode();
        HttpHeaders headers = response.headers();
        Instant now = clock.instant();
        if (status == 304) {
            FetchResult.NotModified result = new FetchResult.NotModified(now);
            target.recordSuccess(result);
            listener.onNotModified(target, took(started));
            return result;
        }
        if (status == 429) {
            return fail(target, FailureKind.RATE_LIMITED, status, "429 Too Many Requests",
                    headers.firstValue("Retry-After").orElse(null), started);
        }
        if (status >= 500) {
            return fail(target, FailureKind.SERVER_ERROR, status, "HTTP " + status,
                    headers.firstValue("Retry-After").orElse(null), started);
        }
        if (status < 200 || status >= 300) {
            return fail(target, FailureKind.CLIENT_ERROR, status, "HTTP " + status,
                    headers.firstValue("Retry-After").orElse(null), started);
        }
        byte[] body;
        try {
            body = decode(response.body(), headers);
        } catch (BodyTooLargeException e) {
            return fail(target, FailureKind.BODY_TOO_LARGE, status, e.getMessage(), null, started);
        } catch (IOException e) {
            return fail(target, FailureKind.NETWORK, status, "broken gzip body: " + e.getMessage(), null, started);
        }
        String contentType = headers.firstValue("Content-Type").orElse(null);
        String mismatch = target.expected().mismatch(contentType, BodyText.decode(head(body), contentType));
        if (mismatch != null) {
            return fail(target, FailureKind.UNEXPECTED_BODY, status, "status " + status + " with " + mismatch,
                    null, started);
        }
        FetchResult.Fetched fetched = new FetchResult.Fetched(now, status, body, contentType, headers);
        target.recordSuccess(fetched);
        listener.onFetched(target, status, body.length, took(started));
        return fetched;
    }

    private byte[] decode(byte[] raw, HttpHeaders headers) throws IOException {
        String encoding = headers.firstValue("Content-Encoding").orElse("").trim().toLowerCase(Locale.ROOT);
        boolean gzipMagic = raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b;
        if (!encoding.contains("gzip") || !gzipMagic) {
            return raw;
        }
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 4);
            byte[] buf = new byte[16 * 1024];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > settings.maxBodyBytes()) {
                    throw new BodyTooLargeException(settings.maxBodyBytes());
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    private static byte[] head(byte[] body) {
        // Even length, so a UTF-16 prefix never ends in half a code unit.
        return body.length <= 1024 ? body : Arrays.copyOf(body, 1024);
    }

    private FetchResult failFromException(PollTarget target, Throwable cause, long started) {
        if (cause instanceof BodyTooLargeException) {
            return fail(target, FailureKind.BODY_TOO_LARGE, 0, cause.getMessage(), null, started);
        }
        if (cause instanceof HttpTimeoutException) {
            return fail(target, FailureKind.TIMEOUT, 0, cause.getMessage(), null, started);
        }
        String what = cause == null ? "unknown error" : cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        return fail(target, FailureKind.NETWORK, 0, what, null, started);
    }

    private FetchResult.Failed fail(PollTarget target, FailureKind kind, int status, String detail,
                                    String retryAfterHeader, long started) {
        Instant now = clock.instant();
        int failures = target.recordFailure();
        Duration wait = retryDelay(target, failures, retryAfterHeader, now);
        FetchResult.Failed failed = new FetchResult.Failed(now, kind, status, detail, wait);
        target.scheduleAfterFailure(failed);
        log.warn("Poll of {} failed ({}): {}; failure {} in a row, next attempt in {} ms", target, kind, detail,
                failures, wait.toMillis());
        listener.onFailure(target, failed, took(started));
        return failed;
    }

    private Duration retryDelay(PollTarget target, int failures, String retryAfterHeader, Instant now) {
        Optional<Duration> asked = RetryAfter.parse(retryAfterHeader, now, settings.maxRetryAfter());
        if (asked.isPresent()) {
            return asked.get().compareTo(target.interval()) < 0 ? target.interval() : asked.get();
        }
        return backoff.delay(failures, target.interval());
    }

    private static Duration took(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Stops the client's threads; requests under way fail. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** Thrown inside the body subscriber when a body passes the cap. */
    static final class BodyTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLargeException(long max) {
            super("body larger than " + max + " bytes");
        }
    }

    /** Collects a body up to a cap, cancelling the stream as soon as it is passed. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final long max;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final List<ByteBuffer> parts = new ArrayList<>();
        private long size;
        private Flow.Subscription subscription;

        LimitedBody(long max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                size += b.remaining();
                if (size > max) {
                    subscription.cancel();
                    parts.clear();
                    result.completeExceptionally(new BodyTooLargeException(max));
                    return;
                }
                parts.add(b);
            }
        }

        @Override
        public void onError(Throwable t) {
            parts.clear();
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            byte[] all = new byte[(int) size];
            int at = 0;
            for (ByteBuffer b : parts) {
                int n = b.remaining();
                b.get(all, at, n);
                at += n;
            }
            parts.clear();
            result.complete(all);
        }
    }
}
