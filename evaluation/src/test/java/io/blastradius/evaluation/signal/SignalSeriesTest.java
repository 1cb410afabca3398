package io.blastradius.evaluation.signal;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.evaluation.testing.Signals;
import io.blastradius.schemas.ComponentStatus;
import io.blastradius.schemas.scope.ScopeId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SignalSeriesTest {
    private static final Instant T0 = Instant.parse("2025-10-20T06:00:00Z");
    private final SignalWindow window = new SignalWindow(T0, T0.plus(Duration.ofHours(1)), Duration.ofMinutes(10),
            ScopeId.parse("aws/us-east-1"), Set.of("coinbase"));

    @Test
    void countsProbesOfInvolvedServicesAndOfAddressesInTheScopePerBucket() {
        SignalCollector collector = new SignalCollector();
        SignalSeries series = collector.add("k", window);

        collector.probe(Signals.probe("coinbase", T0.plusSeconds(60), false, null));
        collector.probe(Signals.probe("coinbase", T0.plusSeconds(120), true, null));
        collector.probe(Signals.probe("unrelated", T0.plusSeconds(180), false, "aws/us-east-1/dynamodb"));
        collector.probe(Signals.probe("unrelated", T0.plusSeconds(240), false, "aws/eu-west-1"));
        collector.probe(Signals.probe("unrelated", T0.plusSeconds(300), false, null));
        collector.probe(Signals.probe("coinbase", T0.plus(Duration.ofMinutes(25)), false, null));
        collector.probe(Signals.probe("coinbase", T0.plus(Duration.ofHours(2)), false, null));

        assertThat(series.probes()).containsExactly(3, 0, 1, 0, 0, 0);
        assertThat(series.probeFailures()).containsExactly(2, 0, 1, 0, 0, 0);
        assertThat(series.probeFailureRatio()[0]).isEqualTo(2.0 / 3);
        assertThat(series.probeFailureRatio()[1]).isNaN();
    }

    @Test
    void sumsComplaintScoresOfPostsNamingTheServicesOrTheProvider() {
        SignalCollector collector = new SignalCollector();
        SignalSeries series = collector.add("k", window);

        collector.social(Signals.complaint(T0.plusSeconds(10), List.of("coinbase"), List.of(), 0.5));
        collector.social(Signals.complaint(T0.plusSeconds(20), List.of(), List.of("aws/us-east-1"), 0.25));
        collector.social(Signals.complaint(T0.plusSeconds(30), List.of("netflix"), List.of("gcp"), 0.9));

        assertThat(series.complaints()[0]).isEqualTo(0.75);
    }

    @Test
    void keepsStatusEventsAboutOverlappingScopes() {
        SignalCollector collector = new SignalCollector();
        SignalSeries series = collector.add("k", window);

        collector.status(Signals.providerStatus("aws/us-east-1/dynamodb", T0.plusSeconds(5), ComponentStatus.MAJOR_OUTAGE, "a"));
        collector.status(Signals.providerStatus("aws/global", T0.plusSeconds(6), ComponentStatus.DEGRADED, "b"));
        collector.status(Signals.providerStatus("aws/eu-west-1", T0.plusSeconds(7), ComponentStatus.DEGRADED, "c"));

        assertThat(series.statusEvents()).extracting(SignalSeries.StatusMark::title).containsExactly("a", "b");
    }

    @Test
    void windowOfPicksARoundBucketAndAlignsTheStart() {
        SignalWindow w = SignalWindow.of(Instant.parse("2025-10-20T06:07:00Z"), Instant.parse("2025-10-20T18:00:00Z"),
                ScopeId.parse("aws/us-east-1"), Set.of());

        assertThat(w.bucket()).isEqualTo(Duration.ofMinutes(5));
        assertThat(w.from()).isEqualTo(Instant.parse("2025-10-20T06:05:00Z"));
        assertThat(w.buckets()).isLessThanOrEqualTo(150);
    }
}
