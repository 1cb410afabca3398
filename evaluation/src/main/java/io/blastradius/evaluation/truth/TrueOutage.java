package io.blastradius.evaluation.truth;

import io.blastradius.schemas.scope.ScopeId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One true provider-level outage: the scope that explains all of it, its span, the provider's
 * acknowledgment ({@code null} when the provider stayed silent), its phases and the services it hit.
 * {@link #phases()} is never empty: a truth file without phases gets one phase with the outage's
 * own scope and span.
 */
public record TrueOutage(
        String id,
        ScopeId scope,
        Instant onset,
        Instant acknowledged,
        Instant end,
        List<Phase> phases,
        List<HitService> hit) {

    public TrueOutage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(onset, "onset");
        Objects.requireNonNull(end, "end");
        phases = phases == null || phases.isEmpty() ? List.of(new Phase(scope, onset, end)) : List.copyOf(phases);
        hit = List.copyOf(hit);
    }

    /** True when the provider never acknowledged the outage. */
    public boolean silent() {
        return acknowledged == null;
    }

    /** True when {@code time} lies in {@code [onset, end]}. */
    public boolean spans(Instant time) {
        return !time.isBefore(onset) && !time.isAfter(end);
    }

    /**
     * The phases in effect at {@code time}; when none is (a gap between phases, or the tail after
     * the last one), the phase nearest in time, so that attribution always has something to be
     * judged against.
     */
    public List<Phase> phasesAt(Instant time) {
        List<Phase> active = phases.stream().filter(p -> p.spans(time)).toList();
        if (!active.isEmpty()) {
            return active;
        }
        return List.of(phases.stream().min(Comparator.comparingLong(p -> p.distanceMillis(time))).orElseThrow());
    }

    /** The ids of every service hit. */
    public List<String> hitServices() {
        return hit.stream().map(HitService::service).toList();
    }

    /** A more specific scope that was failing for part of the outage. */
    public record Phase(ScopeId scope, Instant from, Instant until) {
        public Phase {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(until, "until");
        }

        boolean spans(Instant time) {
            return !time.isBefore(from) && !time.isAfter(until);
        }

        long distanceMillis(Instant time) {
            if (time.isBefore(from)) {
                return from.toEpochMilli() - time.toEpochMilli();
            }
            return Math.max(0, time.toEpochMilli() - until.toEpochMilli());
        }
    }

    /**
     * A service truly affected: its first failure and last recovery, how it depends on the scope
     * (service ids, scope last), and the spans it was failing in (several when the outage oscillated;
     * absent in the file = the one span {@code [from, until)}).
     */
    public record HitService(String service, Instant from, Instant until, List<String> path, List<Interval> intervals) {
        public HitService {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(until, "until");
            path = path == null ? List.of() : List.copyOf(path);
            intervals = intervals == null || intervals.isEmpty() ? List.of(new Interval(from, until)) : List.copyOf(intervals);
        }

        public HitService(String service, Instant from, Instant until, List<String> path) {
            this(service, from, until, path, null);
        }

        /** True when the service is failing at {@code time}: inside one of its spans, end excluded. */
        public boolean failingAt(Instant time) {
            return intervals.stream().anyMatch(i -> !time.isBefore(i.from()) && time.isBefore(i.until()));
        }
    }

    /** A span of failure, {@code [from, until)}. */
    public record Interval(Instant from, Instant until) {
        public Interval {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(until, "until");
        }
    }
}
