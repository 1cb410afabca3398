package io.blastradius.deploy.bench;

import io.blastradius.deploy.BlastradiusCli;
import io.blastradius.deploy.bench.PipelineBench.AlertDelay;
import io.blastradius.deploy.bench.PipelineBench.Result;
import io.blastradius.deploy.local.LocalCommand;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code blastradius bench}: benchmarks run as commands (speed is measured here, not in tests). */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = BlastradiusCli.Version.class,
        description = "Benchmarks on this machine.", synopsisSubcommandLabel = "BENCHMARK",
        subcommands = BenchCommand.Pipeline.class)
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code blastradius bench pipeline}. */
    @Command(name = "pipeline", mixinStandardHelpOptions = true, sortOptions = false,
            versionProvider = BlastradiusCli.Version.class,
            description = {
                "Measures the whole streams topology on the embedded broker and registry (exactly_once_v2): events per "
                    + "second over pre-loaded simulated input, beside a bare Kafka Streams windowed count over the same "
                    + "input in the same run; then the delay from the records that decide an outage to its alert being "
                    + "readable by a consumer (p50, p99), publishing a real outage replay live. Prints a table; takes a few "
                    + "minutes."},
            exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:done", "1:failed"})
    static final class Pipeline implements Callable<Integer> {
        @Option(names = "--scenario", paramLabel = "SCENARIO", defaultValue = "mixed-suite",
                description = "Scenario whose signals are the throughput input (default: ${DEFAULT-VALUE}, days of ordinary "
                        + "traffic with random outages).")
        String scenario;

        @Option(names = "--events", paramLabel = "N", defaultValue = "500000",
                description = "How many of its signals to pre-load (default: ${DEFAULT-VALUE}).")
        long events;

        @Option(names = "--partitions", paramLabel = "N", defaultValue = "3",
                description = "Partitions of every topic (default: ${DEFAULT-VALUE}, as in blastradius local).")
        int partitions;

        @Option(names = "--latency-scenario", paramLabel = "SCENARIO", defaultValue = "bench-outages",
                description = "Scenario published live for the latency (default: ${DEFAULT-VALUE}: a day of ordinary traffic, "
                        + "pre-loaded, then ten short outages in a few hours; aws-2025-10-20 and the other replays work too).")
        String latencyScenario;

        @Option(names = "--latency-window", paramLabel = "DURATION", defaultValue = "270m",
                converter = LocalCommand.DurationConverter.class,
                description = "Event time published live, from --latency-lead before the outage (default: ${DEFAULT-VALUE}).")
        Duration latencyWindow;

        @Option(names = "--latency-lead", paramLabel = "DURATION", defaultValue = "10m",
                converter = LocalCommand.DurationConverter.class,
                description = "Live publishing starts this long (event time) before the outage (default: ${DEFAULT-VALUE}).")
        Duration latencyLead;

        @Option(names = "--burst-interval", paramLabel = "DURATION", defaultValue = "1s",
                converter = LocalCommand.DurationConverter.class,
                description = "Wall time between the bursts of one event-minute each (default: ${DEFAULT-VALUE}).")
        Duration burstInterval;

        @Option(names = "--no-latency",
                description = "Measure the throughput only, without the live latency part (a minute instead of several).")
        boolean noLatency;

        @Option(names = "--no-rocksdb-count",
                description = "Leave out the bare count on RocksDB (the slowest part); the in-memory bare count still runs.")
        boolean noRocksDbCount;

        @Option(names = "--no-warm-up",
                description = "Time the first pass of the topology in a fresh JVM (JIT compilation included) instead of "
                        + "running one untimed pass over the same input first.")
        boolean noWarmUp;

        @Option(names = "--set", paramLabel = "KEY=VALUE",
                description = "A setting of the whole topology (a streams-app key such as num.stream.threads, or kafka.* for "
                        + "Kafka Streams itself); repeatable.")
        Map<String, String> overrides = new LinkedHashMap<>();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (events < 1 || partitions < 1 || latencyWindow.isNegative() || latencyWindow.isZero()
                    || burstInterval.isNegative() || burstInterval.isZero()) {
                err.println("invalid settings: --events, --partitions, --latency-window and --burst-interval must be positive");
                return 1;
            }
            out.printf(Locale.ROOT, "blastradius bench pipeline: %d cores, load average %.1f, exactly_once_v2, %d partitions, "
                    + "%s%n", Runtime.getRuntime().availableProcessors(), PipelineBench.load(), partitions,
                    overrides.isEmpty() ? "1 stream thread" : "settings " + overrides);
            out.flush();
            try {
                Result r = new PipelineBench(new PipelineBench.Settings(scenario, events, partitions, latencyScenario,
                        latencyWindow, burstInterval, latencyLead, !noLatency, !noRocksDbCount, !noWarmUp, overrides), out).run();
                print(out, r);
                return 0;
            } catch (Exception e) {
                err.println("benchmark failed: " + e);
                return 1;
            }
        }

        private void print(PrintWriter out, Result r) {
            out.println();
            out.printf(Locale.ROOT, "input: %s, first %,d signals (%s → %s event time), pre-loaded at %,.0f/s%n", scenario,
                    r.pipeline().events(), r.inputFrom(), r.inputTo(), r.publishRate());
            out.printf(Locale.ROOT, "%-40s %12s %10s %12s %14s %14s%n", "throughput", "events", "seconds", "events/s",
                    "stream CPU µs", "JVM CPU µs");
            for (PipelineBench.Throughput t : Stream.of(r.pipeline(), r.bare(), r.bareInMemory()).filter(Objects::nonNull).toList()) {
                out.printf(Locale.ROOT, "%-40s %,12d %10.1f %,12.0f %14.1f %14.1f%n", t.what(), t.events(),
                        t.took().toMillis() / 1000.0, t.perSecond(), t.streamMicrosPerEvent(), t.processMicrosPerEvent());
            }
            if (r.bare() != null) {
                out.printf(Locale.ROOT, "%-40s %35.2f%n", "topology / bare count (RocksDB)",
                        r.pipeline().perSecond() / r.bare().perSecond());
            }
            out.printf(Locale.ROOT, "%-40s %35.2f%n", "topology / bare count (in memory)",
                    r.pipeline().perSecond() / r.bareInMemory().perSecond());
            out.println("(CPU µs per event: of the stream threads, and of the whole JVM with the embedded broker)");
            out.println();
            if (r.latency() == null) {
                out.printf(Locale.ROOT, "load average %.1f before, %.1f after%n", r.loadBefore(), r.loadAfter());
                out.flush();
                return;
            }
            out.printf(Locale.ROOT, "decision → readable by a consumer (%s published live from %s before the outage, one "
                    + "event-minute per %d ms burst):%n", latencyScenario, latencyLead.toString().substring(2).toLowerCase(Locale.ROOT),
                    burstInterval.toMillis());
            out.printf(Locale.ROOT, "%-40s %8s %8s %8s %8s %10s%n", "delay", "n", "p50 ms", "p99 ms", "max ms", "ambiguous");
            delayRow(out, "outage-alerts (lifecycle transitions)", r.latency().alerts());
            delayRow(out, "outages (blast-radius updates)", r.latency().updates());
            out.println("slowest alerts:");
            for (AlertDelay a : r.latency().alerts().stream()
                    .sorted(Comparator.comparing(AlertDelay::delay).reversed()).limit(5).toList()) {
                out.printf(Locale.ROOT, "  %-45s at %s  %6d ms%s%n", a.alert(), a.at(), a.delay().toMillis(),
                        a.ambiguous() ? "  (ambiguous)" : "");
            }
            out.printf(Locale.ROOT, "load average %.1f before, %.1f after%n", r.loadBefore(), r.loadAfter());
            out.flush();
        }

        private static void delayRow(PrintWriter out, String what, List<AlertDelay> delays) {
            List<Long> ms = delays.stream().map(a -> a.delay().toMillis()).sorted().toList();
            long ambiguous = delays.stream().filter(AlertDelay::ambiguous).count();
            if (ms.isEmpty()) {
                out.printf(Locale.ROOT, "%-40s %8d%n", what, 0);
                return;
            }
            out.printf(Locale.ROOT, "%-40s %8d %8d %8d %8d %10d%n", what, ms.size(), percentile(ms, 50), percentile(ms, 99),
                    ms.get(ms.size() - 1), ambiguous);
        }

        /** Nearest-rank percentile of sorted values. */
        static long percentile(List<Long> sorted, int p) {
            int rank = (int) Math.ceil(p / 100.0 * sorted.size());
            return sorted.get(Math.max(0, rank - 1));
        }
    }
}
