package io.blastradius.evaluation.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.evaluation.score.Scorer;
import io.blastradius.evaluation.score.SuiteScore;
import io.blastradius.evaluation.testing.Detectors;
import io.blastradius.evaluation.testing.Truths;
import io.blastradius.evaluation.truth.GroundTruth;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScorecardTableTest {
    private final GroundTruth truth = Truths.twoDays();

    @Test
    void showsOneRowPerScenarioAndPooledTotals() {
        Scorer scorer = new Scorer();
        SuiteScore suite = SuiteScore.of(List.of(scorer.score(truth, Detectors.late(truth, Duration.ofMinutes(30))),
                scorer.score(truth, Detectors.silent())));

        List<String> lines = ScorecardTable.render(suite).lines().toList();

        assertThat(lines.get(0)).startsWith("scenario").contains("precision", "recall", "TTD p50", "lead p50");
        assertThat(lines.get(2)).startsWith("two-days").contains("30m", "-4m30s", "0/2", "1.00");
        assertThat(lines.get(3)).startsWith("two-days").contains("n/a", "0.00");
        assertThat(lines.get(5)).startsWith("TOTAL").contains("0.50");
        // every line is the same width: a fixed-width table
        assertThat(lines.stream().map(String::length).distinct()).hasSize(1);
    }
}
