package io.blastradius.alerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class DeliveryProgressTest {

    private static NavigableSet<Long> offsets(long... values) {
        NavigableSet<Long> out = new TreeSet<>();
        for (long v : values) {
            out.add(v);
        }
        return out;
    }

    @Test
    void writesRunsOfOffsetsAsRangesAndReadsThemBack() {
        Map<String, NavigableSet<Long>> owed = new LinkedHashMap<>();
        owed.put("pagerduty", offsets());
        owed.put("hook", offsets(12, 13, 14, 15, 40));
        DeliveryProgress progress = new DeliveryProgress(42, owed);

        assertThat(progress.encode()).isEqualTo("v1;42;pagerduty=;hook=12-15,40");
        DeliveryProgress read = DeliveryProgress.decode(progress.encode());
        assertThat(read.next()).isEqualTo(42);
        assertThat(read.owed()).isEqualTo(owed);
    }

    @Test
    void aDestinationOwesWhatItHadNotFinishedAndEverythingItDoesNotKnow() {
        DeliveryProgress progress = DeliveryProgress.decode("v1;42;pagerduty=;hook=12-15,40");
        assertThat(progress.owes("pagerduty", 13)).isFalse();
        assertThat(progress.owes("hook", 13)).isTrue();
        assertThat(progress.owes("hook", 16)).isFalse();
        assertThat(progress.owes("hook", 40)).isTrue();
        assertThat(progress.owes("pagerduty", 42)).as("beyond what was read").isTrue();
        assertThat(progress.owes("slack", 13)).as("a destination added since").isTrue();
    }

    @Test
    void readsNothingFromMetadataItDoesNotUnderstand() {
        assertThat(DeliveryProgress.decode(null)).isNull();
        assertThat(DeliveryProgress.decode("")).isNull();
        assertThat(DeliveryProgress.decode("written by another tool")).isNull();
        assertThat(DeliveryProgress.decode("v2;42;hook=1")).isNull();
        assertThat(DeliveryProgress.decode("v1;x;hook=1")).isNull();
        assertThat(DeliveryProgress.decode("v1;42;hook=15-12")).isNull();
        assertThat(DeliveryProgress.decode("v1;42;hook=50")).as("owed beyond next").isNull();
        assertThat(DeliveryProgress.decode("v1;42;Not A Name=1")).isNull();
        assertThat(DeliveryProgress.decode("v1;9000000;hook=0-8000000")).as("too many to hold").isNull();
    }

    @Test
    void refusesANameThatWouldBreakTheEncoding() {
        assertThatThrownBy(() -> new DeliveryProgress(1, Map.of("a;b=", offsets())))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
