package io.blastradius.evaluation.tuning;

import io.blastradius.evaluation.recording.RecordedRun;
import io.blastradius.evaluation.report.ReportWriter;
import io.blastradius.evaluation.report.ReportWriter.ScenarioRun;
import io.blastradius.evaluation.report.Timelines;
import io.blastradius.evaluation.score.PipelineOutput;
import io.blastradius.evaluation.score.ScenarioScore;
import io.blastradius.evaluation.score.Scorer;
import io.blastradius.evaluation.signal.SignalSink;
import io.blastradius.evaluation.truth.TruthReader;
import io.blastradius.ingest.simulate.ScenarioLoader;
import io.blastradius.ingest.simulate.ScenarioLoader.LoadedScenario;
import io.blastradius.ingest.simulate.SignalOutput;
import io.blastradius.ingest.simulate.Simulator;
import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.SocialSignal;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.streams.config.StreamsAppConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * A developer's tool for tuning detection, not part of the harness: runs scenarios through the
 * simulator straight into the topology on a {@code TopologyTestDriver} (one partition, in-memory
 * registry, no broker), scores them with the harness's scorer and writes the harness's report
 * (table, JSON, timelines) plus a recording that {@code EvaluationRunner.scoreRecorded} reads.
 * The numbers to report come from the runner on the real broker; this is for fast iteration.
 *
 * <pre>
 * java -cp ... io.blastradius.evaluation.tuning.DriverRun target/tuning [--direct] built-in [detection.key=value ...]
 * </pre>
 * {@code --direct} chains the topology's processors directly ({@code DirectTopology}) instead of
 * running the {@code TopologyTestDriver}: the same decisions, tens of times faster.
 * Scenario arguments are built-in scenario names, scenario files, or {@code built-in} (the suite).
 */
public final class DriverRun {
    private DriverRun() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        List<LoadedScenario> scenarios = new ArrayList<>();
        Map<String, Object> settings = new HashMap<>();
        DriverPipeline.Engine engine = DriverPipeline.Engine.TEST_DRIVER;
        settings.put(StreamsAppConfig.BOOTSTRAP_SERVERS, "127.0.0.1:9");
        settings.put(StreamsAppConfig.SCHEMA_REGISTRY_URL, "mock://unused");
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--direct")) {
                engine = DriverPipeline.Engine.DIRECT;
            } else if (a.contains("=")) {
                settings.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            } else if (a.equals("built-in")) {
                scenarios.addAll(ScenarioLoader.suite("built-in"));
            } else {
                scenarios.add(ScenarioLoader.resolve(a));
            }
        }
        StreamsAppConfig config = new StreamsAppConfig(settings);
        List<ScenarioRun> runs = new ArrayList<>();
        Scorer scorer = new Scorer();
        for (LoadedScenario scenario : scenarios) {
            long t0 = System.nanoTime();
            Simulator sim = Simulator.of(scenario);
            Path dir = out.resolve(scenario.scenario().name());
            Files.createDirectories(dir);
            Path truthFile = dir.resolve("truth.json");
            sim.truth().write(truthFile);
            PipelineOutput output;
            try (CorrelationTrace.Writer trace = new CorrelationTrace.Writer(dir.resolve("correlation-trace.bin"))) {
                output = DriverPipeline.run(engine, sim, config, out.resolve("state"), trace, DriverPipeline.Mixer.NONE).output();
            }
            RecordedRun.writeOutput(dir.resolve("recording"), output);
            ScenarioScore score = scorer.score(TruthReader.read(truthFile), output);
            runs.add(new ScenarioRun(score, sink -> sim.run(new Forward(sink)), List.of(), scenario.scenario().name()));
            System.out.printf("%s: %d detections in %.1f s%n", scenario.scenario().name(), output.detections().size(),
                    (System.nanoTime() - t0) / 1e9);
        }
        System.out.println(new ReportWriter(new Timelines(50)).write(out, runs));
    }

    /** Feeds the simulator's signals to a timeline sink. */
    private record Forward(SignalSink sink) implements SignalOutput {
        @Override
        public void status(StatusEvent event) {
            if (sink.wants(event.getEventTime().toEpochMilli())) {
                sink.status(event);
            }
        }

        @Override
        public void social(SocialSignal signal) {
            if (sink.wants(signal.getCreatedAt().toEpochMilli())) {
                sink.social(signal);
            }
        }

        @Override
        public void probe(ProbeResult result) {
            if (sink.wants(result.getStartedAt().toEpochMilli())) {
                sink.probe(result);
            }
        }
    }
}
