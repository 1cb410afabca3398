package io.blastradius.evaluation.score;

import java.time.Duration;
import java.util.Objects;

/**
 * Knobs of the scoring that are not part of the truth format.
 *
 * @param checkpointStep event-time step between the checkpoints at which the blast radius is compared
 *     with the truth over an outage's span
 * @param noiseSlack how long after a noise entry ends a false alarm is still listed as possibly caused
 *     by it (a diagnostic only; it changes no number)
 */
public record ScoringOptions(Duration checkpointStep, Duration noiseSlack) {
    public static final ScoringOptions DEFAULTS = new ScoringOptions(Duration.ofMinutes(5), Duration.ofHours(1));

    public ScoringOptions {
        Objects.requireNonNull(checkpointStep, "checkpointStep");
        Objects.requireNonNull(noiseSlack, "noiseSlack");
        if (checkpointStep.isNegative() || checkpointStep.isZero()) {
            throw new IllegalArgumentException("checkpointStep must be positive");
        }
    }
}
