package io.blastradius.streams.correlation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a status page currently says, component by component; the latest observation of each
 * component wins, an out-of-order older one is ignored.
 */
public final class StatusSnapshot {
    /** Normalized component states, mildest first; the names match the Avro {@code ComponentStatus}. */
    public static final String[] ORDER = {"OPERATIONAL", "MAINTENANCE", "UNKNOWN", "DEGRADED", "PARTIAL_OUTAGE", "MAJOR_OUTAGE"};

    private final Map<String, Entry> components;

    public StatusSnapshot() {
        this(new LinkedHashMap<>());
    }

    public StatusSnapshot(Map<String, Entry> components) {
        this.components = components;
    }

    /** One component's latest state. */
    public record Entry(String status, String incidentId, long at) {
    }

    /** Records an observation; returns false when an observation at least as new was already seen. */
    public boolean observe(String component, String status, String incidentId, long at) {
        String key = component == null ? "" : component;
        Entry current = components.get(key);
        if (current != null && current.at() > at) {
            return false;
        }
        components.put(key, new Entry(status, incidentId, at));
        return true;
    }

    /** The worst current component state, or null when nothing was observed. */
    public Entry worst() {
        Entry worst = null;
        for (Entry e : components.values()) {
            if (worst == null || rank(e.status()) > rank(worst.status())) {
                worst = e;
            }
        }
        return worst;
    }

    public Map<String, Entry> components() {
        return components;
    }

    /** Severity rank of a normalized status; unknown names rank as UNKNOWN. */
    public static int rank(String status) {
        for (int i = 0; i < ORDER.length; i++) {
            if (ORDER[i].equals(status)) {
                return i;
            }
        }
        return 2;
    }

    /** How strongly a status says the subject is failing, 0..1. */
    public static double severity(String status) {
        return switch (status == null ? "" : status) {
            case "MAJOR_OUTAGE" -> 0.95;
            case "PARTIAL_OUTAGE" -> 0.8;
            case "DEGRADED" -> 0.5;
            default -> 0.0;
        };
    }
}
