package io.blastradius.streams.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lines up, in event time, what the correlation stage receives from the tasks of the first
 * sub-topology. Kafka Streams does not keep tasks in step: on a replay one task can run hours of
 * event time ahead of another, and a decision on what the fast task said alone would see a partial
 * picture. So, per key (a {@link Lane}), every source's progress is kept (the latest
 * {@link CorrelationInput.Tick} it sent), inputs wait until every source has passed their time, and
 * are then released in event-time order, followed by one tick per closed minute at which the
 * correlator decides (like watermark alignment).
 *
 * <p>Two bounds keep an idle source from stalling detection: one idle for {@code idleMillis} of
 * wall-clock time is waited for no further than {@code maxSkewMinutes} behind the fastest
 * ({@link SourceProgress}), and no lane holds more than {@code maxBuffered} inputs. An input arriving after its time was released is released at once;
 * the correlator keeps history, so it is still judged at its own time.
 *
 * <p>Plain Java, no Kafka types: the processor persists the lanes (see {@link Storage}).
 */
final class EventTimeAligner {
    static final long MINUTE = 60_000L;
    /** Source id of the ticks the aligner emits itself. */
    static final int ALIGNED = -1;
    /** Empty stretches longer than this are crossed in one step; the last of it is ticked minute by minute. */
    private static final long TICKED_GAP = 180 * MINUTE;

    private final AlignmentSettings settings;

    EventTimeAligner(AlignmentSettings settings) {
        this.settings = settings;
    }

    /** Where a lane's waiting inputs are kept, so they survive a restart (a changelogged store). */
    interface Storage {
        void hold(Key key, CorrelationInput input);

        void release(Key key);
    }

    /** Order of waiting inputs: event time, then arrival. */
    record Key(long at, long seq) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    /** One key's alignment: each source's progress, what has been released, what waits. */
    static final class Lane {
        final SourceProgress progress;
        long released;
        long seq;
        final TreeMap<Key, CorrelationInput> waiting = new TreeMap<>();

        Lane() {
            this(new long[0], Long.MIN_VALUE, 0);
        }

        Lane(long[] watermarks, long released, long seq) {
            this.progress = new SourceProgress(watermarks);
            this.released = released;
            this.seq = seq;
        }

        /** Every input at or before this time has been released and decided on. */
        long released() {
            return released;
        }

        long[] watermarks() {
            return progress.watermarks();
        }

        long seq() {
            return seq;
        }

        int waiting() {
            return waiting.size();
        }

        void restore(Key key, CorrelationInput input) {
            waiting.put(key, input);
        }
    }

    /**
     * Takes one input for the lane named {@code name} and returns what may now be applied, in order: health judgements and status
     * observations, and ticks (source {@link #ALIGNED}) after which the correlator decides.
     */
    List<CorrelationInput> offer(String name, Lane lane, CorrelationInput input, Storage storage, long wallNow) {
        lane.progress.expect(settings.sources(), wallNow);
        if (input instanceof CorrelationInput.Tick t) {
            lane.progress.advance(t.source(), t.at(), wallNow);
        } else if (lane.released != Long.MIN_VALUE && input.at() <= lane.released) {
            return List.of(input); // late: its minutes are decided already
        } else {
            Key key = new Key(input.at(), lane.seq++);
            lane.waiting.put(key, input);
            storage.hold(key, input);
            int source = input instanceof CorrelationInput.Health h ? h.source()
                    : input instanceof CorrelationInput.ProviderStatus s ? s.source() : 0;
            lane.progress.expect(source + 1, wallNow); // a source that has not ticked yet is waited for
        }
        long target = target(name, lane, wallNow);
        if (target == Long.MIN_VALUE || target <= lane.released) {
            return List.of();
        }
        return release(lane, target, storage);
    }

    /** The time up to which inputs may be released: the slowest source's, within the two bounds. */
    private long target(String name, Lane lane, long wallNow) {
        long target = lane.progress.passed(name, settings.maxSkewMinutes(), settings.idleMillis(), wallNow);
        if (target == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        if (lane.waiting.size() > settings.maxBuffered()) {
            int excess = lane.waiting.size() - settings.maxBuffered();
            Key k = null;
            var it = lane.waiting.keySet().iterator();
            for (int i = 0; i < excess && it.hasNext(); i++) {
                k = it.next();
            }
            if (k != null) {
                target = Math.max(target, boundary(k.at()));
            }
        }
        return boundary(target) == target ? target : boundary(target) - MINUTE;
    }

    private List<CorrelationInput> release(Lane lane, long target, Storage storage) {
        List<CorrelationInput> steps = new ArrayList<>();
        long b;
        if (lane.released == Long.MIN_VALUE) {
            if (lane.waiting.isEmpty() || boundary(lane.waiting.firstKey().at()) > target) {
                return steps; // nothing to decide on yet: the first release starts with the first input
            }
            b = boundary(lane.waiting.firstKey().at());
        } else {
            b = lane.released + MINUTE;
        }
        while (b <= target) {
            while (!lane.waiting.isEmpty() && lane.waiting.firstKey().at() <= b) {
                Map.Entry<Key, CorrelationInput> e = lane.waiting.pollFirstEntry();
                storage.release(e.getKey());
                steps.add(e.getValue());
            }
            steps.add(new CorrelationInput.Tick(b, ALIGNED));
            long next = b + MINUTE;
            if (target - next > TICKED_GAP) {
                // nothing to decide on for a long stretch: cross it, ticking again where inputs wait
                long nextInput = lane.waiting.isEmpty() ? Long.MAX_VALUE : boundary(lane.waiting.firstKey().at());
                next = Math.max(next, Math.min(nextInput, target - TICKED_GAP));
            }
            b = next;
        }
        lane.released = target;
        return steps;
    }

    /** The end of the minute {@code at} falls in ({@code at} itself on a minute boundary). */
    static long boundary(long at) {
        long floor = Math.floorDiv(at, MINUTE) * MINUTE;
        return floor == at ? at : floor + MINUTE;
    }
}
