package io.blastradius.evaluation.score;

import io.blastradius.evaluation.truth.GroundTruth;
import java.util.List;

/** The score of one scenario run: per true outage, per detection, and the scenario's metrics. */
public record ScenarioScore(GroundTruth truth, List<OutageResult> outages, List<DetectionResult> detections,
                            Metrics metrics) {
    public ScenarioScore {
        outages = List.copyOf(outages);
        detections = List.copyOf(detections);
    }

    public String scenario() {
        return truth.scenario();
    }
}
