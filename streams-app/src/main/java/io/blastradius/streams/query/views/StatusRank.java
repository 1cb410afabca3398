package io.blastradius.streams.query.views;

import java.util.List;

/** Orders normalized component states from harmless to worst. */
final class StatusRank {
    private static final List<String> ORDER = List.of("UNKNOWN", "OPERATIONAL", "MAINTENANCE", "DEGRADED",
            "PARTIAL_OUTAGE", "MAJOR_OUTAGE");

    private StatusRank() {
    }

    static String worse(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return ORDER.indexOf(b) > ORDER.indexOf(a) ? b : a;
    }
}
