package io.blastradius.evaluation.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.evaluation.recording.RecordedRun;
import io.blastradius.evaluation.score.PipelineOutput;
import io.blastradius.testsupport.kafka.KafkaExtension;
import io.blastradius.testsupport.kafka.KafkaTestContext;
import io.blastradius.testsupport.registry.RegistryExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner with the real pipeline: the blastradius Streams application (exactly-once, repartition
 * topics, global catalog stores) on a real broker and registry. What it detects from hand-made signals
 * is not the point here; that the run waits for it to finish, and scores all of its output, is.
 */
class StreamsPipelineIT {
    @RegisterExtension
    static final KafkaExtension KAFKA = KafkaExtension.embedded();
    @RegisterExtension
    static final RegistryExtension REGISTRY = new RegistryExtension();

    @TempDir
    Path reportDir;
    @TempDir
    Path stateRoot;

    @Test
    void runWaitsForTheStreamsAppToCommitEveryInputAndScoresAllItWrote(KafkaTestContext kafka) throws Exception {
        String prefix = kafka.name("eval") + ".";
        EvaluationConfig config = new EvaluationConfig(Map.of(EvaluationConfig.TOPIC_PREFIX, prefix,
                EvaluationConfig.DELETE_TOPICS, false));
        EvaluationRunner runner = new EvaluationRunner(config, () -> RunFixtures.stack(kafka, REGISTRY.url()),
                new SyntheticFeeder("/truth/two-days.json", "default"),
                new StreamsPipeline(Map.of(), stateRoot, Duration.ofSeconds(60)));

        EvaluationRunner.Result result = runner.run(List.of(Scenario.builtIn("two-days")), reportDir);

        assertThat(result.failures()).isEmpty();
        assertThat(result.suite().totals().detection().trueOutages()).isEqualTo(3);
        RunFixtures.ProbeOffsets offsets = RunFixtures.probeOffsets(kafka, prefix);
        assertThat(offsets.committed()).isEqualTo(offsets.end()).isGreaterThan(1000);
        // every outage id the app wrote is a detection in the score
        PipelineOutput recorded = RecordedRun.readOutput(reportDir.resolve("two-days/recording"));
        Set<String> ids = recorded.outageVersions().stream().map(o -> o.getOutageId()).collect(Collectors.toSet());
        assertThat(result.suite().scenarios().get(0).detections()).hasSize(ids.size());
        // and every version: each alert's snapshot was also written to the outage topic, and is still there
        Set<String> versions = recorded.outageVersions().stream().map(o -> o.getOutageId() + "@" + o.getUpdatedAt())
                .collect(Collectors.toSet());
        assertThat(recorded.alerts()).isNotEmpty();
        assertThat(recorded.alerts()).allSatisfy(a -> assertThat(versions)
                .contains(a.getOutage().getOutageId() + "@" + a.getOutage().getUpdatedAt()));
    }
}
