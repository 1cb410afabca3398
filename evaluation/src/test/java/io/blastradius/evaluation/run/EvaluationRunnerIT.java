package io.blastradius.evaluation.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blastradius.evaluation.recording.RecordedRun;
import io.blastradius.evaluation.score.Metrics;
import io.blastradius.evaluation.score.Ratio;
import io.blastradius.testsupport.kafka.KafkaExtension;
import io.blastradius.testsupport.kafka.KafkaTestContext;
import io.blastradius.testsupport.registry.RegistryExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner end to end on a real broker and the real registry, with stand-ins only at the two
 * boundaries other modules fill: the simulator (a feeder publishing hand-made signals) and the
 * pipeline (a consumer group echoing provider status posts as outages).
 */
class EvaluationRunnerIT {
    @RegisterExtension
    static final KafkaExtension KAFKA = KafkaExtension.embedded();
    @RegisterExtension
    static final RegistryExtension REGISTRY = new RegistryExtension();

    @TempDir
    Path reportDir;

    @Test
    void runsAScenarioThroughThePipelineAndScoresItsCompleteOutput(KafkaTestContext kafka) throws Exception {
        String prefix = kafka.name("eval") + ".";
        EvaluationConfig config = new EvaluationConfig(Map.of(EvaluationConfig.TOPIC_PREFIX, prefix));
        EvaluationRunner runner = new EvaluationRunner(config, () -> RunFixtures.stack(kafka, REGISTRY.url()),
                new SyntheticFeeder("/truth/two-days.json", null), new StatusEchoPipeline(Duration.ofMillis(20)));

        EvaluationRunner.Result result = runner.run(List.of(Scenario.builtIn("two-days")), reportDir);

        assertThat(result.failures()).isEmpty();
        Metrics m = result.suite().totals();
        // the echo pipeline speaks at each acknowledgment: AWS and Cloudflare found, silent GCP missed,
        // and the Azure status post during chatter is a false alarm
        assertThat(m.detection().detections()).isEqualTo(3);
        assertThat(m.detection().precision()).isEqualTo(Ratio.of(2, 3));
        assertThat(m.detection().recall()).isEqualTo(Ratio.of(2, 3));
        assertThat(m.timing().timeToDetect().values()).containsExactly(Duration.ofMinutes(23), Duration.ofMinutes(28));
        assertThat(m.timing().lead().values()).containsOnly(Duration.ZERO);
        assertThat(m.timing().detectedBeforeAck()).isZero();
        assertThat(result.table()).contains("two-days").contains("0.67");

        Path scenarioDir = reportDir.resolve("two-days");
        assertThat(scenarioDir.resolve("truth.json")).exists();
        assertThat(RecordedRun.readOutput(scenarioDir.resolve("recording")).alerts()).hasSize(5);
        JsonNode json = new ObjectMapper().readTree(reportDir.resolve("scorecard.json").toFile());
        assertThat(json.at("/scenarios/0/detections").size()).isEqualTo(3);
        // pictures drawn from the signals on the topics: one per true outage and one for the false alarm
        try (var files = Files.list(scenarioDir.resolve("timelines"))) {
            assertThat(files.count()).isEqualTo(4);
        }
        assertThat(Files.readString(scenarioDir.resolve("timelines/outage-aws-use1.svg")))
                .doesNotContain("no signal data").doesNotContain("<b>").contains("&lt;b&gt;untrusted");
        // scored, drawn and recorded: the scenario's topics are gone
        assertThat(kafka.admin().listTopics().names().get(30, TimeUnit.SECONDS)).noneMatch(t -> t.startsWith(prefix));
    }

    @Test
    void waitsUntilThePipelineHasCommittedEveryInputRecord(KafkaTestContext kafka) throws Exception {
        String prefix = kafka.name("drain") + ".";
        EvaluationConfig config = new EvaluationConfig(Map.of(EvaluationConfig.TOPIC_PREFIX, prefix,
                EvaluationConfig.TIMELINES_ENABLED, false, EvaluationConfig.DELETE_TOPICS, false));
        EvaluationRunner runner = new EvaluationRunner(config, () -> RunFixtures.stack(kafka, REGISTRY.url()),
                new SyntheticFeeder("/truth/two-days.json", null), new StatusEchoPipeline(Duration.ofMillis(100)));

        runner.run(List.of(Scenario.builtIn("two-days")), reportDir);

        RunFixtures.ProbeOffsets offsets = RunFixtures.probeOffsets(kafka, prefix);
        assertThat(offsets.end()).isGreaterThan(1000);
        assertThat(offsets.committed()).isEqualTo(offsets.end());
    }

    @Test
    void reportsAFailedScenarioAndStillScoresTheOthers(KafkaTestContext kafka) throws Exception {
        EvaluationConfig config = new EvaluationConfig(Map.of(EvaluationConfig.TOPIC_PREFIX, kafka.name("fail") + ".",
                EvaluationConfig.TIMELINES_ENABLED, false));
        ScenarioFeeder good = new SyntheticFeeder("/truth/two-days.json", null);
        ScenarioFeeder feeder = (scenario, stack, topics, dir) -> {
            if (scenario.name().equals("broken")) {
                throw new IllegalArgumentException("scenario file broken.yaml: line 3: unknown provider 'awz'");
            }
            return good.prepare(scenario, stack, topics, dir);
        };
        EvaluationRunner runner = new EvaluationRunner(config, () -> RunFixtures.stack(kafka, REGISTRY.url()), feeder,
                new StatusEchoPipeline(Duration.ZERO));

        EvaluationRunner.Result result = runner.run(List.of(Scenario.builtIn("broken"), Scenario.builtIn("two-days")),
                reportDir);

        assertThat(result.ok()).isFalse();
        assertThat(result.failures()).containsExactly(new EvaluationRunner.Failure("broken",
                "scenario file broken.yaml: line 3: unknown provider 'awz'"));
        assertThat(result.suite().scenarios()).hasSize(1);
        assertThat(result.table()).contains("FAILED broken: scenario file broken.yaml");

        EvaluationRunner.Result again = runner.scoreRecorded(List.of(new EvaluationRunner.Recorded(
                reportDir.resolve("two-days/truth.json"), reportDir.resolve("two-days/recording"))),
                reportDir.resolve("rescored"));
        assertThat(again.suite().totals()).isEqualTo(result.suite().totals());
    }
}
