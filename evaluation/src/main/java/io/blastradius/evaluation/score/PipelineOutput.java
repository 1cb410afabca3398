package io.blastradius.evaluation.score;

import io.blastradius.schemas.Outage;
import io.blastradius.schemas.OutageAlert;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the pipeline said during a run: every {@link Outage} version in the order it was written
 * (one outage id's versions in offset order) and every {@link OutageAlert}. The outage topic is
 * compacted, so early versions may be gone by the time it is read; each alert carries the outage as of
 * its transition, so both streams together give the detections' histories.
 */
public record PipelineOutput(List<Outage> outageVersions, List<OutageAlert> alerts) {

    public PipelineOutput {
        outageVersions = List.copyOf(outageVersions);
        alerts = List.copyOf(alerts);
    }

    public static PipelineOutput empty() {
        return new PipelineOutput(List.of(), List.of());
    }

    /** One {@link Detection} per outage id, in order of first detection. */
    public List<Detection> detections() {
        Map<String, List<Outage>> versions = new LinkedHashMap<>();
        Map<String, List<OutageAlert>> alertsById = new LinkedHashMap<>();
        for (Outage version : outageVersions) {
            Objects.requireNonNull(version, "outage version");
            versions.computeIfAbsent(version.getOutageId(), id -> new ArrayList<>()).add(version);
        }
        for (OutageAlert alert : alerts) {
            alertsById.computeIfAbsent(alert.getOutageId(), id -> new ArrayList<>()).add(alert);
            versions.computeIfAbsent(alert.getOutageId(), id -> new ArrayList<>());
        }
        List<Detection> detections = new ArrayList<>(versions.size());
        versions.forEach((id, own) -> detections.add(Detection.of(id, own, alertsById.getOrDefault(id, List.of()))));
        detections.sort(Detection.BY_DETECTION);
        return detections;
    }
}
