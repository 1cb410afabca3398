package io.blastradius.ingest.simulate;

import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.SocialSignal;
import io.blastradius.schemas.StatusEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * How long generating a simulated week of the default world takes (the quiet week: 12 million
 * probe results, 300 thousand posts), into nothing or into Avro files. One shot per iteration:
 *
 * <pre>
 * mvn -B -pl ingest -am -Pbench -DskipTests test -Dbench=SimulatorBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xmx1g", "-XX:+UseParallelGC"})
@State(Scope.Benchmark)
public class SimulatorBenchmark {
    @Param({"quiet-week"})
    public String scenario;

    @Param({"discard", "avro"})
    public String output;

    private Plan plan;
    private Path dir;

    @Setup(Level.Trial)
    public void plan() throws IOException {
        plan = Planner.plan(ScenarioLoader.builtIn(scenario));
        dir = Files.createTempDirectory("simulator-bench-");
    }

    @TearDown(Level.Trial)
    public void clean() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** Generates every signal of the scenario; the result is the record count, reported by JMH's secondary output. */
    @Benchmark
    public Simulator.Counts generate(Blackhole hole) {
        SignalOutput out = output.equals("avro") ? new FileOutput(dir, FileOutput.Format.AVRO, plan.seed()) : new SignalOutput() {
            @Override
            public void status(StatusEvent event) {
                hole.consume(event);
            }

            @Override
            public void social(SocialSignal signal) {
                hole.consume(signal);
            }

            @Override
            public void probe(ProbeResult result) {
                hole.consume(result);
            }
        };
        try (out) {
            return new Simulator(plan).run(out);
        }
    }

    /** Planning alone: the outage generator, hit selection and status posts. */
    @Benchmark
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public Plan planMixedSuite() {
        return Planner.plan(ScenarioLoader.builtIn("mixed-suite"));
    }
}
