package io.blastradius.streams.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.streams.correlation.HealthVerdict.Level;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthAssessorTest {
    private final HealthAssessor assessor = new HealthAssessor(HealthSettings.defaults());

    private static MinuteBucket checks(long minute, String[] vantages, boolean[] failing) {
        MinuteBucket b = new MinuteBucket(minute);
        for (int i = 0; i < vantages.length; i++) {
            b.addCheck(vantages[i], !failing[i], failing[i] ? "DNS_SERVFAIL" : null,
                    failing[i] ? List.of("aws/us-east-1/ec2") : List.of());
        }
        return b;
    }

    @Test
    void oneFailingVantageIsNotAnOutageOfTheService() {
        String[] v = {"v1", "v2", "v3", "v4"};
        List<MinuteBucket> view = List.of(
                checks(0, v, new boolean[] {true, false, false, false}),
                checks(60_000, v, new boolean[] {true, false, false, false}));
        HealthVerdict verdict = assessor.assess(view, 0.1, null, Level.HEALTHY);
        assertThat(verdict.probe().failingVantages()).isEqualTo(1);
        assertThat(verdict.probe().quorum()).isFalse();
        assertThat(verdict.state()).isEqualTo(Level.HEALTHY);
    }

    @Test
    void mostVantagesFailingTogetherMakeTheServiceDown() {
        String[] v = {"v1", "v2", "v3", "v4"};
        List<MinuteBucket> view = List.of(checks(0, v, new boolean[] {true, true, true, false}));
        HealthVerdict verdict = assessor.assess(view, 0.1, null, Level.HEALTHY);
        assertThat(verdict.probe().quorum()).isTrue();
        assertThat(verdict.state()).isEqualTo(Level.DOWN);
        assertThat(verdict.probe().errorClasses()).containsExactly("DNS_SERVFAIL");
        assertThat(verdict.probe().attributedScopes()).containsExactly("aws/us-east-1/ec2");
    }

    @Test
    void twoOfFiveVantagesIsNotAMajority() {
        String[] v = {"v1", "v2", "v3", "v4", "v5"};
        HealthVerdict verdict = assessor.assess(List.of(checks(0, v, new boolean[] {true, true, false, false, false})),
                0.1, null, Level.HEALTHY);
        assertThat(verdict.probe().quorum()).isFalse();
        assertThat(verdict.unhealthy()).isFalse();
    }

    @Test
    void aComplaintSurgeFarAboveTheBaselineMakesTheServiceUnhealthy() {
        MinuteBucket b = new MinuteBucket(0);
        for (int i = 0; i < 25; i++) {
            b.addComplaint(0.9, List.of("aws"));
        }
        HealthVerdict verdict = assessor.assess(List.of(b), 0.5, null, Level.HEALTHY);
        assertThat(verdict.social().surprise()).isGreaterThan(10);
        assertThat(verdict.unhealthy()).isTrue();
        assertThat(verdict.social().providersNamed()).containsExactly("aws");
    }

    @Test
    void complaintsAtTheUsualLevelSayNothing() {
        MinuteBucket b = new MinuteBucket(0);
        for (int i = 0; i < 6; i++) {
            b.addComplaint(1.0, List.of());
        }
        HealthVerdict verdict = assessor.assess(List.of(b), 6.0, null, Level.HEALTHY);
        assertThat(verdict.social().score()).isZero();
        assertThat(verdict.state()).isEqualTo(Level.HEALTHY);
    }

    @Test
    void aMajorOutageOnTheServicesOwnStatusPageMakesItDown() {
        StatusSnapshot page = new StatusSnapshot();
        page.observe("api", "MAJOR_OUTAGE", "inc-1", 1000);
        HealthVerdict verdict = assessor.assess(List.of(), 0.1, page, Level.HEALTHY);
        assertThat(verdict.state()).isEqualTo(Level.DOWN);
        assertThat(verdict.status().incidentId()).isEqualTo("inc-1");
    }

    @Test
    void nothingObservedIsUnknown() {
        assertThat(assessor.assess(List.of(), 0.1, null, null).state()).isEqualTo(Level.UNKNOWN);
    }

    @Test
    void anUnhealthyServiceStaysDegradedUntilItsScoreDropsBelowTheRecoveryLevel() {
        HealthSettings d = HealthSettings.defaults();
        HealthAssessor strict = new HealthAssessor(new HealthSettings(d.viewMinutes(), d.vantageFailRatio(),
                d.vantageMinFailures(), d.quorumVantages(), d.quorumShare(), d.complaintMinWeight(), d.complaintSurprise(),
                d.complaintStrongSurprise(), 0.6, 0.8, 0.35, d.troubleMinChecks(), d.troubleExcess()));
        StatusSnapshot degraded = new StatusSnapshot();
        degraded.observe("api", "DEGRADED", null, 1000); // severity 0.5: between recovery (0.35) and entry (0.6)
        assertThat(strict.assess(List.of(), 0.1, degraded, Level.HEALTHY).state()).isEqualTo(Level.HEALTHY);
        assertThat(strict.assess(List.of(), 0.1, degraded, Level.DOWN).state()).isEqualTo(Level.DEGRADED);
        degraded.observe("api", "OPERATIONAL", null, 2000);
        assertThat(strict.assess(List.of(), 0.1, degraded, Level.DEGRADED).state()).isEqualTo(Level.HEALTHY);
    }
}
