package io.blastradius.evaluation.signal;

import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.SocialSignal;
import io.blastradius.schemas.StatusEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects, in one pass over the signal streams, the series of many timelines at once, so a week of
 * probes is read once however many outages and false alarms need a picture.
 */
public final class SignalCollector implements SignalSink {
    private final Map<String, SignalSeries> series = new LinkedHashMap<>();
    private final List<SignalSeries> all = new ArrayList<>();
    private long from = Long.MAX_VALUE;
    private long until = Long.MIN_VALUE;

    /** Registers a timeline under {@code key}; its series fill as records arrive. */
    public SignalSeries add(String key, SignalWindow window) {
        SignalSeries s = new SignalSeries(window);
        if (series.putIfAbsent(key, s) != null) {
            throw new IllegalArgumentException("timeline " + key + " registered twice");
        }
        all.add(s);
        from = Math.min(from, window.from().toEpochMilli());
        until = Math.max(until, window.until().toEpochMilli());
        return s;
    }

    public SignalSeries get(String key) {
        return series.get(key);
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    @Override
    public boolean wants(long eventTimeMillis) {
        return eventTimeMillis >= from && eventTimeMillis < until;
    }

    @Override
    public void status(StatusEvent event) {
        all.forEach(s -> s.status(event));
    }

    @Override
    public void social(SocialSignal signal) {
        all.forEach(s -> s.social(signal));
    }

    @Override
    public void probe(ProbeResult result) {
        all.forEach(s -> s.probe(result));
    }
}
