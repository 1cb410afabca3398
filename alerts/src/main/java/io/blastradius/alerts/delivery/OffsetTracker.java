package io.blastradius.alerts.delivery;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets may be committed, and what to commit with them: per partition, the records read and
 * which destinations still owe each one a final outcome (delivered, skipped, filtered out or
 * dead-lettered). The committable offset of a partition is that of its oldest record still owed by
 * any destination; its metadata is the {@link DeliveryProgress} of every destination beyond it, so
 * after a restart a destination that was done with a record does not get it again although the
 * committed offset lies before it.
 */
public final class OffsetTracker {
    // the broker's offset.metadata.max.bytes is 4096 by default; beyond this the progress is left out
    static final int MAX_METADATA_CHARS = 4_000;

    private final List<String> destinations;
    private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();

    private static final class PartitionState {
        final TreeMap<Long, Set<String>> owed = new TreeMap<>();
        long next = -1;
        OffsetAndMetadata committed;
        // what the commit this partition was resumed from knew, for the records it is reading again
        DeliveryProgress restored;
    }

    /** @param destinations the names of every destination records may be owed to */
    public OffsetTracker(Collection<String> destinations) {
        this.destinations = List.copyOf(destinations);
    }

    /**
     * A partition resumes from {@code committed} (null: nothing committed): its progress decides
     * which destinations get the records between the committed offset and the progress's end.
     */
    public synchronized void resume(TopicPartition partition, OffsetAndMetadata committed) {
        PartitionState state = new PartitionState();
        state.committed = committed;
        state.restored = committed == null ? null : DeliveryProgress.decode(committed.metadata());
        partitions.put(partition, state);
    }

    /** Whether {@code destination} must get the record at {@code offset}: false when it was done with it before the restart. */
    public synchronized boolean owes(TopicPartition partition, long offset, String destination) {
        PartitionState state = partitions.get(partition);
        return state == null || state.restored == null || state.restored.owes(destination, offset);
    }

    /** A record read at {@code offset}, owed to {@code owedTo} (empty: done already). */
    public synchronized void read(TopicPartition partition, long offset, Collection<String> owedTo) {
        PartitionState state = partitions.computeIfAbsent(partition, p -> new PartitionState());
        if (!owedTo.isEmpty()) {
            state.owed.put(offset, new HashSet<>(owedTo));
        }
        state.next = Math.max(state.next, offset + 1);
    }

    /** {@code destination} is done with the record at {@code offset}. */
    public synchronized void done(TopicPartition partition, long offset, String destination) {
        PartitionState state = partitions.get(partition);
        if (state == null) {
            return; // the partition was revoked meanwhile; its new owner reads the record again
        }
        Set<String> owing = state.owed.get(offset);
        if (owing != null && owing.remove(destination) && owing.isEmpty()) {
            state.owed.remove(offset);
        }
    }

    /** Offsets (with their progress) to commit: for each partition where either changed since the last commit. */
    public synchronized Map<TopicPartition, OffsetAndMetadata> committable() {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        partitions.forEach((tp, state) -> {
            if (state.next < 0) {
                return;
            }
            OffsetAndMetadata offset = offset(state);
            if (!offset.equals(state.committed)
                    && (state.committed == null || offset.offset() >= state.committed.offset())) {
                out.put(tp, offset);
            }
        });
        return out;
    }

    private OffsetAndMetadata offset(PartitionState state) {
        DeliveryProgress restored = state.restored;
        long next = restored == null ? state.next : Math.max(state.next, restored.next());
        long upTo = state.owed.isEmpty() ? state.next : state.owed.firstKey();
        if (restored != null && state.next < restored.next()) {
            // not all read again yet: what the last commit knew still stands for the rest
            upTo = state.owed.isEmpty() ? restored.next() : upTo;
            for (String d : destinations) {
                NavigableSet<Long> rest = restored.owed().get(d);
                Long first = rest == null ? Long.valueOf(state.next) : rest.ceiling(state.next);
                if (first != null) {
                    upTo = Math.min(upTo, first);
                }
            }
        }
        if (upTo >= next || next - upTo > DeliveryProgress.MAX_OFFSETS) {
            // nothing beyond the offset to remember, or too much: then everyone gets everything from it again
            return new OffsetAndMetadata(upTo, "");
        }
        Map<String, NavigableSet<Long>> owed = new LinkedHashMap<>();
        for (String d : destinations) {
            NavigableSet<Long> offsets = new TreeSet<>();
            state.owed.tailMap(upTo).forEach((o, owing) -> {
                if (owing.contains(d)) {
                    offsets.add(o);
                }
            });
            if (restored != null && state.next < restored.next()) {
                NavigableSet<Long> rest = restored.owed().get(d);
                if (rest != null) {
                    offsets.addAll(rest.subSet(state.next, true, restored.next(), false));
                } else {
                    for (long o = Math.max(state.next, upTo); o < restored.next(); o++) {
                        offsets.add(o);
                    }
                }
            }
            owed.put(d, offsets);
        }
        String metadata = new DeliveryProgress(next, owed).encode();
        // too long to store: commit the offset alone, and after a restart everyone gets everything from it
        return new OffsetAndMetadata(upTo, metadata.length() > MAX_METADATA_CHARS ? "" : metadata);
    }

    /** Records that {@code offsets} were committed. */
    public synchronized void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((tp, o) -> {
            PartitionState state = partitions.get(tp);
            if (state != null && (state.committed == null || o.offset() >= state.committed.offset())) {
                state.committed = o;
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

    @Override
    public synchronized String toString() {
        Map<TopicPartition, Object> view = new HashMap<>();
        partitions.forEach((tp, s) -> view.put(tp, Objects.toString(s.committed) + " next " + s.next));
        return view.toString();
    }
}
