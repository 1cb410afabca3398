package io.blastradius.streams.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VantageTroubleTest {
    private static final HealthSettings DEFAULTS = HealthSettings.defaults();

    /** {@code services} buckets of one minute; vantage i fails the first {@code failing[i]} services' checks. */
    private static List<MinuteBucket> minute(int services, String[] vantages, int[] failing) {
        List<MinuteBucket> buckets = new ArrayList<>();
        for (int s = 0; s < services; s++) {
            MinuteBucket b = new MinuteBucket(0);
            for (int v = 0; v < vantages.length; v++) {
                b.addCheck(vantages[v], s >= failing[v], s >= failing[v] ? null : "CONNECT_TIMEOUT", List.of());
            }
            buckets.add(b);
        }
        return buckets;
    }

    @Test
    void aVantageFailingAcrossTheBoardWhileTheOthersPassIsInTrouble() {
        String[] v = {"a", "b", "c", "d"};
        assertThat(VantageTrouble.inTrouble(minute(100, v, new int[] {70, 1, 0, 2}), DEFAULTS)).containsExactly("a");
    }

    @Test
    void everyVantageSeeingTheSameFailuresIsAnOutageNotTrouble() {
        String[] v = {"a", "b", "c", "d"};
        assertThat(VantageTrouble.inTrouble(minute(100, v, new int[] {60, 55, 62, 58}), DEFAULTS)).isEmpty();
    }

    @Test
    void troubleIsJudgedAgainstTheOthersNotAgainstAFixedLevel() {
        String[] v = {"a", "b", "c"};
        // 45% failing where the others see 10%: not enough above them (0.4 needed)
        assertThat(VantageTrouble.inTrouble(minute(100, v, new int[] {45, 10, 10}), DEFAULTS)).isEmpty();
        // 55% where the others see 10%: in trouble
        assertThat(VantageTrouble.inTrouble(minute(100, v, new int[] {55, 10, 10}), DEFAULTS)).containsExactly("a");
    }

    @Test
    void aVantageWithTooFewChecksOrWithoutAnotherToCompareWithIsNotJudged() {
        assertThat(VantageTrouble.inTrouble(minute(DEFAULTS.troubleMinChecks() - 1, new String[] {"a", "b"},
                new int[] {DEFAULTS.troubleMinChecks() - 1, 0}), DEFAULTS)).isEmpty();
        assertThat(VantageTrouble.inTrouble(Map.of("a", new VantageTrouble.Tally(100, 100)), DEFAULTS)).isEmpty();
        assertThat(VantageTrouble.inTrouble(Map.of("a", new VantageTrouble.Tally(100, 100),
                "b", new VantageTrouble.Tally(100, 0)), DEFAULTS)).containsExactly("a");
    }

    @Test
    void anExcessOfOneTurnsItOff() {
        HealthSettings off = DEFAULTS.withTroubleExcess(1.0);
        assertThat(VantageTrouble.inTrouble(Map.of("a", new VantageTrouble.Tally(100, 100),
                "b", new VantageTrouble.Tally(100, 0)), off)).isEmpty();
    }

    @Test
    void theAssessorLeavesATroubledVantagesChecksOutOfTheQuorum() {
        HealthAssessor assessor = new HealthAssessor(DEFAULTS);
        MinuteBucket b = new MinuteBucket(60_000);
        b.addCheck("a", false, "CONNECT_TIMEOUT", List.of()); // the troubled vantage
        b.addCheck("b", false, "HTTP_5XX", List.of()); // a chance failure
        b.addCheck("c", true, null, List.of());
        assertThat(assessor.assess(List.of(b), 0.1, null, HealthVerdict.Level.HEALTHY).probe().quorum()).isTrue();
        HealthVerdict judged = assessor.assess(List.of(b), 0.1, null, HealthVerdict.Level.HEALTHY, Map.of(60_000L, Set.of("a")));
        assertThat(judged.probe().quorum()).isFalse();
        assertThat(judged.probe().vantages()).isEqualTo(2);
        assertThat(judged.state()).isEqualTo(HealthVerdict.Level.HEALTHY);
        // in another minute the vantage counts again
        assertThat(assessor.assess(List.of(b), 0.1, null, HealthVerdict.Level.HEALTHY, Map.of(0L, Set.of("a"))).probe().quorum())
                .isTrue();
    }
}
