package io.blastradius.alerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {
    private static final TopicPartition P0 = new TopicPartition("alerts", 0);
    private static final TopicPartition P1 = new TopicPartition("alerts", 1);

    @Test
    void commitsOnlyUpToTheOldestRecordADestinationStillOwes() {
        OffsetTracker tracker = new OffsetTracker();
        tracker.read(P0, 10, 2);
        tracker.read(P0, 11, 1);
        tracker.read(P0, 12, 0);
        assertThat(tracker.committable()).containsEntry(P0, new OffsetAndMetadata(10));

        tracker.done(P0, 11);
        tracker.done(P0, 10);
        assertThat(tracker.committable()).containsEntry(P0, new OffsetAndMetadata(10));
        tracker.done(P0, 10);
        assertThat(tracker.committable()).containsEntry(P0, new OffsetAndMetadata(13));
    }

    @Test
    void offersAnOffsetOnlyWhenItMovedAndForgetsRevokedPartitions() {
        OffsetTracker tracker = new OffsetTracker();
        tracker.read(P0, 0, 0);
        tracker.read(P1, 5, 1);
        Map<TopicPartition, OffsetAndMetadata> first = tracker.committable();
        assertThat(first).containsEntry(P0, new OffsetAndMetadata(1)).containsEntry(P1, new OffsetAndMetadata(5));
        tracker.committed(first);
        assertThat(tracker.committable()).isEmpty();

        tracker.forget(P1);
        tracker.done(P1, 5);
        assertThat(tracker.committable()).isEmpty();
        assertThat(tracker.owed()).isZero();
    }
}
