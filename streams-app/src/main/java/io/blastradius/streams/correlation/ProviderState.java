package io.blastradius.streams.correlation;

import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the correlator keeps about one provider between records: its dependents' health
 * tracks, its outages (open and recently resolved), what its status feed says, and the complaints
 * naming it. Persisted as one value per provider.
 */
public final class ProviderState {
    String provider;
    /** Decayed count of minutes observed, the denominator of every service's usual failure rate. */
    double minutes;
    long lastTickMinute = Long.MIN_VALUE;
    long lastDecision = Long.MIN_VALUE;
    Map<String, ServiceTrack> tracks = new TreeMap<>();
    Map<String, OutageCase> cases = new TreeMap<>();
    /** Status-feed entries by {@code scope|component}. */
    Map<String, ScopedStatus> status = new TreeMap<>();
    /** Complaint weight naming the provider, by epoch minute, for the last few minutes. */
    TreeMap<Long, Double> complaintMinutes = new TreeMap<>();
    ComplaintBaseline complaintBaseline;

    /** For deserialization. */
    ProviderState() {
    }

    public ProviderState(String provider, double complaintPriorPerMinute) {
        this.provider = provider;
        this.complaintBaseline = new ComplaintBaseline(complaintPriorPerMinute);
    }

    /** A status-feed entry and the scope it is about. */
    public record ScopedStatus(String scope, String status, String incidentId, long at) {
    }

    public String provider() {
        return provider;
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
