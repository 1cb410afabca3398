package io.blastradius.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EventTimeAlignerTest {
    private static final long MIN = 60_000L;
    private static final long T0 = 1_760_940_000_000L; // a minute boundary

    private final Map<EventTimeAligner.Key, CorrelationInput> stored = new TreeMap<>();
    private final EventTimeAligner.Storage storage = new EventTimeAligner.Storage() {
        @Override
        public void hold(EventTimeAligner.Key key, CorrelationInput input) {
            stored.put(key, input);
        }

        @Override
        public void release(EventTimeAligner.Key key) {
            stored.remove(key);
        }
    };
    private final EventTimeAligner.Lane lane = new EventTimeAligner.Lane();
    private final List<CorrelationInput> released = new ArrayList<>();
    private long wall = 1_000_000L;

    private void offer(EventTimeAligner aligner, CorrelationInput input) {
        released.addAll(aligner.offer("aws", lane, input, storage, wall));
    }

    private static CorrelationInput health(String service, int minute, int source) {
        return new CorrelationInput.Health(service, true, 0.9, List.of(), T0 + minute * MIN, source);
    }

    private static CorrelationInput tick(int minute, int source) {
        return new CorrelationInput.Tick(T0 + minute * MIN, source);
    }

    private List<String> releasedNames() {
        return released.stream().map(i -> i instanceof CorrelationInput.Health h ? h.service()
                : i instanceof CorrelationInput.Tick t ? "tick@" + (t.at() - T0) / MIN : "status").toList();
    }

    @Test
    void holdsInputsUntilEverySourceHasPassedThemThenReleasesThemInEventTimeOrder() {
        EventTimeAligner aligner = new EventTimeAligner(new AlignmentSettings(2, 30, 0, 1000));
        // source 0 runs ahead by four minutes
        for (int m = 1; m <= 5; m++) {
            offer(aligner, health("fast-" + m, m, 0));
            offer(aligner, tick(m, 0));
        }
        assertThat(released).isEmpty();
        assertThat(stored).hasSize(5);

        offer(aligner, health("slow-1", 1, 1));
        offer(aligner, tick(1, 1));
        offer(aligner, health("slow-2", 2, 1));
        offer(aligner, tick(2, 1));
        assertThat(releasedNames()).containsExactly("fast-1", "slow-1", "tick@1", "fast-2", "slow-2", "tick@2");
        assertThat(released).filteredOn(i -> i instanceof CorrelationInput.Tick)
                .allSatisfy(t -> assertThat(((CorrelationInput.Tick) t).source()).isEqualTo(EventTimeAligner.ALIGNED));
        assertThat(stored).hasSize(3);
        assertThat(lane.released()).isEqualTo(T0 + 2 * MIN);
    }

    @Test
    void aStatusObservationWithinAMinuteIsReleasedBeforeThatMinutesTick() {
        EventTimeAligner aligner = new EventTimeAligner(new AlignmentSettings(1, 30, 0, 1000));
        offer(aligner, tick(1, 0));
        offer(aligner, new CorrelationInput.ProviderStatus("aws/us-east-1", null, "DEGRADED", "i-1", "investigating",
                T0 + MIN + 20_000, 0));
        offer(aligner, health("a", 2, 0));
        offer(aligner, tick(2, 0));
        // nothing is released before the first input: there is nothing to decide on
        assertThat(releasedNames()).containsExactly("status", "a", "tick@2");
    }

    @Test
    void stopsWaitingForAnIdleSourceMoreThanTheSkewBoundBehind() {
        EventTimeAligner aligner = new EventTimeAligner(new AlignmentSettings(2, 10, 30_000, 1000));
        offer(aligner, health("slow-1", 1, 1));
        offer(aligner, tick(1, 1));
        for (int m = 1; m <= 15; m++) {
            offer(aligner, health("fast-" + m, m, 0));
            offer(aligner, tick(m, 0));
        }
        // fifteen minutes behind but it moved a moment ago: a slower task on a replay is waited for
        assertThat(releasedNames()).containsExactly("slow-1", "fast-1", "tick@1");

        wall += 30_000;
        offer(aligner, tick(16, 0));
        // idle for 30 s of wall clock: source 0 goes on alone, up to ten minutes behind itself
        assertThat(lane.released()).isEqualTo(T0 + 6 * MIN);
        assertThat(releasedNames()).endsWith("fast-6", "tick@6");

        offer(aligner, tick(10, 1));
        assertThat(lane.released()).isEqualTo(T0 + 10 * MIN);
    }

    @Test
    void aSourceThatNeverSpokeIsGivenUpOnceIdle() {
        EventTimeAligner aligner = new EventTimeAligner(new AlignmentSettings(2, 10, 30_000, 1000));
        offer(aligner, health("fast-1", 1, 0));
        for (int m = 1; m <= 15; m++) {
            offer(aligner, tick(m, 0));
        }
        assertThat(released).isEmpty();
        wall += 30_000;
        offer(aligner, tick(16, 0));
        assertThat(releasedNames()).startsWith("fast-1", "tick@1").endsWith("tick@6");
    }

    @Test
    void anInputForMinutesAlreadyReleasedIsReleasedAtOnce() {
        EventTimeAligner aligner = new EventTimeAligner(new AlignmentSettings(1, 30, 0, 1000));
        offer(aligner, health("on-time", 5, 0));
        offer(aligner, tick(5, 0));
        released.clear();
        offer(aligner, health("late", 3, 0));
        assertThat(releasedNames()).containsExactly("late");
        assertThat(stored).isEmpty();
    }

    @Test
    void holdsNoMoreThanTheBufferBound() {
        EventTimeAligner aligner = new EventTimeAligner(new AlignmentSettings(2, 1000, 0, 10));
        for (int m = 1; m <= 30; m++) {
            offer(aligner, health("fast-" + m, m, 0));
            offer(aligner, tick(m, 0));
        }
        assertThat(lane.waiting()).isLessThanOrEqualTo(10);
        assertThat(stored).hasSize(lane.waiting());
        assertThat(releasedNames()).startsWith("fast-1", "tick@1");
    }

    @Test
    void aSourceNotConfiguredIsWaitedForOnceItAppears() {
        EventTimeAligner aligner = new EventTimeAligner(new AlignmentSettings(1, 30, 0, 1000));
        offer(aligner, health("b", 1, 1));
        offer(aligner, health("a", 1, 0));
        offer(aligner, tick(1, 0));
        assertThat(released).isEmpty();
        offer(aligner, tick(1, 1));
        assertThat(releasedNames()).containsExactly("b", "a", "tick@1");
    }

    @Test
    void crossesALongEmptyStretchWithoutTickingEveryMinute() {
        EventTimeAligner aligner = new EventTimeAligner(new AlignmentSettings(1, 30, 0, 1000));
        offer(aligner, health("a", 1, 0));
        offer(aligner, tick(1, 0));
        released.clear();
        offer(aligner, tick(24 * 60, 0));
        assertThat(released).hasSizeLessThan(200);
        assertThat(((CorrelationInput.Tick) released.get(released.size() - 1)).at()).isEqualTo(T0 + 24 * 60 * MIN);
    }
}
