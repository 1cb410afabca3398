package io.blastradius.streams.correlation;

import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the correlator keeps between records, for every provider at once: the dependents'
 * health tracks, the outages (open and recently resolved), what the providers' status feeds say,
 * and the complaints naming each provider. One provider's outage explains failures another
 * provider would otherwise see among its own dependents (a site on AWS and Cloudflare failing in
 * an AWS outage), so the decision needs all of them together.
 */
public final class CorrelationState {
    /** Decayed count of minutes observed, the denominator of every service's usual failure rate. */
    double minutes;
    long lastTickMinute = Long.MIN_VALUE;
    Map<String, ServiceTrack> tracks = new TreeMap<>();
    Map<String, OutageCase> cases = new TreeMap<>();
    /** Status-feed entries by {@code scope|component}. */
    Map<String, ScopedStatus> status = new TreeMap<>();
    /** Complaint weight naming each provider, by epoch minute, for the last few minutes. */
    Map<String, TreeMap<Long, Double>> complaintMinutes = new TreeMap<>();
    /**
     * Per provider, since when a new outage has waited for its scope to be told apart from a related
     * rival (see {@link CorrelationSettings#rivalWaitMinutes}).
     */
    Map<String, Long> waitingSince = new TreeMap<>();
    /** The usual complaint volume naming each provider. */
    Map<String, ComplaintBaseline> complaintBaselines = new TreeMap<>();

    public CorrelationState() {
    }

    /** A status-feed entry and the scope it is about. */
    public record ScopedStatus(String scope, String status, String incidentId, long at) {
    }

    public Map<String, OutageCase> cases() {
        return cases;
    }

    public Map<String, ServiceTrack> tracks() {
        return tracks;
    }

    /** The last minute whose close has been handled, Long.MIN_VALUE before the first tick. */
    public long lastTickMinute() {
        return lastTickMinute;
    }

    public OutageCase outage(String id) {
        return cases.get(id);
    }
}
