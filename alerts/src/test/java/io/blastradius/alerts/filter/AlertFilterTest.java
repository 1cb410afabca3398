package io.blastradius.alerts.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.alerts.testing.AlertFixtures;
import io.blastradius.schemas.OutageAlert;
import io.blastradius.schemas.OutageState;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertFilterTest {
    private static final Set<OutageState> ALL = EnumSet.allOf(OutageState.class);

    private static List<Boolean> judge(AlertFilter filter, List<OutageAlert> alerts) {
        return alerts.stream().map(filter::admits).toList();
    }

    @Test
    void filtersByProviderAndRegionWithGlobalOutagesReachingEveryRegion() {
        AlertFilter filter = new AlertFilter(Set.of("aws"), Set.of("us-east-1"), Set.of(), 0, ALL);
        assertThat(filter.admits(AlertFixtures.lifecycle("a", "aws/us-east-1/dynamodb").get(0))).isTrue();
        assertThat(filter.admits(AlertFixtures.lifecycle("b", "aws/eu-west-1").get(0))).isFalse();
        assertThat(filter.admits(AlertFixtures.lifecycle("c", "aws/global/iam").get(0))).isTrue();
        assertThat(filter.admits(AlertFixtures.lifecycle("d", "aws").get(0))).isTrue();
        assertThat(filter.admits(AlertFixtures.lifecycle("e", "gcp/us-east1").get(0))).isFalse();
    }

    @Test
    void filtersByAServiceAnywhereInTheBlastRadius() {
        assertThat(new AlertFilter(Set.of(), Set.of(), Set.of("infura"), 0, ALL)
                .admits(AlertFixtures.lifecycle("a", "aws/us-east-1").get(0))).as("on metamask's path").isTrue();
        assertThat(new AlertFilter(Set.of(), Set.of(), Set.of("venmo"), 0, ALL)
                .admits(AlertFixtures.lifecycle("b", "aws/us-east-1").get(0))).as("at risk").isTrue();
        assertThat(new AlertFilter(Set.of(), Set.of(), Set.of("robinhood"), 0, ALL)
                .admits(AlertFixtures.lifecycle("c", "aws/us-east-1").get(0))).isFalse();
    }

    @Test
    void filtersByState() {
        AlertFilter filter = new AlertFilter(Set.of(), Set.of(), Set.of(), 0,
                EnumSet.of(OutageState.CONFIRMED, OutageState.RESOLVED));
        assertThat(judge(filter, AlertFixtures.lifecycle("a", "aws/us-east-1")))
                .containsExactly(false, true, false, false, true);
    }

    @Test
    void onceAnOutagePassesTheConfidenceBarItsLaterAlertsPassToo() {
        // confidence 0.55, 0.9, 0.97, 0.6, 0.3
        AlertFilter filter = new AlertFilter(Set.of(), Set.of(), Set.of(), 0.8, ALL);
        assertThat(judge(filter, AlertFixtures.lifecycle("a", "aws/us-east-1")))
                .containsExactly(false, true, true, true, true);
    }

    @Test
    void anOutageThatNeverReachesTheBarIsNotDeliveredAtAll() {
        AlertFilter filter = new AlertFilter(Set.of(), Set.of(), Set.of(), 0.99, ALL);
        assertThat(judge(filter, AlertFixtures.lifecycle("a", "aws/us-east-1")))
                .containsExactly(false, false, false, false, false);
    }

    @Test
    void aResolveOfAConfirmedOutageWhoseStartItDidNotSeePassesAfterARestart() {
        List<OutageAlert> alerts = AlertFixtures.lifecycle("a", "aws/us-east-1");
        AlertFilter restarted = new AlertFilter(Set.of(), Set.of(), Set.of(), 0.8, ALL);
        // a subscriber restarted after the CONFIRMED was committed reads RECOVERING (0.6) and RESOLVED (0.3)
        assertThat(judge(restarted, alerts.subList(3, 5))).containsExactly(false, true);
    }

    @Test
    void aScopeOutsideTheFilterIsNeverLetThroughByTheResolveRule() {
        AlertFilter filter = new AlertFilter(Set.of("gcp"), Set.of(), Set.of(), 0.8, ALL);
        assertThat(filter.admits(AlertFixtures.lifecycle("a", "aws/us-east-1").get(4))).isFalse();
    }
}
