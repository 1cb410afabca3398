package io.blastradius.evaluation.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blastradius.evaluation.score.PipelineOutput;
import io.blastradius.evaluation.score.Scorer;
import io.blastradius.evaluation.signal.SignalSink;
import io.blastradius.evaluation.testing.Detectors;
import io.blastradius.evaluation.testing.OutageRecords;
import io.blastradius.evaluation.testing.Signals;
import io.blastradius.evaluation.testing.Truths;
import io.blastradius.evaluation.truth.GroundTruth;
import io.blastradius.schemas.Outage;
import io.blastradius.schemas.OutageState;
import io.blastradius.schemas.scope.ScopeId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
    private final GroundTruth truth = Truths.twoDays();
    private final Scorer scorer = new Scorer();

    @TempDir
    Path dir;

    @Test
    void writesTableJsonAndOnePicturePerTrueOutageAndFalseAlarm() throws Exception {
        PipelineOutput perfect = Detectors.perfect(truth);
        Instant at = Instant.parse("2025-10-21T02:30:00Z");
        Outage alarm = OutageRecords.version("azure-1", ScopeId.parse("azure/global"), at, at, OutageState.SUSPECTED,
                List.of(), List.of());
        List<Outage> versions = new ArrayList<>(perfect.outageVersions());
        versions.add(alarm);
        PipelineOutput output = new PipelineOutput(versions, perfect.alerts());
        List<String> replayed = new ArrayList<>();
        SignalSource signals = sink -> feed(sink, replayed);

        String table = new ReportWriter(new Timelines(10)).write(dir, List.of(
                new ReportWriter.ScenarioRun(scorer.score(truth, output), signals, List.of("a note")),
                new ReportWriter.ScenarioRun(scorer.score(truth, Detectors.silent()), null, List.of())));

        assertThat(table).contains("two-days").contains("TOTAL").contains("n/a");
        assertThat(Files.readString(dir.resolve("scorecard.txt"))).startsWith(table)
                .contains("  outage aws-use1 (aws/us-east-1): detected +0s, 23m before the ack; said aws/us-east-1/dynamodb"
                        + " for aws/us-east-1/dynamodb [provider right, region right, service right]")
                .contains("  outage gcp-service-control (gcp/global): detected +0s, provider silent")
                .contains("  false alarm azure-1 (azure/global) at 2025-10-21T02:30:00Z: chatter about azure (pricing change)")
                .contains("  outage aws-use1 (aws/us-east-1): MISSED\n");
        try (var svgs = Files.list(dir.resolve("two-days/timelines"))) {
            assertThat(svgs.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
                    "false-alarm-azure-1.svg", "outage-aws-use1.svg", "outage-cloudflare-cdn.svg",
                    "outage-gcp-service-control.svg");
        }
        assertThat(Files.readString(dir.resolve("two-days/timelines/outage-aws-use1.svg")))
                .doesNotContain("no signal data");
        assertThat(Files.readString(dir.resolve("two-days-2/timelines/outage-aws-use1.svg")))
                .contains("MISSED").contains("no signal data");
        assertThat(replayed).containsExactly("fed once");

        JsonNode json = new ObjectMapper().readTree(dir.resolve("scorecard.json").toFile());
        JsonNode first = json.at("/scenarios/0");
        assertThat(first.at("/metrics/detection/precision/numerator").asInt()).isEqualTo(3);
        assertThat(first.at("/metrics/detection/precision/denominator").asInt()).isEqualTo(4);
        assertThat(first.at("/metrics/detection/falseAlarmsPerDay").asDouble()).isEqualTo(0.5);
        assertThat(first.at("/outages/0/timeline").asText()).isEqualTo("two-days/timelines/outage-aws-use1.svg");
        assertThat(first.at("/outages/0/leadSeconds").asDouble()).isEqualTo(23 * 60.0);
        assertThat(first.at("/outages/1/leadSeconds").isNull()).isTrue();
        assertThat(first.at("/detections/1/falseAlarm").asBoolean()).isTrue();
        assertThat(first.at("/detections/1/explanations/0").asText()).isEqualTo("chatter about azure (pricing change)");
        assertThat(first.at("/notes/0").asText()).isEqualTo("a note");
        JsonNode silent = json.at("/scenarios/1/metrics");
        assertThat(silent.at("/detection/precision/value").isNull()).isTrue();
        assertThat(silent.at("/detection/recall/value").asDouble()).isZero();
        assertThat(silent.at("/timing/timeToDetectSeconds/median").isNull()).isTrue();
        assertThat(json.at("/totals/detection/recall/denominator").asInt()).isEqualTo(6);
    }

    private void feed(SignalSink sink, List<String> replayed) {
        replayed.add("fed once");
        Instant onset = truth.outages().get(0).onset();
        for (int i = 0; i < 30; i++) {
            sink.probe(Signals.probe("coinbase", onset.plus(Duration.ofMinutes(i)), false, null));
        }
    }
}
