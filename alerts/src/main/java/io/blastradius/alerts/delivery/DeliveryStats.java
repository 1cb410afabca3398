package io.blastradius.alerts.delivery;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one destination, for logs and benchmarks. */
public final class DeliveryStats {
    final LongAdder delivered = new LongAdder();
    final LongAdder skipped = new LongAdder();
    final LongAdder retried = new LongAdder();
    final LongAdder deadLettered = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder latencyNanos = new LongAdder();

    /** A snapshot: alerts delivered, skipped (no event for that state), retries, dead-lettered, duplicates not resent, mean latency. */
    public record Snapshot(long delivered, long skipped, long retried, long deadLettered, long duplicates,
            double meanLatencyMillis) {}

    public Snapshot snapshot() {
        long d = delivered.sum();
        return new Snapshot(d, skipped.sum(), retried.sum(), deadLettered.sum(), duplicates.sum(),
                d == 0 ? 0 : latencyNanos.sum() / 1e6 / d);
    }
}
