package io.blastradius.evaluation.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blastradius.evaluation.score.PipelineOutput;
import io.blastradius.evaluation.score.Scorer;
import io.blastradius.evaluation.signal.SignalSink;
import io.blastradius.evaluation.testing.Detectors;
import io.blastradius.evaluation.testing.Signals;
import io.blastradius.evaluation.testing.Truths;
import io.blastradius.evaluation.truth.GroundTruth;
import io.blastradius.schemas.ComponentStatus;
import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.SocialSignal;
import io.blastradius.schemas.StatusEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordedRunTest {
    @TempDir
    Path dir;

    @Test
    void recordedOutputReadsBackEqualAndScoresTheSame() throws IOException {
        GroundTruth truth = Truths.twoDays();
        PipelineOutput output = Detectors.late(truth, Duration.ofMinutes(7));

        RecordedRun.writeOutput(dir, output);
        PipelineOutput back = RecordedRun.readOutput(dir);

        // compared as Avro JSON: Avro's equals() throws on arrays of records with nullable timestamps
        assertThat(back.outageVersions().toString()).isEqualTo(output.outageVersions().toString());
        assertThat(back.alerts().toString()).isEqualTo(output.alerts().toString());
        assertThat(new Scorer().score(truth, back).metrics()).isEqualTo(new Scorer().score(truth, output).metrics());
    }

    @Test
    void recordedSignalsReplayInOrder() throws IOException {
        Instant t = Instant.parse("2025-10-20T07:00:00Z");
        StatusEvent status = Signals.providerStatus("aws/us-east-1", t, ComponentStatus.MAJOR_OUTAGE, "x");
        SocialSignal post = Signals.complaint(t, List.of("coinbase"), List.of("aws"), 0.7);
        ProbeResult p1 = Signals.probe("coinbase", t, false, "aws/us-east-1/dynamodb");
        ProbeResult p2 = Signals.probe("coinbase", t.plusSeconds(60), true, null);
        try (RecordedRun.SignalWriter writer = RecordedRun.signalWriter(dir)) {
            writer.status(status);
            writer.social(post);
            writer.probe(p1);
            writer.probe(p2);
        }
        List<Object> replayed = new ArrayList<>();

        RecordedRun.replaySignals(dir, new SignalSink() {
            @Override
            public void status(StatusEvent event) {
                replayed.add(event);
            }

            @Override
            public void social(SocialSignal signal) {
                replayed.add(signal);
            }

            @Override
            public void probe(ProbeResult result) {
                replayed.add(result);
            }
        });

        assertThat(RecordedRun.hasSignals(dir)).isTrue();
        assertThat(replayed).containsExactly(status, post, p1, p2);
    }

    @Test
    void readingADirectoryWithoutARecordingSaysWhatIsMissing() {
        assertThatThrownBy(() -> RecordedRun.readOutput(dir)).hasMessageContaining("outages.avro is missing");
    }
}
