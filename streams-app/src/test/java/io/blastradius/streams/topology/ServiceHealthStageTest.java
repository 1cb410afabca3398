package io.blastradius.streams.topology;

import static io.blastradius.streams.topology.TopologyHarness.MIN;
import static io.blastradius.streams.topology.TopologyHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.blastradius.schemas.ComponentStatus;
import io.blastradius.schemas.HealthState;
import io.blastradius.schemas.ServiceHealth;
import io.blastradius.streams.correlation.HealthSettings;
import io.blastradius.streams.correlation.MinuteBucket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceHealthStageTest {
    @TempDir
    Path stateDir;

    @Test
    void aServiceFailingFromMostVantagesIsDownAtTheCloseOfTheMinute() {
        try (TopologyHarness h = new TopologyHarness(stateDir)) {
            for (int m = 0; m < 5; m++) {
                h.probeMinute("svc", m, m >= 3, "aws/us-east-1/ec2");
            }
            h.probeMinute("other", 6, false, null); // moves stream time past the close of minute 4
            List<ServiceHealth> judged = h.health.readValuesToList();
            assertThat(judged).extracting(ServiceHealth::getState).containsSubsequence(HealthState.HEALTHY, HealthState.DOWN);
            ServiceHealth down = judged.stream().filter(x -> x.getState() == HealthState.DOWN).findFirst().orElseThrow();
            assertThat(down.getWindowEnd().toEpochMilli()).isEqualTo(T0 + 4 * MIN);
            assertThat(down.getProbe().getQuorum()).isTrue();
            assertThat(down.getProbe().getFailingVantages()).isEqualTo(4);
            assertThat(down.getProbe().getAttributedScopes()).containsExactly("aws/us-east-1/ec2");
            KeyValueStore<String, ServiceHealth> latest = h.driver.getKeyValueStore(TopologyNames.SERVICE_HEALTH_STORE);
            assertThat(latest.get("svc").getState()).isEqualTo(HealthState.DOWN);
        }
    }

    @Test
    void aMinuteIsClosedOnlyOnceEveryUpstreamTaskHasPassedItOrFallenIdle() {
        AlignmentSettings two = AlignmentSettings.defaults().withSources(2);
        try (TopologyHarness h = new TopologyHarness(stateDir, DetectionSettings.defaults().withAlignment(two))) {
            for (int m = 0; m < 30; m++) {
                h.probeMinute("svc", m, m >= 5, null);
            }
            // the other task has sent no progress: it may still send observations of these minutes
            assertThat(h.health.readValuesToList()).isEmpty();

            h.driver.advanceWallClockTime(Duration.ofMillis(two.idleMillis()));
            h.probeMinute("svc", 30, true, null);
            // idle now: waited for no further than the skew bound behind this task, and every minute still kept is judged
            List<ServiceHealth> judged = h.health.readValuesToList();
            assertThat(judged).extracting(ServiceHealth::getState).containsOnly(HealthState.DOWN);
            long lastEnd = T0 + (30 - two.maxSkewMinutes()) * MIN;
            assertThat(judged).extracting(x -> x.getWindowEnd().toEpochMilli()).containsExactlyElementsOf(
                    LongStream.rangeClosed(0, 9).map(i -> lastEnd - (9 - i) * MIN).boxed().toList());
        }
    }

    @Test
    void aStatusPageCountsFromItsOwnMinuteOnEvenWhenItArrivesBeforeEarlierMinutesAreClosed() {
        AlignmentSettings two = AlignmentSettings.defaults().withSources(2);
        try (TopologyHarness h = new TopologyHarness(stateDir, DetectionSettings.defaults().withAlignment(two))) {
            for (int m = 0; m <= 40; m++) {
                if (m == 10) {
                    // the other task falls idle: minutes close ten minutes behind this task's progress
                    h.driver.advanceWallClockTime(Duration.ofMillis(two.idleMillis()));
                }
                h.probeMinute("svc", m, false, null);
                if (m == 25) {
                    // arrives while minutes 15 to 24 are still open
                    h.status.pipeInput("svc", Records.serviceStatus("svc", ComponentStatus.MAJOR_OUTAGE, T0 + m * MIN + 30_000));
                }
            }

            List<ServiceHealth> judged = h.health.readValuesToList();
            assertThat(judged.get(0).getState()).isEqualTo(HealthState.HEALTHY);
            ServiceHealth down = judged.stream().filter(x -> x.getState() == HealthState.DOWN).findFirst().orElseThrow();
            assertThat(down.getWindowEnd().toEpochMilli()).isEqualTo(T0 + 26 * MIN);
            assertThat(down.getStatus().getStatus()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        }
    }

    @Test
    void oneVantagesTroubleLeavesTheServiceHealthy() {
        try (TopologyHarness h = new TopologyHarness(stateDir)) {
            for (int m = 0; m < 10; m++) {
                for (int v = 0; v < 4; v++) {
                    long at = T0 + m * MIN + v * 1000;
                    h.probes.pipeInput("svc", Records.probe("svc", TopologyHarness.VANTAGES[v], v != 0, at, null), at);
                }
            }
            assertThat(h.health.readValuesToList()).extracting(ServiceHealth::getState).containsOnly(HealthState.HEALTHY);
        }
    }

    /** Whether vantage point {@code vantage} fails its check of service {@code service} in minute {@code minute}. */
    private interface Fails {
        boolean at(int minute, int service, int vantage);
    }

    /** Services svc-0..svc-29, each checked once a minute from three vantage points; every judgement made. */
    private static List<ServiceHealth> thirtyServices(Path stateDir, DetectionSettings settings, int minutes, Fails fails) {
        try (TopologyHarness h = new TopologyHarness(stateDir, settings)) {
            for (int m = 0; m < minutes; m++) {
                for (int s = 0; s < 30; s++) {
                    String service = "svc-" + s;
                    for (int v = 0; v < 3; v++) {
                        long at = T0 + m * MIN + v * 7_000L + s * 100L;
                        h.probes.pipeInput(service,
                                Records.probe(service, TopologyHarness.VANTAGES[v], !fails.at(m, s, v), at, null), at);
                    }
                }
            }
            return h.health.readValuesToList();
        }
    }

    /** From minute 3 one vantage point fails every check; in minute 6 another fails one check of svc-7 by chance. */
    private static final Fails TROUBLE_AND_ONE_CHANCE_FAILURE = (m, s, v) -> (v == 0 && m >= 3) || (v == 1 && m == 6 && s == 7);

    @Test
    void aVantagePointFailingEveryCheckTakesNoPartInAQuorum() {
        List<ServiceHealth> judged = thirtyServices(stateDir, DetectionSettings.defaults(), 12, TROUBLE_AND_ONE_CHANCE_FAILURE);
        assertThat(judged).filteredOn(x -> x.getService().equals("svc-7"))
                .extracting(ServiceHealth::getState).containsOnly(HealthState.HEALTHY);

        // the same input with the trouble rule off: the troubled vantage and the chance failure make a quorum
        DetectionSettings off = DetectionSettings.defaults().withHealth(HealthSettings.defaults().withTroubleExcess(1.0));
        List<ServiceHealth> withoutRule = thirtyServices(stateDir.resolve("off"), off, 12, TROUBLE_AND_ONE_CHANCE_FAILURE);
        assertThat(withoutRule).filteredOn(x -> x.getService().equals("svc-7"))
                .extracting(ServiceHealth::getState).contains(HealthState.DOWN);
    }

    @Test
    void servicesFailingFromEveryVantagePointStayDownWhateverTheirShare() {
        // a provider outage: two thirds of the services fail from all three vantage points at once
        List<ServiceHealth> judged = thirtyServices(stateDir, DetectionSettings.defaults(), 8, (m, s, v) -> m >= 3 && s % 3 != 0);
        assertThat(judged).filteredOn(x -> x.getService().equals("svc-1") && x.getWindowEnd().toEpochMilli() == T0 + 4 * MIN)
                .extracting(ServiceHealth::getState).containsExactly(HealthState.DOWN);
        assertThat(judged).filteredOn(x -> x.getState() != HealthState.HEALTHY)
                .extracting(ServiceHealth::getService).doesNotContain("svc-0", "svc-3");
    }

    @Test
    void aSteadyHealthyServiceIsReportedOnceNotEveryMinute() {
        try (TopologyHarness h = new TopologyHarness(stateDir)) {
            for (int m = 0; m < 30; m++) {
                h.probeMinute("svc", m, false, null);
            }
            assertThat(h.health.readValuesToList()).hasSize(1);
        }
    }

    @Test
    void anUnhealthyServiceIsReportedEveryMinuteUntilItRecovers() {
        try (TopologyHarness h = new TopologyHarness(stateDir)) {
            for (int m = 0; m < 20; m++) {
                h.probeMinute("svc", m, m >= 5 && m < 10, null);
            }
            List<HealthState> states = h.health.readValuesToList().stream().map(ServiceHealth::getState).toList();
            long unhealthy = states.stream().filter(s -> s != HealthState.HEALTHY).count();
            assertThat(unhealthy).isBetween(5L, 8L);
            assertThat(states.get(states.size() - 1)).isEqualTo(HealthState.HEALTHY);
        }
    }

    /**
     * An hour of a service's ordinary complaint volume (its baseline), then 15 complaints a minute
     * from minute 50; with {@code deletedWithinTheMinute} every surge post is deleted 30 s into its minute.
     */
    private static void complaintSurge(TopologyHarness h, boolean deletedWithinTheMinute) {
        int post = 0;
        for (int m = 0; m < 60; m++) {
            h.probeMinute("svc", m, false, null);
            int posts = m >= 50 ? 15 : (m % 4 == 0 ? 1 : 0);
            for (int i = 0; i < posts; i++) {
                long at = T0 + m * MIN + i * 1000;
                h.social.pipeInput("p" + post, Records.complaint("p" + post++, List.of("svc"), List.of("aws"), at), at);
            }
            if (m >= 50 && deletedWithinTheMinute) {
                for (int i = post - posts; i < post; i++) {
                    long at = T0 + m * MIN + 30_000 + i % 15;
                    h.social.pipeInput("p" + i, Records.deletion("p" + i, List.of("svc"), List.of("aws"), at), at);
                }
            }
        }
    }

    @Test
    void aComplaintSurgeMakesAServiceUnhealthyOnceItsBaselineIsLearned() {
        try (TopologyHarness h = new TopologyHarness(stateDir)) {
            complaintSurge(h, false);

            List<ServiceHealth> judged = h.health.readValuesToList();
            ServiceHealth hit = judged.stream().filter(x -> x.getState() != HealthState.HEALTHY).findFirst().orElseThrow();
            assertThat(hit.getWindowEnd().toEpochMilli()).isGreaterThan(T0 + 50 * MIN);
            assertThat(hit.getSocial().getSurprise()).isGreaterThan(4);
        }
    }

    @Test
    void aComplaintSurgeWhosePostsAreDeletedBeforeTheirMinuteClosesDoesNotCount() {
        try (TopologyHarness h = new TopologyHarness(stateDir)) {
            complaintSurge(h, true);

            assertThat(h.health.readValuesToList()).extracting(ServiceHealth::getState).containsOnly(HealthState.HEALTHY);
        }
    }

    @Test
    void aDeletionWithdrawsOnlyThePostsOwnWeightFromItsMinute() {
        try (TopologyHarness h = new TopologyHarness(stateDir)) {
            long at = T0 + 10 * MIN;
            for (int i = 0; i < 3; i++) {
                h.social.pipeInput("p" + i, Records.complaint("p" + i, List.of("svc"), List.of("aws"), at + i), at + i);
            }
            h.social.pipeInput("p1", Records.deletion("p1", List.of("svc"), List.of("aws"), at + MIN), at + MIN);
            h.social.pipeInput("p1", Records.deletion("p1", List.of("svc"), List.of("aws"), at + MIN), at + MIN); // twice
            h.social.pipeInput("never-counted", Records.deletion("never-counted", List.of("svc"), List.of("aws"), at + MIN),
                    at + MIN);

            KeyValueStore<String, Double> providerMinutes = h.driver.getKeyValueStore(TopologyNames.PROVIDER_COMPLAINTS_STORE);
            assertThat(providerMinutes.get("aws@" + (at / MIN))).isCloseTo(2 * 0.9, within(1e-9));
            KeyValueStore<String, MinuteBucket> minutes = h.driver.getKeyValueStore(TopologyNames.HEALTH_BUCKETS_STORE);
            MinuteBucket bucket = minutes.get(ServiceHealthProcessor.bucketKey("svc", at / MIN));
            assertThat(bucket.complaints()).isCloseTo(2 * 0.9, within(1e-9));
            assertThat(bucket.posts()).isEqualTo(2);
        }
    }

    @Test
    void anEditCountsWhatThePostSaysNowInTheMinuteItWasWritten() {
        try (TopologyHarness h = new TopologyHarness(stateDir)) {
            long at = T0 + 10 * MIN;
            for (int i = 0; i < 3; i++) {
                h.social.pipeInput("p" + i, Records.complaint("p" + i, List.of("svc"), List.of("aws"), at + i), at + i);
            }
            long later = at + 3 * MIN;
            // "svc is down" becomes "other is down": moved to the other service, in minute 10, at its new score
            h.social.pipeInput("p1", Records.edit("p1", List.of("other"), List.of("aws"), 0.6, later), later);
            // an edit to ordinary chatter: withdrawn, nothing counted instead
            h.social.pipeInput("p2", Records.edit("p2", List.of("svc"), List.of("aws"), 0.0, later), later);
            // an edit of a post never counted counts nothing
            h.social.pipeInput("new", Records.edit("new", List.of("svc"), List.of("aws"), 0.9, later), later);

            KeyValueStore<String, MinuteBucket> minutes = h.driver.getKeyValueStore(TopologyNames.HEALTH_BUCKETS_STORE);
            MinuteBucket svc = minutes.get(ServiceHealthProcessor.bucketKey("svc", at / MIN));
            assertThat(svc.complaints()).isCloseTo(0.9, within(1e-9));
            assertThat(svc.posts()).isEqualTo(1);
            MinuteBucket other = minutes.get(ServiceHealthProcessor.bucketKey("other", at / MIN));
            assertThat(other.complaints()).isCloseTo(0.6, within(1e-9));
            assertThat(minutes.get(ServiceHealthProcessor.bucketKey("svc", later / MIN))).isNull();
            KeyValueStore<String, Double> providerMinutes = h.driver.getKeyValueStore(TopologyNames.PROVIDER_COMPLAINTS_STORE);
            assertThat(providerMinutes.get("aws@" + (at / MIN))).isCloseTo(0.9 + 0.6, within(1e-9));
        }
    }

    @Test
    void theServicesOwnStatusPageCounts() {
        try (TopologyHarness h = new TopologyHarness(stateDir)) {
            for (int m = 0; m < 10; m++) {
                h.probeMinute("svc", m, false, null);
                if (m == 4) {
                    h.status.pipeInput("svc", Records.serviceStatus("svc", ComponentStatus.MAJOR_OUTAGE, T0 + m * MIN + 30_000));
                }
            }
            List<ServiceHealth> judged = h.health.readValuesToList();
            assertThat(judged).extracting(ServiceHealth::getState).contains(HealthState.DOWN);
            assertThat(judged.get(judged.size() - 1).getStatus().getStatus()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        }
    }
}
