package io.blastradius.ingest.probe.ranges;

import java.io.IOException;

/** Gets the bytes of a range file, skipping the transfer when it has not changed since the last fetch. */
public interface RangeFetcher {

    /**
     * Fetches {@code source}.
     *
     * @param validator what the previous successful fetch returned ({@link Fetched#validator()}),
     *     or null on the first fetch
     * @return the new content, or {@link Fetched#notModified()} when it is unchanged
     * @throws IOException when the file could not be fetched (network, HTTP status, missing file)
     */
    Fetched fetch(RangeSource source, String validator) throws IOException;

    /**
     * The result of a fetch.
     *
     * @param content the bytes, null when not modified
     * @param validator opaque marker to send next time (ETag and Last-Modified, or file time and size)
     */
    record Fetched(byte[] content, String validator) {
        private static final Fetched NOT_MODIFIED = new Fetched(null, null);

        public static Fetched notModified() {
            return NOT_MODIFIED;
        }

        public boolean modified() {
            return content != null;
        }
    }
}
