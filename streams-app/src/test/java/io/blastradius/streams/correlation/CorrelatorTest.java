package io.blastradius.streams.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.schemas.OutageState;
import io.blastradius.schemas.scope.ScopeId;
import io.blastradius.streams.correlation.ComplaintBaseline.BaselineSettings;
import io.blastradius.streams.correlation.OutageTracker.Change;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CorrelatorTest {
    private static final long T0 = Instant.parse("2025-10-20T06:00:00Z").toEpochMilli();
    private static final long MIN = 60_000L;
    private static final Set<String> DDB = Set.of("ddb1", "ddb2", "ddb3", "ddb4", "ddb5", "ddb6", "ddb7", "infura",
            "metamask");

    private final DependencyGraph graph = TestWorld.graph();
    private final Correlator correlator = new Correlator(CorrelationSettings.defaults(), BaselineSettings.defaults());
    private final CorrelationState state = correlator.newState();
    private final List<OutageCase.Step> steps = new ArrayList<>();

    /** One minute: ticks, then the given services' health for the minute that just closed. */
    private void minute(int m, Set<String> unhealthy, Set<String> recovered) {
        long end = T0 + (m + 1) * MIN;
        for (String s : unhealthy) {
            correlator.onHealth(state, s, end, true, 0.9, List.of());
        }
        for (String s : recovered) {
            correlator.onHealth(state, s, end, false, 0.0, List.of());
        }
        record(correlator.onTick(state, graph, end));
    }

    private void record(List<Change> changes) {
        changes.forEach(c -> steps.addAll(c.steps()));
    }

    private OutageCase onlyOutage() {
        assertThat(state.cases()).hasSize(1);
        return state.cases().values().iterator().next();
    }

    @Test
    void detectsConfirmsAcknowledgesRecoversAndResolvesADynamoDbOutage() {
        for (int m = 0; m < 30; m++) {
            minute(m, Set.of(), Set.of());
        }
        assertThat(state.cases()).isEmpty();
        minute(30, Set.of("ddb1", "ddb2", "ddb3", "ddb4"), Set.of());
        OutageCase outage = onlyOutage();
        assertThat(outage.scope()).isEqualTo(ScopeId.parse("aws/us-east-1/dynamodb"));
        assertThat(outage.state()).isIn(OutageState.SUSPECTED, OutageState.CONFIRMED);
        assertThat(outage.detected()).isEqualTo(T0 + 31 * MIN);
        minute(31, DDB, Set.of());
        assertThat(outage.state()).isEqualTo(OutageState.CONFIRMED);
        assertThat(outage.observed().keySet()).contains("metamask", "infura", "ddb7");
        assertThat(outage.onset()).isEqualTo(T0 + 30 * MIN);

        for (int m = 32; m < 40; m++) {
            minute(m, DDB, Set.of());
        }
        assertThat(outage.state()).isEqualTo(OutageState.CONFIRMED);
        correlator.onStatus(state, ScopeId.parse("aws/us-east-1"), "DynamoDB", "DEGRADED", "aws-1",
                "investigating", T0 + 40 * MIN);
        minute(40, DDB, Set.of());
        assertThat(outage.state()).isEqualTo(OutageState.ACKNOWLEDGED);
        assertThat(outage.acknowledged()).isEqualTo(T0 + 40 * MIN);
        assertThat(outage.statusIncidents()).containsExactly("aws-1");

        for (int m = 41; m < 60; m++) {
            minute(m, DDB, Set.of());
        }
        minute(60, Set.of(), DDB);
        for (int m = 61; m < 66; m++) {
            minute(m, Set.of(), Set.of());
        }
        assertThat(outage.state()).isEqualTo(OutageState.RECOVERING);
        for (int m = 66; m < 90; m++) {
            minute(m, Set.of(), Set.of());
        }
        assertThat(outage.state()).isEqualTo(OutageState.RESOLVED);
        assertThat(steps).extracting(OutageCase.Step::to).containsSubsequence(OutageState.SUSPECTED,
                OutageState.CONFIRMED, OutageState.ACKNOWLEDGED, OutageState.RECOVERING, OutageState.RESOLVED);
        assertThat(steps).extracting(OutageCase.Step::sequence)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, steps.size()).boxed().toList());
    }

    @Test
    void aProviderAcknowledgingASuspectedOutageConfirmsItFirst() {
        for (int m = 0; m < 30; m++) {
            minute(m, Set.of(), Set.of());
        }
        // three units with probes attributed to the scope: enough to suspect, not to confirm
        for (String s : List.of("ddb1", "ddb2", "ddb3")) {
            correlator.onHealth(state, s, T0 + 31 * MIN, true, 0.9, List.of("aws/us-east-1/dynamodb"));
        }
        record(correlator.onTick(state, graph, T0 + 31 * MIN));
        OutageCase outage = onlyOutage();
        assertThat(outage.state()).isEqualTo(OutageState.SUSPECTED);
        correlator.onStatus(state, ScopeId.parse("aws/us-east-1/dynamodb"), null, "PARTIAL_OUTAGE", "i-1",
                "investigating", T0 + 31 * MIN + 10_000);
        for (String s : List.of("ddb1", "ddb2", "ddb3")) {
            correlator.onHealth(state, s, T0 + 32 * MIN, true, 0.9, List.of("aws/us-east-1/dynamodb"));
        }
        record(correlator.onTick(state, graph, T0 + 32 * MIN));
        assertThat(steps).extracting(OutageCase.Step::to).containsExactly(OutageState.SUSPECTED, OutageState.CONFIRMED,
                OutageState.ACKNOWLEDGED);
        assertThat(outage.confirmed()).isNotNull();
    }

    @Test
    void anOscillatingOutageStaysOneOutage() {
        for (int m = 0; m < 20; m++) {
            minute(m, Set.of(), Set.of());
        }
        int m = 20;
        for (int cycle = 0; cycle < 4; cycle++) {
            for (int i = 0; i < 4; i++) {
                minute(m++, DDB, Set.of());
            }
            minute(m++, Set.of(), DDB);
            for (int i = 0; i < 5; i++) {
                minute(m++, Set.of(), Set.of());
            }
        }
        OutageCase outage = onlyOutage();
        assertThat(outage.isOpen()).isTrue();
        assertThat(steps).extracting(OutageCase.Step::to).contains(OutageState.RECOVERING);
        assertThat(steps).extracting(OutageCase.Step::to).doesNotContain(OutageState.RESOLVED);
    }

    @Test
    void aRelatedScopeFailingLaterJoinsTheOutageAndWidensItsScope() {
        for (int m = 0; m < 20; m++) {
            minute(m, Set.of(), Set.of());
        }
        for (int m = 20; m < 30; m++) {
            minute(m, DDB, Set.of());
        }
        Set<String> ec2 = Set.of("ec2u1", "ec2u2", "ec2u3", "ec2u4", "ec2u5", "ec2u6");
        minute(30, ec2, DDB);
        for (int m = 31; m < 40; m++) {
            minute(m, ec2, Set.of());
        }
        OutageCase outage = onlyOutage();
        assertThat(outage.scope()).isEqualTo(ScopeId.parse("aws/us-east-1"));
        assertThat(outage.detectionScope()).isEqualTo(ScopeId.parse("aws/us-east-1/dynamodb"));
        assertThat(outage.observed().keySet()).contains("ddb1", "ec2u1");
    }

    @Test
    void oneOrganisationsOwnIncidentOpensNothing() {
        for (int m = 0; m < 60; m++) {
            minute(m, m >= 20 && m < 50 ? Set.of("megacorp-a", "megacorp-b", "megacorp-c", "ddb1") : Set.of(), Set.of());
        }
        assertThat(state.cases()).isEmpty();
    }

    @Test
    void servicesLearnTheirUsualFailureRateOutsideOutages() {
        double before = correlator.baseRate(state, null);
        for (int m = 0; m < 600; m++) {
            minute(m, m % 10 == 0 ? Set.of("ddb1") : Set.of(), m % 10 == 0 ? Set.of() : Set.of("ddb1"));
        }
        double flaky = correlator.baseRate(state, state.tracks().get("ddb1"));
        assertThat(flaky).isGreaterThan(before * 5);
    }

    private static final Set<String> MUMBAI = Set.of("ap1", "ap2", "ap3", "ap4");

    /** One minute in the region-on-compute world, as {@link #minute} in the default one. */
    private void minuteIn(DependencyGraph world, int m, Set<String> unhealthy) {
        long end = T0 + (m + 1) * MIN;
        for (String s : unhealthy) {
            correlator.onHealth(state, s, end, true, 0.9, List.of());
        }
        record(correlator.onTick(state, world, end));
    }

    @Test
    void aNewOutageWaitsForItsRegionToBeToldApartFromTheComputeServiceInIt() {
        DependencyGraph world = TestWorld.regionOnCompute();
        for (int m = 0; m < 30; m++) {
            minuteIn(world, m, Set.of());
        }
        minuteIn(world, 30, MUMBAI);
        // EC2 users only: EC2 and the region explain it almost alike
        assertThat(state.cases()).isEmpty();
        minuteIn(world, 31, Set.of("ap1", "ap2", "ap3", "ap4", "ap5", "cdn1", "cdn2", "cdn3"));
        // a minute later CloudFront's users in the region fail too: the region
        OutageCase outage = onlyOutage();
        assertThat(outage.scope()).isEqualTo(ScopeId.parse("aws/ap-south-1"));
        assertThat(outage.detected()).isEqualTo(T0 + 32 * MIN);
        assertThat(outage.observed().keySet()).contains("ap1", "ap5", "cdn1", "cdn3");
    }

    @Test
    void theWaitIsBoundedAndTheFirstAlertNamesTheBestScopeWhenNothingSeparatesThem() {
        DependencyGraph world = TestWorld.regionOnCompute();
        for (int m = 0; m < 30; m++) {
            minuteIn(world, m, Set.of());
        }
        minuteIn(world, 30, MUMBAI);
        minuteIn(world, 31, MUMBAI);
        assertThat(state.cases()).isEmpty();
        minuteIn(world, 32, MUMBAI);
        OutageCase outage = onlyOutage();
        assertThat(outage.scope()).isEqualTo(ScopeId.parse("aws/ap-south-1/ec2"));
        assertThat(outage.detected()).isEqualTo(T0 + 33 * MIN);
    }

    @Test
    void theProvidersOwnWordEndsTheWait() {
        DependencyGraph world = TestWorld.regionOnCompute();
        for (int m = 0; m < 30; m++) {
            minuteIn(world, m, Set.of());
        }
        correlator.onStatus(state, ScopeId.parse("aws/ap-south-1"), "EC2", "PARTIAL_OUTAGE", "aws-2", "investigating",
                T0 + 30 * MIN);
        minuteIn(world, 30, MUMBAI);
        assertThat(onlyOutage().detected()).isEqualTo(T0 + 31 * MIN);
    }

    @Test
    void aDependentFailingOnItsOwnBeforeTheOutageDoesNotDateIt() {
        for (int m = 0; m < 10; m++) {
            minute(m, Set.of(), Set.of());
        }
        // one DynamoDB user has trouble of its own for twenty minutes: no outage
        for (int m = 10; m < 30; m++) {
            minute(m, Set.of("ddb1"), Set.of());
        }
        assertThat(state.cases()).isEmpty();
        minute(30, Set.of("ddb1", "ddb2", "ddb3", "ddb4", "ddb5"), Set.of());
        OutageCase outage = onlyOutage();
        assertThat(outage.observed()).containsKey("ddb1");
        assertThat(outage.observed().get("ddb1").firstEvidence()).isEqualTo(T0 + 10 * MIN);
        assertThat(outage.onset()).isEqualTo(T0 + 30 * MIN);
    }
}
