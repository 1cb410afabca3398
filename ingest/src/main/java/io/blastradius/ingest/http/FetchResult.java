package io.blastradius.ingest.http;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The outcome of one poll of a {@link PollTarget}. */
public sealed interface FetchResult permits FetchResult.Fetched, FetchResult.NotModified, FetchResult.Failed {

    /** When the response (or the failure) happened, by the poller's clock. */
    Instant at();

    /**
     * A 2xx response with a body of the expected kind. The target's validators (ETag,
     * Last-Modified) are not taken over until the caller confirms the body with
     * {@link PollTarget#accept(Fetched)}: a body that then fails to parse is fetched whole again next
     * time instead of being answered with 304 forever.
     */
    record Fetched(Instant at, int status, byte[] body, String contentType, HttpHeaders headers) implements FetchResult {
        /** The body decoded as text (BOM first, then the Content-Type charset, then UTF-8). */
        public String text() {
            return BodyText.decode(body, contentType);
        }

        public Optional<String> etag() {
            return headers.firstValue("ETag");
        }

        public Optional<String> lastModified() {
            return headers.firstValue("Last-Modified");
        }
    }

    /** A 304: nothing changed since the last accepted body. */
    record NotModified(Instant at) implements FetchResult {
    }

    /**
     * No usable body. {@code retryIn} is how long the target now waits before its next attempt
     * ({@code Retry-After} when the server sent one, otherwise exponential backoff with jitter).
     */
    record Failed(Instant at, FailureKind kind, int status, String detail, Duration retryIn) implements FetchResult {
        /** The HTTP status, or empty when no response arrived. */
        public Optional<Integer> httpStatus() {
            return status > 0 ? Optional.of(status) : Optional.empty();
        }
    }
}
