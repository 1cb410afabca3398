package io.blastradius.evaluation.score;

import java.util.List;

/**
 * One detection and what it counted as.
 *
 * @param matchedOutage id of the true outage it counts for, or null for a false alarm
 * @param explanations for a false alarm, what was going on at the time (noise entries, a true outage
 *     of another scope); diagnostics only
 */
public record DetectionResult(Detection detection, String matchedOutage, List<String> explanations) {
    public DetectionResult {
        explanations = List.copyOf(explanations);
    }

    public boolean falseAlarm() {
        return matchedOutage == null;
    }
}
