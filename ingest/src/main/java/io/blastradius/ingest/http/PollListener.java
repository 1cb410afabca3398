package io.blastradius.ingest.http;

import java.time.Duration;

/**
 * Observes every poll, for metrics. Methods are called on the polling thread and must not block.
 */
public interface PollListener {
    PollListener NONE = new PollListener() {
    };

    /** A 2xx with a body of the expected kind ({@code bytes} after decompression). */
    default void onFetched(PollTarget target, int status, long bytes, Duration took) {
    }

    /** A 304. */
    default void onNotModified(PollTarget target, Duration took) {
    }

    /** Any failure, with the delay before the next attempt. */
    default void onFailure(PollTarget target, FetchResult.Failed failure, Duration took) {
    }
}
