package io.blastradius.streams.topology;

import io.blastradius.streams.correlation.ComplaintBaseline.BaselineSettings;
import io.blastradius.streams.correlation.CorrelationSettings;
import io.blastradius.streams.correlation.HealthSettings;

/**
 * The detection parameters the topology is built with.
 *
 * @param graceMillis how long after a minute ends (in stream time) it is closed, for slightly late records
 * @param retainMinutes minute buckets kept per service; records older than this are too late to count
 * @param complaintWarmupMinutes minutes a service's complaint baseline learns before complaints count as evidence
 * @param alignment how the health and correlation stages line up their upstream tasks in event time
 */
public record DetectionSettings(HealthSettings health, CorrelationSettings correlation, BaselineSettings baseline,
        long graceMillis, int retainMinutes, int complaintWarmupMinutes, AlignmentSettings alignment) {

    public DetectionSettings {
        if (retainMinutes < health.viewMinutes()) {
            throw new IllegalArgumentException("retainMinutes must cover the health view (" + health.viewMinutes() + ")");
        }
    }

    public static DetectionSettings defaults() {
        return new DetectionSettings(HealthSettings.defaults(), CorrelationSettings.defaults(), BaselineSettings.defaults(),
                5_000, 10, 30, AlignmentSettings.defaults());
    }

    public DetectionSettings withHealth(HealthSettings h) {
        return new DetectionSettings(h, correlation, baseline, graceMillis, retainMinutes, complaintWarmupMinutes, alignment);
    }

    public DetectionSettings withAlignment(AlignmentSettings a) {
        return new DetectionSettings(health, correlation, baseline, graceMillis, retainMinutes, complaintWarmupMinutes, a);
    }
}
