package io.blastradius.streams.topology;

import static io.blastradius.streams.topology.TopologyHarness.MIN;
import static io.blastradius.streams.topology.TopologyHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.schemas.ComponentStatus;
import io.blastradius.schemas.DependencyKind;
import io.blastradius.schemas.ImpactedService;
import io.blastradius.schemas.Outage;
import io.blastradius.schemas.OutageAlert;
import io.blastradius.schemas.OutageState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorrelationTopologyTest {
    @TempDir
    Path stateDir;

    private static final List<String> DDB_USERS = List.of("ddb1", "ddb2", "ddb3", "ddb4", "ddb5", "ddb6", "ddb7", "infura",
            "metamask");
    private static final List<String> ALL = List.of("ddb1", "ddb2", "ddb3", "ddb4", "ddb5", "ddb6", "ddb7", "ddb8", "ddb9",
            "ddb10", "infura", "metamask", "ec2u1", "ec2u2", "ec2u3", "ec2u4", "ec2u5");

    /** Probes every service each minute from {@code from} to {@code to}; DynamoDB users fail while {@code failing}. */
    private static void run(TopologyHarness h, int from, int to, IntPredicate failing) {
        for (int m = from; m < to; m++) {
            for (String s : ALL) {
                h.probeMinute(s, m, DDB_USERS.contains(s) && failing.test(m), null);
            }
        }
    }

    @Test
    void detectsADynamoDbOutageWithItsBlastRadiusAndFollowsItToResolution() {
        try (TopologyHarness h = new TopologyHarness(stateDir)) {
            h.loadWorld();
            run(h, 0, 60, m -> false);
            assertThat(h.outages.readValuesToList()).isEmpty();

            run(h, 60, 66, m -> true);
            List<Outage> versions = h.outages.readValuesToList();
            assertThat(versions).isNotEmpty();
            Outage first = versions.get(0);
            assertThat(first.getScope()).isEqualTo("aws/us-east-1/dynamodb");
            assertThat(first.getProvider()).isEqualTo("aws");
            assertThat(first.getRegion()).isEqualTo("us-east-1");
            assertThat(first.getProviderService()).isEqualTo("dynamodb");
            assertThat(first.getDetected().toEpochMilli() - (T0 + 60 * MIN)).isBetween(0L, 3 * MIN);

            Outage latest = versions.get(versions.size() - 1);
            assertThat(latest.getState()).isEqualTo(OutageState.CONFIRMED);
            Map<String, ImpactedService> observed = latest.getBlastRadius().getObserved().stream()
                    .collect(Collectors.toMap(ImpactedService::getService, i -> i));
            assertThat(observed.keySet()).containsExactlyInAnyOrderElementsOf(DDB_USERS);
            assertThat(observed.get("metamask").getPath()).containsExactly("metamask", "infura", "aws/us-east-1/dynamodb");
            assertThat(observed.get("metamask").getDepth()).isEqualTo(2);
            assertThat(observed.get("metamask").getUsers()).isEqualTo(30_000_000L);
            assertThat(latest.getBlastRadius().getAtRisk()).extracting(ImpactedService::getService)
                    .containsExactlyInAnyOrder("ddb8", "ddb9", "ddb10");
            assertThat(latest.getBlastRadius().getImpact().getSecondOrderServices()).isEqualTo(1);
            assertThat(latest.getEvidence().getUnhealthyDependents()).isEqualTo(8); // metamask counts with infura

            h.status.pipeInput("aws/us-east-1", Records.providerStatus("aws/us-east-1", ComponentStatus.DEGRADED, "aws-42",
                    T0 + 66 * MIN));
            run(h, 66, 90, m -> m < 80);
            run(h, 90, 125, m -> false);

            List<OutageAlert> alerts = h.alerts.readValuesToList();
            assertThat(alerts).extracting(OutageAlert::getState).containsSubsequence(OutageState.SUSPECTED,
                    OutageState.CONFIRMED, OutageState.ACKNOWLEDGED, OutageState.RECOVERING, OutageState.RESOLVED);
            String id = alerts.get(0).getOutageId();
            assertThat(alerts).allSatisfy(a -> assertThat(a.getOutageId()).isEqualTo(id));
            for (int i = 0; i < alerts.size(); i++) {
                assertThat(alerts.get(i).getSequence()).isEqualTo(i + 1);
                assertThat(alerts.get(i).getAlertId()).isEqualTo(id + ":" + (i + 1));
            }
            KeyValueStore<String, Outage> store = h.driver.getKeyValueStore(TopologyNames.OUTAGES_STORE);
            Outage resolved = store.get(id);
            assertThat(resolved.getState()).isEqualTo(OutageState.RESOLVED);
            assertThat(resolved.getAcknowledged()).isNotNull();
            assertThat(resolved.getEvidence().getStatusIncidentIds()).containsExactly("aws-42");
            assertThat(resolved.getBlastRadius().getObserved()).hasSize(DDB_USERS.size());
        }
    }

    @Test
    void aSingleServicesOwnOutageIsNoProviderOutage() {
        try (TopologyHarness h = new TopologyHarness(stateDir)) {
            h.loadWorld();
            for (int m = 0; m < 60; m++) {
                for (String s : ALL) {
                    h.probeMinute(s, m, s.equals("ddb3") && m >= 20 && m < 50, null);
                }
            }
            assertThat(h.outages.readValuesToList()).isEmpty();
            assertThat(h.alerts.readValuesToList()).isEmpty();
        }
    }

    @Test
    void theCatalogCanChangeWhileRunning() {
        try (TopologyHarness h = new TopologyHarness(stateDir)) {
            h.loadWorld();
            run(h, 0, 30, m -> false);
            // ec2 users move to DynamoDB; they now fail together with the others
            for (int i = 1; i <= 5; i++) {
                h.dependencies.pipeInput("ec2u" + i + "|aws/us-east-1/ec2", null);
                h.edge("ec2u" + i, "aws/us-east-1/dynamodb", DependencyKind.DATABASE);
            }
            for (int m = 30; m < 36; m++) {
                for (String s : ALL) {
                    h.probeMinute(s, m, s.startsWith("ec2u") || s.equals("ddb1"), null);
                }
            }
            List<Outage> versions = h.outages.readValuesToList();
            assertThat(versions).isNotEmpty();
            assertThat(versions.get(versions.size() - 1).getScope()).isEqualTo("aws/us-east-1/dynamodb");
        }
    }

    @Test
    void everyNodeStoreAndRepartitionIsNamed() {
        try (TopologyHarness h = new TopologyHarness(stateDir)) {
            String description = h.topology.describe().toString();
            assertThat(description).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
            assertThat(description).contains(TopologyNames.SERVICE_OBSERVATIONS + "-repartition",
                    TopologyNames.CORRELATION_INPUT + "-repartition", TopologyNames.OUTAGES_STORE,
                    TopologyNames.SERVICE_HEALTH_STORE);
        }
    }
}
