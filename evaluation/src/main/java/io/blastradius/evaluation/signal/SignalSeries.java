package io.blastradius.evaluation.signal;

import io.blastradius.schemas.ComponentStatus;
import io.blastradius.schemas.IpAttribution;
import io.blastradius.schemas.PostAction;
import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.SocialSignal;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.SubjectType;
import io.blastradius.schemas.scope.ScopeId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The three signals around one timeline, bucketed: probe results and failures of the services
 * involved or of addresses attributed to the scope, complaint volume (sum of complaint scores of new
 * posts naming those services or the scope's provider), and the status events about them.
 */
public final class SignalSeries {
    /** Status events kept per timeline; more would not be readable in a picture anyway. */
    static final int MAX_STATUS_EVENTS = 400;

    private final SignalWindow window;
    private final long[] probes;
    private final long[] probeFailures;
    private final double[] complaints;
    private final List<StatusMark> statusEvents = new ArrayList<>();
    private int droppedStatusEvents;

    public SignalSeries(SignalWindow window) {
        this.window = window;
        int n = window.buckets();
        this.probes = new long[n];
        this.probeFailures = new long[n];
        this.complaints = new double[n];
    }

    public SignalWindow window() {
        return window;
    }

    void probe(ProbeResult result) {
        int bucket = window.bucketOf(result.getStartedAt().toEpochMilli());
        if (bucket < 0 || !relevant(result)) {
            return;
        }
        probes[bucket]++;
        if (!result.getSuccess()) {
            probeFailures[bucket]++;
        }
    }

    void social(SocialSignal signal) {
        int bucket = window.bucketOf(signal.getCreatedAt().toEpochMilli());
        if (bucket < 0 || signal.getAction() != PostAction.CREATE || !relevant(signal)) {
            return;
        }
        complaints[bucket] += signal.getComplaintScore();
    }

    void status(StatusEvent event) {
        int bucket = window.bucketOf(event.getEventTime().toEpochMilli());
        if (bucket < 0 || !relevant(event)) {
            return;
        }
        if (statusEvents.size() >= MAX_STATUS_EVENTS) {
            droppedStatusEvents++;
            return;
        }
        statusEvents.add(new StatusMark(event.getEventTime(), event.getSubject(), event.getStatus(),
                event.getTitle() == null ? "" : event.getTitle()));
    }

    private boolean relevant(ProbeResult result) {
        if (window.services().contains(result.getTarget().getService())) {
            return true;
        }
        for (IpAttribution a : result.getAttributions()) {
            if (a.getProvider() != null && a.getProvider().equals(window.scope().provider())
                    && window.scope().contains(ScopeId.of(a.getProvider(), a.getRegion(), a.getProviderService()))) {
                return true;
            }
        }
        return false;
    }

    private boolean relevant(SocialSignal signal) {
        for (String service : signal.getServices()) {
            if (window.services().contains(service)) {
                return true;
            }
        }
        for (String provider : signal.getProviders()) {
            int slash = provider.indexOf('/');
            String id = slash < 0 ? provider : provider.substring(0, slash);
            if (id.equals(window.scope().provider())) {
                return true;
            }
        }
        return false;
    }

    private boolean relevant(StatusEvent event) {
        if (window.services().contains(event.getSubject())) {
            return true;
        }
        if (event.getSubjectType() != SubjectType.PROVIDER || !ScopeId.looksLikeScope(event.getSubject())) {
            return false;
        }
        try {
            ScopeId subject = ScopeId.parse(event.getSubject());
            return window.scope().contains(subject) || subject.contains(window.scope());
        } catch (IllegalArgumentException e) {
            // a subject the connector could not normalize is simply not about this scope
            return false;
        }
    }

    /** Probe results per bucket. */
    public long[] probes() {
        return probes.clone();
    }

    public long[] probeFailures() {
        return probeFailures.clone();
    }

    /** Failure ratio per bucket; NaN for a bucket without probes. */
    public double[] probeFailureRatio() {
        double[] ratio = new double[probes.length];
        for (int i = 0; i < ratio.length; i++) {
            ratio[i] = probes[i] == 0 ? Double.NaN : (double) probeFailures[i] / probes[i];
        }
        return ratio;
    }

    /** Sum of complaint scores per bucket. */
    public double[] complaints() {
        return complaints.clone();
    }

    public List<StatusMark> statusEvents() {
        return Collections.unmodifiableList(statusEvents);
    }

    public int droppedStatusEvents() {
        return droppedStatusEvents;
    }

    /** One status event as drawn: when, about what, which state, and its (untrusted) title. */
    public record StatusMark(Instant at, String subject, ComponentStatus status, String title) {
    }
}
