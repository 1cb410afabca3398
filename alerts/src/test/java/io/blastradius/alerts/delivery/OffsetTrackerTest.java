package io.blastradius.alerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {
    private static final TopicPartition P0 = new TopicPartition("alerts", 0);
    private static final TopicPartition P1 = new TopicPartition("alerts", 1);
    private static final List<String> DESTINATIONS = List.of("hook", "pd");

    @Test
    void commitsOnlyUpToTheOldestRecordADestinationStillOwes() {
        OffsetTracker tracker = new OffsetTracker(DESTINATIONS);
        tracker.read(P0, 10, List.of("hook", "pd"));
        tracker.read(P0, 11, List.of("pd"));
        tracker.read(P0, 12, List.of());
        assertThat(tracker.committable().get(P0).offset()).isEqualTo(10);

        tracker.done(P0, 11, "pd");
        tracker.done(P0, 10, "pd");
        assertThat(tracker.committable().get(P0).offset()).isEqualTo(10);
        tracker.done(P0, 10, "hook");
        assertThat(tracker.committable()).containsEntry(P0, new OffsetAndMetadata(13, ""));
    }

    @Test
    void offersAnOffsetOnlyWhenItOrTheProgressMovedAndForgetsRevokedPartitions() {
        OffsetTracker tracker = new OffsetTracker(DESTINATIONS);
        tracker.read(P0, 0, List.of());
        tracker.read(P1, 5, List.of("hook", "pd"));
        tracker.read(P1, 6, List.of("pd"));
        Map<TopicPartition, OffsetAndMetadata> first = tracker.committable();
        assertThat(first).containsEntry(P0, new OffsetAndMetadata(1, ""));
        assertThat(first.get(P1).offset()).isEqualTo(5);
        tracker.committed(first);
        assertThat(tracker.committable()).isEmpty();

        tracker.done(P1, 6, "pd");
        assertThat(tracker.committable()).as("the offset stays, what pd owes changed").containsOnlyKeys(P1);

        tracker.forget(P1);
        tracker.done(P1, 5, "hook");
        assertThat(tracker.committable()).isEmpty();
        assertThat(tracker.owed()).isZero();
    }

    @Test
    void commitsWithTheOffsetWhatEachDestinationStillOwesBeyondIt() {
        OffsetTracker tracker = new OffsetTracker(DESTINATIONS);
        for (long o = 0; o < 6; o++) {
            tracker.read(P0, o, List.of("hook", "pd"));
            tracker.done(P0, o, "pd");
        }
        tracker.done(P0, 1, "hook");
        tracker.done(P0, 4, "hook");

        OffsetAndMetadata offset = tracker.committable().get(P0);
        assertThat(offset.offset()).isZero();
        DeliveryProgress progress = DeliveryProgress.decode(offset.metadata());
        assertThat(progress.next()).isEqualTo(6);
        assertThat(progress.owed().get("pd")).isEmpty();
        assertThat(progress.owed().get("hook")).containsExactly(0L, 2L, 3L, 5L);
    }

    @Test
    void aResumedPartitionSendsEachDestinationOnlyWhatItStillOwed() {
        OffsetTracker before = new OffsetTracker(DESTINATIONS);
        for (long o = 0; o < 4; o++) {
            before.read(P0, o, List.of("hook", "pd"));
            before.done(P0, o, "pd");
        }
        before.done(P0, 2, "hook");
        OffsetAndMetadata committed = before.committable().get(P0);

        OffsetTracker after = new OffsetTracker(List.of("hook", "pd", "slack")); // slack added meanwhile
        after.resume(P0, committed);
        assertThat(after.owes(P0, 0, "pd")).isFalse();
        assertThat(after.owes(P0, 3, "pd")).isFalse();
        assertThat(after.owes(P0, 0, "hook")).isTrue();
        assertThat(after.owes(P0, 2, "hook")).isFalse();
        assertThat(after.owes(P0, 3, "hook")).isTrue();
        assertThat(after.owes(P0, 1, "slack")).as("a destination the progress does not know gets everything").isTrue();
        assertThat(after.owes(P0, 4, "pd")).as("read for the first time").isTrue();
        assertThat(after.committable()).as("nothing read yet: nothing to commit").isEmpty();
    }

    @Test
    void keepsWhatTheLastCommitKnewAboutRecordsNotReadAgainYet() {
        OffsetTracker before = new OffsetTracker(DESTINATIONS);
        for (long o = 0; o < 10; o++) {
            before.read(P0, o, List.of("hook", "pd"));
            before.done(P0, o, "pd");
            if (o != 0 && o != 7) {
                before.done(P0, o, "hook");
            }
        }
        OffsetTracker after = new OffsetTracker(DESTINATIONS);
        after.resume(P0, before.committable().get(P0));

        // record 0 read again and delivered to hook; 1..9 not read yet when the next commit comes
        after.read(P0, 0, List.of("hook"));
        after.done(P0, 0, "hook");
        OffsetAndMetadata next = after.committable().get(P0);
        assertThat(next.offset()).isEqualTo(7);
        DeliveryProgress progress = DeliveryProgress.decode(next.metadata());
        assertThat(progress.next()).isEqualTo(10);
        assertThat(progress.owed().get("hook")).containsExactly(7L);
        assertThat(progress.owed().get("pd")).isEmpty();
    }

    @Test
    void leavesTheProgressOutWhenItWouldNotFitTheCommit() {
        OffsetTracker tracker = new OffsetTracker(DESTINATIONS);
        for (long o = 0; o < 3_000; o++) {
            tracker.read(P0, o, List.of("hook", "pd"));
            if (o % 2 == 0) {
                tracker.done(P0, o, "hook"); // every other one: no ranges to fold
            }
        }
        OffsetAndMetadata offset = tracker.committable().get(P0);
        assertThat(offset.offset()).isZero();
        assertThat(offset.metadata()).isEmpty();
        OffsetTracker after = new OffsetTracker(DESTINATIONS);
        after.resume(P0, offset);
        assertThat(after.owes(P0, 2, "hook")).as("without the progress everyone gets everything again").isTrue();
    }
}
