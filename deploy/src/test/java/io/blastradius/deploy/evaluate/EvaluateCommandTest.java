package io.blastradius.deploy.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.deploy.CliRun;
import io.blastradius.evaluation.recording.RecordedRun;
import io.blastradius.evaluation.score.PipelineOutput;
import io.blastradius.schemas.BlastRadius;
import io.blastradius.schemas.Impact;
import io.blastradius.schemas.Outage;
import io.blastradius.schemas.OutageEvidence;
import io.blastradius.schemas.OutageState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {
    private final CliRun cli = new CliRun();

    @TempDir
    Path dir;

    private int run(String... args) {
        return cli.run(Map.of(), args);
    }

    @Test
    void listsTheBuiltInScenarios() {
        assertThat(run("evaluate", "--list")).isZero();
        assertThat(cli.out().lines()).contains("aws-2025-10-20", "quiet-week", "mixed-suite");
    }

    @Test
    void anUnknownScenarioIsRejectedBeforeAnythingStarts() {
        assertThat(run("evaluate", "no-such-scenario", "--out", dir.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("no built-in scenario named 'no-such-scenario'");
    }

    @Test
    void anInvalidScenarioFileIsRejectedWithItsProblems() throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, "name: broken\nworld: default\nstart: yesterday\n");

        assertThat(run("evaluate", file.toString(), "--out", dir.resolve("out").toString())).isEqualTo(2);
        assertThat(cli.err()).contains("broken.yaml");
    }

    @Test
    void nothingToRunIsAUsageError() {
        assertThat(run("evaluate", "--out", dir.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("name a scenario");
    }

    @Test
    void anExistingClusterNeedsItsRegistryToo() {
        assertThat(run("evaluate", "aws-2025-10-20", "--bootstrap-servers", "127.0.0.1:1")).isEqualTo(2);
        assertThat(cli.err()).contains("--bootstrap-servers and --schema-registry-url go together");
    }

    @Test
    void settingsAreCheckedAndPipelineKeysPassThrough() {
        assertThat(run("evaluate", "--print-config", "--set", "pipeline.detection.outage.min.dependents=4",
                "--set", "evaluation.timelines.enabled=false")).isZero();
        assertThat(cli.out())
                .containsPattern("pipeline\\.detection\\.outage\\.min\\.dependents\\s+4\\s+\\(command line\\)")
                .containsPattern("evaluation\\.drain\\.timeout\\.ms\\s+900000\\s+\\(default\\)");

        assertThat(run("evaluate", "aws-2025-10-20", "--set", "evaluation.timelnes.enabled=false")).isEqualTo(2);
        assertThat(cli.err()).contains("evaluation.timelnes.enabled");
    }

    @Test
    void scoresAnEarlierReportsRecordingsWithoutAStack() throws Exception {
        Path earlier = dir.resolve("earlier");
        Path scenario = earlier.resolve("one-outage");
        Files.createDirectories(scenario);
        Files.writeString(scenario.resolve("truth.json"), """
                {"scenario":"one-outage","start":"2025-10-20T00:00:00Z","end":"2025-10-21T00:00:00Z","outages":[
                 {"id":"o","scope":"aws/us-east-1","onset":"2025-10-20T06:48:00Z","acknowledged":"2025-10-20T07:11:00Z",
                  "end":"2025-10-20T10:00:00Z"}]}
                """);
        Instant at = Instant.parse("2025-10-20T06:53:00Z");
        RecordedRun.writeOutput(scenario.resolve("recording"), new PipelineOutput(List.of(outage(at)), List.of()));

        int code = run("evaluate", "--recorded", earlier.toString(), "--out", dir.resolve("again").toString());

        assertThat(code).isZero();
        assertThat(cli.out()).contains("one-outage").contains("5m").contains("18m");
        assertThat(dir.resolve("again/scorecard.json")).exists();
        assertThat(dir.resolve("again/one-outage/timelines/outage-o.svg")).exists();
    }

    @Test
    void recordedWithoutRecordingsIsAUsageError() {
        assertThat(run("evaluate", "--recorded", dir.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("no recorded runs under");
    }

    private static Outage outage(Instant at) {
        return Outage.newBuilder().setOutageId("o1").setScope("aws/us-east-1").setProvider("aws").setRegion("us-east-1")
                .setState(OutageState.SUSPECTED).setOnset(at).setDetected(at).setUpdatedAt(at).setConfidence(0.8)
                .setEvidence(OutageEvidence.newBuilder().setUnhealthyDependents(3).setTotalDependents(10)
                        .setExpectedUnhealthy(0.1).setSurprise(6).setAttributedProbeFailures(3).setComplaints(2)
                        .setProviderComplaints(0).build())
                .setBlastRadius(BlastRadius.newBuilder().setObserved(List.of()).setAtRisk(List.of())
                        .setImpact(Impact.newBuilder().setObservedServices(0).setAtRiskServices(0).setObservedUsers(0)
                                .setAtRiskUsers(0).setSecondOrderServices(0).build()).build())
                .build();
    }
}
