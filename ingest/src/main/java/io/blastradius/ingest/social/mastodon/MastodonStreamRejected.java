package io.blastradius.ingest.social.mastodon;

/**
 * The streaming API refused us for good (401/403: no or bad token, 404/410: no streaming here):
 * retrying will not help, the task falls back to polling the REST timeline.
 */
final class MastodonStreamRejected extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;

    MastodonStreamRejected(int status, String message) {
        super(message);
        this.status = status;
    }
}
