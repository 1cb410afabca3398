package io.blastradius.ingest.simulate;

import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.SocialSignal;
import io.blastradius.schemas.StatusEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Keeps every simulated signal in memory, with the order they arrived in. */
final class Recorded implements SignalOutput {
    final List<StatusEvent> status = new ArrayList<>();
    final List<SocialSignal> social = new ArrayList<>();
    final List<ProbeResult> probes = new ArrayList<>();
    final List<Instant> times = new ArrayList<>();

    static Recorded run(Plan plan) {
        Recorded r = new Recorded();
        new Simulator(plan).run(r);
        return r;
    }

    @Override
    public void status(StatusEvent event) {
        status.add(event);
        times.add(event.getEventTime());
    }

    @Override
    public void social(SocialSignal signal) {
        social.add(signal);
        times.add(signal.getCreatedAt());
    }

    @Override
    public void probe(ProbeResult result) {
        probes.add(result);
        times.add(result.getStartedAt());
    }

    /** Share of failed checks of {@code service} with start time in [from, until). */
    double failureRate(String service, Instant from, Instant until) {
        long all = 0;
        long failed = 0;
        for (ProbeResult p : probes) {
            if (p.getTarget().getService().equals(service) && !p.getStartedAt().isBefore(from) && p.getStartedAt().isBefore(until)) {
                all++;
                failed += p.getSuccess() ? 0 : 1;
            }
        }
        return all == 0 ? Double.NaN : failed / (double) all;
    }

    long posts(String service, Instant from, Instant until) {
        return social.stream().filter(s -> s.getServices().contains(service))
                .filter(s -> !s.getCreatedAt().isBefore(from) && s.getCreatedAt().isBefore(until)).count();
    }
}
