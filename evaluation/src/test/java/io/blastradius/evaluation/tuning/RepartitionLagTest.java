package io.blastradius.evaluation.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.ingest.simulate.ScenarioLoader;
import io.blastradius.ingest.simulate.Simulator;
import io.blastradius.schemas.HealthState;
import io.blastradius.schemas.OutageAlert;
import io.blastradius.schemas.ServiceHealth;
import io.blastradius.streams.config.StreamsAppConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a broker, what a task sends through the by-service repartition (complaints, status pages)
 * reaches the health stage after the probes the task processes itself: with exactly-once, only at
 * the next commit, minutes of event time later on a replay. The health stage must judge each minute
 * on all of its observations all the same, so the topology decides exactly as when the repartition
 * delivers at once.
 */
class RepartitionLagTest {
    /** Input records between two deliveries of the repartition: several minutes of event time of the scenario. */
    private static final int LAG = 20_000;

    @TempDir
    Path dir;

    @Test
    void theTopologyDecidesTheSameWhenTheByServiceRepartitionLagsBehindTheTasksOwnProbes() throws Exception {
        Path scenario = Path.of(RepartitionLagTest.class.getResource("/scenarios/short-dynamodb.yaml").toURI());
        StreamsAppConfig config = new StreamsAppConfig(Map.of(StreamsAppConfig.BOOTSTRAP_SERVERS, "127.0.0.1:9",
                StreamsAppConfig.SCHEMA_REGISTRY_URL, "mock://unused"));

        DriverPipeline.Result prompt = run(scenario, config, 0);
        DriverPipeline.Result lagged = run(scenario, config, LAG);

        // a real replay: complaints move health judgements, and the outage is found
        assertThat(prompt.health()).anyMatch(h -> h.getSocial().getComplaints() > 0 && h.getState() != HealthState.HEALTHY);
        assertThat(prompt.output().alerts()).isNotEmpty();
        assertThat(describeHealth(lagged.health())).containsExactlyElementsOf(describeHealth(prompt.health()));
        assertThat(describeAlerts(lagged.output().alerts())).containsExactlyElementsOf(describeAlerts(prompt.output().alerts()));
        assertThat(lagged.output().outageVersions()).isEqualTo(prompt.output().outageVersions());
    }

    private DriverPipeline.Result run(Path scenario, StreamsAppConfig config, int lag) throws Exception {
        return DriverPipeline.run(DriverPipeline.Engine.DIRECT, Simulator.of(ScenarioLoader.load(scenario)), config,
                dir.resolve("lag-" + lag), null, DriverPipeline.Mixer.NONE, lag);
    }

    private static List<String> describeHealth(List<ServiceHealth> judged) {
        return judged.stream().map(h -> h.getService() + " " + h.getWindowEnd() + " " + h.getState() + " score "
                + h.getScore() + " complaints " + h.getSocial().getComplaints() + " status " + h.getStatus().getStatus())
                .toList();
    }

    private static List<String> describeAlerts(List<OutageAlert> alerts) {
        return alerts.stream().map(a -> a.getAlertId() + " " + a.getState() + " " + a.getAt() + " " + a.getOutage().getScope())
                .toList();
    }
}
