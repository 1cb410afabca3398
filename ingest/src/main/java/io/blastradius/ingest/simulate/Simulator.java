package io.blastradius.ingest.simulate;

import io.blastradius.ingest.simulate.ScenarioLoader.LoadedScenario;
import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.SocialSignal;
import io.blastradius.schemas.StatusEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a scenario into the three signal streams and its ground truth. Signals are generated one
 * simulated minute at a time and handed to the output in event-time order, so a week streams
 * through in bounded memory. Output is a function of the scenario and its seed alone.
 *
 * <pre>{@code
 * Simulator sim = Simulator.of(ScenarioLoader.builtIn("aws-2025-10-20"));
 * sim.truth().write(dir.resolve("truth.json"));
 * try (SignalOutput out = new FileOutput(dir, FileOutput.Format.AVRO)) {
 *     sim.run(out);
 * }
 * }</pre>
 */
public final class Simulator {
    private final Plan plan;

    public Simulator(Plan plan) {
        this.plan = plan;
    }

    /** Plans the scenario (throws {@link InvalidScenarioException} listing every problem) and returns its simulator. */
    public static Simulator of(LoadedScenario scenario) {
        return new Simulator(Planner.plan(scenario));
    }

    public Plan plan() {
        return plan;
    }

    public Truth truth() {
        return Truth.of(plan);
    }

    /** How many signals of each kind went out. */
    public record Counts(long status, long social, long probes) {
        public long total() {
            return status + social + probes;
        }
    }

    /** Generates every signal of the scenario into {@code out}, in event-time order; does not close it. */
    public Counts run(SignalOutput out) {
        ProbeGenerator probes = new ProbeGenerator(plan);
        PostGenerator posts = new PostGenerator(plan);
        List<StatusEvent> statuses = plan.statusEvents();
        int nextStatus = 0;
        long status = 0;
        long social = 0;
        long probe = 0;
        long startMs = plan.start().toEpochMilli();
        long endMs = plan.end().toEpochMilli();
        List<Pending> pending = new ArrayList<>(4096);
        for (long minute = startMs - Math.floorMod(startMs, 60_000L); minute < endMs; minute += 60_000) {
            pending.clear();
            long minuteEnd = minute + 60_000;
            while (nextStatus < statuses.size() && statuses.get(nextStatus).getEventTime().toEpochMilli() < minuteEnd) {
                StatusEvent e = statuses.get(nextStatus++);
                long t = e.getEventTime().toEpochMilli();
                if (t >= startMs && t < endMs) {
                    pending.add(new Pending(t, Pending.STATUS, e.getEventId(), e));
                }
            }
            probes.minute(minute, pending);
            posts.minute(minute, pending);
            for (Pending p : order(pending, minute)) {
                if (p.time() < startMs || p.time() >= endMs) {
                    continue;
                }
                switch (p.kind()) {
                    case Pending.STATUS -> {
                        out.status((StatusEvent) p.value());
                        status++;
                    }
                    case Pending.SOCIAL -> {
                        out.social((SocialSignal) p.value());
                        social++;
                    }
                    default -> {
                        out.probe((ProbeResult) p.value());
                        probe++;
                    }
                }
            }
        }
        return new Counts(status, social, probe);
    }

    /**
     * The minute's signals in event-time order, status before social before probes at equal times,
     * then in generation order. Sorting packed primitive keys instead of objects keeps the sort off
     * the profile of a week-long run.
     */
    private static List<Pending> order(List<Pending> pending, long minute) {
        int n = pending.size();
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            Pending p = pending.get(i);
            long offset = Math.max(0, Math.min(0xFFFF, p.time() - minute));
            keys[i] = offset << 40 | (long) p.kind() << 32 | i;
        }
        Arrays.sort(keys);
        List<Pending> sorted = new ArrayList<>(n);
        for (long k : keys) {
            sorted.add(pending.get((int) (k & 0xFFFF_FFFFL)));
        }
        return sorted;
    }
}
