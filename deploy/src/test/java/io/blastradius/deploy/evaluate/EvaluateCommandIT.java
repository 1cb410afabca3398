package io.blastradius.deploy.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blastradius.deploy.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one command end to end, as a user runs it: a scenario file the project has never seen, written
 * from the scenario format alone, through the embedded broker and registry, the simulator, the real
 * pipeline and the scoring, to a printed scorecard and a report directory.
 */
class EvaluateCommandIT {
    private static final String SCENARIO = """
            # a made-up outage: Compute Engine in us-central1 fails for 40 minutes, and Google never says so
            name: gce-central-silent
            world: default
            seed: 4242
            start: 2025-05-06T08:00:00Z
            end: 2025-05-06T10:30:00Z
            incidents:
              - type: provider-outage
                id: gce-uc1
                scope: gcp/us-central1/compute
                onset: 2025-05-06T09:00:00Z
                end: 2025-05-06T09:40:00Z
                silent: true
              - type: service-incident
                service: kraken
                from: 2025-05-06T08:20:00Z
                until: 2025-05-06T08:45:00Z
                cause: deploy
            """;

    @TempDir
    Path dir;

    @Test
    void runsANewScenarioFileThroughTheWholePipelineAndPrintsTheScorecard() throws Exception {
        Path scenario = dir.resolve("gce-central-silent.yaml");
        Files.writeString(scenario, SCENARIO);
        Path report = dir.resolve("report");
        CliRun cli = new CliRun();

        int code = cli.run(Map.of(), "evaluate", scenario.toString(), "--out", report.toString());

        assertThat(code).as("stderr: %s", cli.err()).isZero();
        assertThat(cli.out()).contains("gce-central-silent").contains("precision").contains("report: ");
        JsonNode truth = new ObjectMapper().readTree(report.resolve("gce-central-silent/truth.json").toFile());
        assertThat(truth.at("/outages/0/scope").asText()).isEqualTo("gcp/us-central1/compute");
        assertThat(truth.at("/outages/0/acknowledged").isNull()).isTrue();
        JsonNode card = new ObjectMapper().readTree(report.resolve("scorecard.json").toFile());
        assertThat(card.at("/scenarios/0/metrics/detection/trueOutages").asInt()).isEqualTo(1);
        assertThat(card.at("/scenarios/0/metrics/timing/silentOutages").asInt()).isEqualTo(1);
        assertThat(card.at("/scenarios/0/outages/0/timeline").asText())
                .isEqualTo("gce-central-silent/timelines/outage-gce-uc1.svg");
        assertThat(report.resolve("gce-central-silent/timelines/outage-gce-uc1.svg")).exists();
        assertThat(report.resolve("gce-central-silent/recording/outages.avro")).exists();
    }
}
