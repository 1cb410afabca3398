package io.blastradius.streams.correlation;

import io.blastradius.schemas.OutageState;
import io.blastradius.schemas.scope.ScopeId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One provider-level outage as the lifecycle tracks it: scope, state, the times of each step, the
 * services seen hit, and the evidence of the latest decision. Mutable; persisted between records
 * by the topology.
 */
public final class OutageCase {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm").withZone(ZoneOffset.UTC);

    String id;
    String provider;
    String scope;
    String detectionScope;
    OutageState state;
    OutageState stateBeforeRecovering;
    long onset;
    long detected;
    Long confirmed;
    Long acknowledged;
    Long recovering;
    Long resolved;
    long updatedAt;
    long lastActiveAt;
    long lastStrongAt;
    double confidence;
    int peakUnits;
    int sequence;
    List<Step> transitions = new ArrayList<>();
    Map<String, Hit> observed = new TreeMap<>();
    Evidence evidence = new Evidence();
    TreeSet<String> statusIncidents = new TreeSet<>();

    /** For deserialization. */
    OutageCase() {
    }

    OutageCase(ScopeId scope, long detected) {
        this.provider = scope.provider();
        this.scope = scope.toString();
        this.detectionScope = this.scope;
        this.detected = detected;
        this.onset = detected;
        this.id = idFor(scope, detected);
    }

    /** Deterministic from scope and event time, so a replay names outages exactly as live did. */
    static String idFor(ScopeId scope, long detected) {
        return scope.toString().replace('/', '-') + "-" + ID_TIME.format(Instant.ofEpochMilli(detected));
    }

    /** One lifecycle step. */
    public record Step(int sequence, OutageState from, OutageState to, long at, String reason) {
    }

    /** A service seen hit during the outage. */
    public static final class Hit {
        long firstEvidence;
        long lastSeen;
        double score;

        Hit() {
        }

        Hit(long firstEvidence, long lastSeen, double score) {
            this.firstEvidence = firstEvidence;
            this.lastSeen = lastSeen;
            this.score = score;
        }

        public long firstEvidence() {
            return firstEvidence;
        }

        public long lastSeen() {
            return lastSeen;
        }

        public double score() {
            return score;
        }
    }

    /** Evidence behind the latest decision. */
    public static final class Evidence {
        int unhealthyUnits;
        int totalUnits;
        double expected;
        double surprise;
        int attributedUnits;
        double providerComplaints;
        double hitShare;

        public int unhealthyUnits() {
            return unhealthyUnits;
        }

        public int totalUnits() {
            return totalUnits;
        }

        public double expected() {
            return expected;
        }

        public double surprise() {
            return surprise;
        }

        public int attributedUnits() {
            return attributedUnits;
        }

        public double providerComplaints() {
            return providerComplaints;
        }

        public double hitShare() {
            return hitShare;
        }
    }

    public String id() {
        return id;
    }

    public String provider() {
        return provider;
    }

    public ScopeId scope() {
        return ScopeId.parse(scope);
    }

    /** The scope as first detected (the scope may widen as related scopes fail). */
    public ScopeId detectionScope() {
        return ScopeId.parse(detectionScope);
    }

    public OutageState state() {
        return state;
    }

    public long onset() {
        return onset;
    }

    public long detected() {
        return detected;
    }

    public Long confirmed() {
        return confirmed;
    }

    public Long acknowledged() {
        return acknowledged;
    }

    public Long recovering() {
        return recovering;
    }

    public Long resolved() {
        return resolved;
    }

    public long updatedAt() {
        return updatedAt;
    }

    public double confidence() {
        return confidence;
    }

    public int sequence() {
        return sequence;
    }

    public List<Step> transitions() {
        return transitions;
    }

    public Map<String, Hit> observed() {
        return observed;
    }

    public Evidence evidence() {
        return evidence;
    }

    public TreeSet<String> statusIncidents() {
        return statusIncidents;
    }

    public boolean isOpen() {
        return state != OutageState.RESOLVED;
    }

    @Override
    public String toString() {
        return id + "[" + state + " " + scope + " conf=" + String.format("%.2f", confidence) + " hit=" + observed.size() + "]";
    }
}
