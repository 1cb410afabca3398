package io.blastradius.ingest.simulate;

/** A generated signal waiting to be emitted in event-time order. */
record Pending(long time, int kind, String key, Object value) {
    static final int STATUS = 0;
    static final int SOCIAL = 1;
    static final int PROBE = 2;
}
