package io.blastradius.alerts.delivery;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets may be committed: per partition, records read and how many destinations still owe
 * each one a final outcome (delivered, skipped, filtered out or dead-lettered). The committable
 * offset of a partition is that of its oldest record still owed; so a record is read again after a
 * restart unless every destination was done with it and with everything before it.
 */
public final class OffsetTracker {
    private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();

    private static final class PartitionState {
        final TreeMap<Long, Integer> owed = new TreeMap<>();
        long next = -1;
        long committed = -1;
    }

    /** A record read at {@code offset}, owed to {@code destinations} destinations (0: done already). */
    public synchronized void read(TopicPartition partition, long offset, int destinations) {
        PartitionState state = partitions.computeIfAbsent(partition, p -> new PartitionState());
        if (destinations > 0) {
            state.owed.put(offset, destinations);
        }
        state.next = Math.max(state.next, offset + 1);
    }

    /** One destination is done with the record at {@code offset}. */
    public synchronized void done(TopicPartition partition, long offset) {
        PartitionState state = partitions.get(partition);
        if (state == null) {
            return; // the partition was revoked meanwhile; its new owner reads the record again
        }
        state.owed.computeIfPresent(offset, (o, n) -> n == 1 ? null : n - 1);
    }

    /** Offsets to commit: for each partition whose committable offset moved since the last call. */
    public synchronized Map<TopicPartition, OffsetAndMetadata> committable() {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        partitions.forEach((tp, state) -> {
            if (state.next < 0) {
                return;
            }
            long upTo = state.owed.isEmpty() ? state.next : state.owed.firstKey();
            if (upTo > state.committed) {
                out.put(tp, new OffsetAndMetadata(upTo));
            }
        });
        return out;
    }

    /** Records that {@code offsets} were committed. */
    public synchronized void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((tp, o) -> {
            PartitionState state = partitions.get(tp);
            if (state != null) {
                state.committed = Math.max(state.committed, o.offset());
            }
        });
    }

    /** Records still owed, over all partitions. */
    public synchronized int owed() {
        return partitions.values().stream().mapToInt(s -> s.owed.size()).sum();
    }

    /** Forgets a partition (revoked): its owed records will be read again by its next owner. */
    public synchronized void forget(TopicPartition partition) {
        partitions.remove(partition);
    }
}
