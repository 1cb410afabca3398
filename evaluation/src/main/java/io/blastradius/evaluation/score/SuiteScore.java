package io.blastradius.evaluation.score;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Several scenario scores and their totals, pooled over every outage and detection of the suite. */
public record SuiteScore(List<ScenarioScore> scenarios, Metrics totals) {
    public SuiteScore {
        scenarios = List.copyOf(scenarios);
    }

    public static SuiteScore of(List<ScenarioScore> scenarios) {
        List<OutageResult> outages = new ArrayList<>();
        List<DetectionResult> detections = new ArrayList<>();
        Duration span = Duration.ZERO;
        for (ScenarioScore s : scenarios) {
            outages.addAll(s.outages());
            detections.addAll(s.detections());
            span = span.plus(s.truth().span());
        }
        return new SuiteScore(scenarios, Metrics.of(outages, detections, span));
    }
}
