package io.blastradius.evaluation.report;

import java.util.List;
import java.util.Map;

/**
 * What a report knows about a scenario beyond its score: where its timeline pictures are (key
 * {@code outage:<id>} or {@code detection:<id>} to a path relative to the report directory) and notes
 * for the reader (unreadable records, pictures left out).
 */
public record ScenarioNotes(Map<String, String> timelines, List<String> notes) {
    public static final ScenarioNotes NONE = new ScenarioNotes(Map.of(), List.of());

    public ScenarioNotes {
        timelines = Map.copyOf(timelines);
        notes = List.copyOf(notes);
    }

    public static String outageKey(String outageId) {
        return "outage:" + outageId;
    }

    public static String detectionKey(String detectionId) {
        return "detection:" + detectionId;
    }
}
