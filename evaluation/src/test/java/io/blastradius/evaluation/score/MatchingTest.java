package io.blastradius.evaluation.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.evaluation.truth.TrueOutage;
import io.blastradius.evaluation.truth.TrueOutage.Phase;
import io.blastradius.schemas.scope.ScopeId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatchingTest {
    private static final Instant ONSET = Instant.parse("2025-10-20T06:48:00Z");
    private static final Instant END = Instant.parse("2025-10-20T22:01:00Z");

    private final TrueOutage regional = new TrueOutage("r", scope("aws/us-east-1"), ONSET, null, END,
            List.of(new Phase(scope("aws/us-east-1/dynamodb"), ONSET, END)), List.of());
    private final TrueOutage global = new TrueOutage("g", scope("aws/global"), ONSET, null, END,
            List.of(new Phase(scope("aws/us-east-1/dynamodb"), ONSET, END)), List.of());
    private final TrueOutage noPhases = new TrueOutage("n", scope("aws/us-east-1"), ONSET, null, END, List.of(),
            List.of());

    @Test
    void matchesTheOutageScopeAndEachPhaseScope() {
        assertThat(Matching.scopeMatches(scope("aws/us-east-1"), regional)).isTrue();
        assertThat(Matching.scopeMatches(scope("aws/us-east-1/dynamodb"), regional)).isTrue();
    }

    @Test
    void matchesAScopeBetweenAPhaseAndTheOutageScope() {
        assertThat(Matching.scopeMatches(scope("aws/us-east-1"), global)).isTrue();
        assertThat(Matching.scopeMatches(scope("aws/global/dynamodb"), global)).isTrue();
    }

    @Test
    void rejectsAScopeMoreSpecificThanEveryPhase() {
        assertThat(Matching.scopeMatches(scope("aws/us-east-1/ec2"), regional)).isFalse();
        assertThat(Matching.scopeMatches(scope("aws/us-east-1/dynamodb"), noPhases)).isFalse();
    }

    @Test
    void rejectsAScopeWiderThanTheOutage() {
        assertThat(Matching.scopeMatches(scope("aws/global"), regional)).isFalse();
    }

    @Test
    void rejectsAnotherRegionOrProvider() {
        assertThat(Matching.scopeMatches(scope("aws/us-west-2"), regional)).isFalse();
        assertThat(Matching.scopeMatches(scope("gcp/us-east1"), regional)).isFalse();
    }

    @Test
    void outageWithoutPhasesHasOnePhaseWithItsOwnScopeAndSpan() {
        assertThat(noPhases.phases()).containsExactly(new Phase(scope("aws/us-east-1"), ONSET, END));
    }

    private static ScopeId scope(String text) {
        return ScopeId.parse(text);
    }
}
