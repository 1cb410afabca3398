package io.blastradius.evaluation.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.evaluation.score.OutageResult.Attribution;
import io.blastradius.evaluation.testing.Detectors;
import io.blastradius.evaluation.testing.OutageRecords;
import io.blastradius.evaluation.testing.Truths;
import io.blastradius.evaluation.truth.GroundTruth;
import io.blastradius.schemas.Outage;
import io.blastradius.schemas.OutageState;
import io.blastradius.schemas.scope.ScopeId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScorerTest {
    private final GroundTruth truth = Truths.twoDays();
    private final Scorer scorer = new Scorer();

    @Test
    void perfectDetectorScoresOneEverywhere() {
        Metrics m = scorer.score(truth, Detectors.perfect(truth)).metrics();

        assertThat(m.detection().precision()).isEqualTo(Ratio.of(3, 3));
        assertThat(m.detection().recall()).isEqualTo(Ratio.of(3, 3));
        assertThat(m.detection().falseAlarms()).isZero();
        assertThat(m.detection().falseAlarmsPerDay()).hasValue(0.0);
        assertThat(m.detection().duplicateDetections()).isZero();
        assertThat(List.of(m.attribution().provider(), m.attribution().region(), m.attribution().service(),
                m.attribution().scope())).containsOnly(Ratio.of(3, 3));
        assertThat(m.timing().timeToDetect().median()).contains(Duration.ZERO);
        assertThat(m.timing().timeToDetect().p95()).contains(Duration.ZERO);
        assertThat(m.blastRadius().finalPrecision().value()).hasValue(1.0);
        assertThat(m.blastRadius().finalRecall().value()).hasValue(1.0);
        assertThat(m.blastRadius().everPrecision().value()).hasValue(1.0);
        assertThat(m.blastRadius().everRecall().value()).hasValue(1.0);
        assertThat(m.blastRadius().precisionOverTime().value()).hasValue(1.0);
        assertThat(m.blastRadius().recallOverTime().value()).hasValue(1.0);
        assertThat(m.blastRadius().hitServices()).isEqualTo(10);
        assertThat(m.blastRadius().listed()).isEqualTo(10);
        assertThat(m.blastRadius().listingDelay().max()).contains(Duration.ZERO);
    }

    @Test
    void perfectDetectorLeadsEachAcknowledgedOutageByTheProvidersDelay() {
        ScenarioScore score = scorer.score(truth, Detectors.perfect(truth));

        assertThat(outage(score, "aws-use1").lead()).isEqualTo(Duration.ofMinutes(23));
        assertThat(outage(score, "cloudflare-cdn").lead()).isEqualTo(Duration.ofMinutes(28));
        assertThat(score.metrics().timing().lead().median()).contains(Duration.ofMinutes(25).plusSeconds(30));
        assertThat(score.metrics().timing().detectedBeforeAck()).isEqualTo(2);
        assertThat(score.metrics().timing().detectedWithAck()).isEqualTo(2);
    }

    @Test
    void silentProviderGivesNoLeadButCountsAsDetectedWhileSilent() {
        ScenarioScore score = scorer.score(truth, Detectors.perfect(truth));

        OutageResult gcp = outage(score, "gcp-service-control");
        assertThat(gcp.detected()).isTrue();
        assertThat(gcp.lead()).isNull();
        assertThat(score.metrics().timing().silentOutages()).isEqualTo(1);
        assertThat(score.metrics().timing().detectedWhileSilent()).isEqualTo(1);
        assertThat(score.metrics().timing().lead().count()).isEqualTo(2);
    }

    @Test
    void silentDetectorHasRecallZeroAndPrecisionNotApplicable() {
        Metrics m = scorer.score(truth, Detectors.silent()).metrics();

        assertThat(m.detection().recall()).isEqualTo(Ratio.of(0, 3));
        assertThat(m.detection().recall().value()).hasValue(0.0);
        assertThat(m.detection().precision().defined()).isFalse();
        assertThat(m.detection().precision().format()).isEqualTo("n/a");
        assertThat(m.detection().falseAlarmsPerDay()).hasValue(0.0);
        assertThat(m.attribution().provider().defined()).isFalse();
        assertThat(m.timing().timeToDetect().median()).isEmpty();
        assertThat(m.blastRadius().finalRecall().defined()).isFalse();
    }

    @Test
    void alwaysAlarmingDetectorHasPrecisionNearZeroAndManyFalseAlarmsPerDay() {
        PipelineOutput output = Detectors.alwaysAlarming(truth, Duration.ofMinutes(10), List.of("azure/eastus",
                "gcp/us-central1", "aws/eu-west-1", "fastly/global/cdn", "akamai/global", "oracle/us-ashburn-1",
                "digitalocean/nyc3", "aws/us-east-1"));

        Metrics m = scorer.score(truth, output).metrics();

        assertThat(m.detection().detections()).isEqualTo(288);
        assertThat(m.detection().precision().value().getAsDouble()).isLessThan(0.05);
        assertThat(m.detection().falseAlarmsPerDay().getAsDouble()).isGreaterThan(100);
        // the aws/us-east-1 alarms inside the AWS outage do match it, so that one outage counts as found
        assertThat(m.detection().recall()).isEqualTo(Ratio.of(1, 3));
        assertThat(m.detection().duplicateDetections()).isEqualTo(m.detection().matchedDetections() - 1);
    }

    @Test
    void lateDetectorHasTheDelayAsTimeToDetectAndANegativeLead() {
        Duration delay = Duration.ofMinutes(30);

        ScenarioScore score = scorer.score(truth, Detectors.late(truth, delay));
        Metrics m = score.metrics();

        assertThat(m.detection().recall()).isEqualTo(Ratio.of(3, 3));
        assertThat(m.timing().timeToDetect().median()).contains(delay);
        assertThat(m.timing().timeToDetect().p95()).contains(delay);
        assertThat(outage(score, "aws-use1").lead()).isEqualTo(Duration.ofMinutes(-7));
        assertThat(outage(score, "cloudflare-cdn").lead()).isEqualTo(Duration.ofMinutes(-2));
        assertThat(m.timing().detectedBeforeAck()).isZero();
        assertThat(m.blastRadius().listingDelay().median()).contains(delay);
        assertThat(m.blastRadius().finalRecall().value()).hasValue(1.0);
        assertThat(m.blastRadius().recallOverTime().value().getAsDouble()).isLessThan(1.0);
    }

    @Test
    void wrongRegionDetectorLosesRegionAttributionButKeepsProvider() {
        ScenarioScore score = scorer.score(truth, Detectors.wrongRegion(truth, "us-west-2"));

        Attribution aws = outage(score, "aws-use1").attribution();
        assertThat(aws.strict()).isFalse();
        assertThat(aws.said()).isEqualTo(ScopeId.parse("aws/us-west-2/dynamodb"));
        assertThat(aws.expected()).isEqualTo(ScopeId.parse("aws/us-east-1/dynamodb"));
        assertThat(aws.provider()).isTrue();
        assertThat(aws.region()).isFalse();
        assertThat(aws.service()).isTrue();
        // the two global outages are unaffected by a region swap
        Metrics m = score.metrics();
        assertThat(m.attribution().provider()).isEqualTo(Ratio.of(3, 3));
        assertThat(m.attribution().region()).isEqualTo(Ratio.of(2, 3));
        assertThat(m.attribution().loose()).isEqualTo(1);
        // a wrong region does not match the outage under the truth format's rule
        assertThat(m.detection().recall()).isEqualTo(Ratio.of(2, 3));
        assertThat(m.detection().falseAlarms()).isEqualTo(1);
    }

    @Test
    void severalDetectionsOfOneOutageCountOnceForRecallAndAreNotFalseAlarms() {
        PipelineOutput output = Detectors.perPhase(truth.outages().get(0));

        ScenarioScore score = scorer.score(truth, output);

        assertThat(score.metrics().detection().precision()).isEqualTo(Ratio.of(3, 3));
        assertThat(score.metrics().detection().recall()).isEqualTo(Ratio.of(1, 3));
        assertThat(score.metrics().detection().duplicateDetections()).isEqualTo(2);
        assertThat(outage(score, "aws-use1").matchedDetections()).hasSize(3);
        assertThat(outage(score, "aws-use1").timeToDetect()).isEqualTo(Duration.ZERO);
    }

    @Test
    void providerWideDetectionAttributesRegionAndServiceWrongForARegionalPhase() {
        Instant at = Instant.parse("2025-10-20T07:00:00Z");
        Outage wide = OutageRecords.version("wide", ScopeId.parse("aws/global"), at, at, OutageState.SUSPECTED,
                List.of(), List.of());

        ScenarioScore score = scorer.score(truth, new PipelineOutput(List.of(wide), List.of()));

        // aws/global is not inside aws/us-east-1, so it does not match; it is judged loosely
        Attribution a = outage(score, "aws-use1").attribution();
        assertThat(a.provider()).isTrue();
        assertThat(a.region()).isFalse();
        assertThat(a.service()).isFalse();
        assertThat(score.detections().get(0).explanations())
                .anyMatch(e -> e.contains("during true outage aws-use1"));
    }

    @Test
    void falseAlarmListsTheNoiseGoingOnAtTheTime() {
        Instant during = Instant.parse("2025-10-21T02:30:00Z");
        Outage azure = OutageRecords.version("azure", ScopeId.parse("azure/global"), during, during,
                OutageState.SUSPECTED, List.of(), List.of());

        ScenarioScore score = scorer.score(truth, new PipelineOutput(List.of(azure), List.of()));

        DetectionResult result = score.detections().get(0);
        assertThat(result.falseAlarm()).isTrue();
        assertThat(result.explanations()).containsExactly("chatter about azure (pricing change)");
        assertThat(score.metrics().detection().falseAlarmsPerDay()).hasValue(0.5);
    }

    @Test
    void blastRadiusCountsWrongServicesAgainstPrecisionAndMissedOnesAgainstRecall() {
        var aws = truth.outages().get(0);
        Instant t = aws.onset().plus(Duration.ofMinutes(10));
        Outage v = OutageRecords.version("aws", ScopeId.parse("aws/us-east-1/dynamodb"), aws.onset(), t,
                OutageState.CONFIRMED, List.of("coinbase", "infura", "netflix"), List.of("snapchat"));

        OutageResult result = outage(scorer.score(truth, new PipelineOutput(List.of(v), List.of())), "aws-use1");

        assertThat(result.blastRadius().finalPrecision()).isEqualTo(Ratio.of(2, 3));
        assertThat(result.blastRadius().finalRecall()).isEqualTo(Ratio.of(2, 5));
        assertThat(result.blastRadius().listingDelay()).containsOnlyKeys("coinbase", "infura");
        assertThat(result.blastRadius().listingDelay().get("coinbase")).isEqualTo(Duration.ofMinutes(8));
        assertThat(result.blastRadius().neverListed()).containsExactly("metamask", "robinhood", "snapchat");
        // snapchat was listed at risk at 06:58, long before it failed at 12:40
        assertThat(result.blastRadius().anticipated()).containsExactly("snapchat");
    }

    @Test
    void detectionBeforeOnsetDoesNotMatch() {
        var aws = truth.outages().get(0);
        Instant early = aws.onset().minusSeconds(1);
        Outage v = OutageRecords.version("early", ScopeId.parse("aws/us-east-1"), early, early, OutageState.SUSPECTED,
                List.of(), List.of());

        ScenarioScore score = scorer.score(truth, new PipelineOutput(List.of(v), List.of()));

        assertThat(score.metrics().detection().falseAlarms()).isEqualTo(1);
        assertThat(score.detections().get(0).explanations())
                .containsExactly("scope of true outage aws-use1 but detected before its onset");
    }

    @Test
    void scenarioWithoutTrueOutagesHasRecallNotApplicable() {
        GroundTruth quiet = new GroundTruth("quiet", "test", 1L, truth.start(), truth.end(), List.of(), List.of(),
                List.of(), List.of());

        Metrics m = scorer.score(quiet, Detectors.silent()).metrics();

        assertThat(m.detection().recall().format()).isEqualTo("n/a");
        assertThat(m.detection().precision().format()).isEqualTo("n/a");
        assertThat(m.detection().falseAlarmsPerDay()).hasValue(0.0);
    }

    @Test
    void suiteTotalsPoolCountsAcrossScenarios() {
        ScenarioScore perfect = scorer.score(truth, Detectors.perfect(truth));
        ScenarioScore silent = scorer.score(truth, Detectors.silent());

        SuiteScore suite = SuiteScore.of(List.of(perfect, silent));

        assertThat(suite.totals().detection().recall()).isEqualTo(Ratio.of(3, 6));
        assertThat(suite.totals().detection().precision()).isEqualTo(Ratio.of(3, 3));
        assertThat(suite.totals().detection().simulatedDays()).isEqualTo(4.0);
        assertThat(suite.totals().timing().timeToDetect().count()).isEqualTo(3);
    }

    private static OutageResult outage(ScenarioScore score, String id) {
        Optional<OutageResult> found = score.outages().stream().filter(o -> o.truth().id().equals(id)).findFirst();
        return found.orElseThrow();
    }
}
