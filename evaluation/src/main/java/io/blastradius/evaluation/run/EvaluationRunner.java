package io.blastradius.evaluation.run;

import io.blastradius.evaluation.recording.KafkaOutputs;
import io.blastradius.evaluation.recording.OutputRecorder;
import io.blastradius.evaluation.recording.RecordedRun;
import io.blastradius.evaluation.recording.TopicSnapshotReader;
import io.blastradius.evaluation.report.ReportWriter;
import io.blastradius.evaluation.report.ReportWriter.ScenarioRun;
import io.blastradius.evaluation.report.SignalSource;
import io.blastradius.evaluation.report.Timelines;
import io.blastradius.evaluation.run.PipelineLauncher.RunningPipeline;
import io.blastradius.evaluation.score.PipelineOutput;
import io.blastradius.evaluation.score.ScenarioScore;
import io.blastradius.evaluation.score.Scorer;
import io.blastradius.evaluation.score.SuiteScore;
import io.blastradius.evaluation.truth.GroundTruth;
import io.blastradius.evaluation.truth.TruthReader;
import io.blastradius.schemas.serde.AvroSerdeConfig;
import io.blastradius.schemas.serde.AvroSerdes;
import io.blastradius.schemas.topic.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs scenarios end to end and scores them: (a) start or connect to the stack, then per scenario
 * on topics of its own (b) publish the world's catalog through the simulator, (c) start the pipeline,
 * then have the simulator publish the signal streams, (d) wait until the pipeline has consumed
 * everything (consumer-group offsets against end offsets, no sleeps), (e) record the pipeline's output
 * and score it against the truth; finally write the report (table, JSON, timelines) for the suite.
 *
 * <p>The stack, simulator and pipeline are injected, so the same runner serves the embedded stack and
 * an existing cluster, and tests can drive it with stand-ins at those boundaries.
 */
public final class EvaluationRunner {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluationRunner.class);
    /** Where a scenario's output is recorded, under its directory in the report. */
    public static final String RECORDING_DIR = "recording";
    public static final String TRUTH_FILE = "truth.json";

    private final EvaluationConfig config;
    private final StackLauncher stacks;
    private final ScenarioFeeder feeder;
    private final PipelineLauncher pipelines;

    public EvaluationRunner(EvaluationConfig config, StackLauncher stacks, ScenarioFeeder feeder,
                            PipelineLauncher pipelines) {
        this.config = Objects.requireNonNull(config, "config");
        this.stacks = Objects.requireNonNull(stacks, "stacks");
        this.feeder = Objects.requireNonNull(feeder, "feeder");
        this.pipelines = Objects.requireNonNull(pipelines, "pipelines");
    }

    /** Step (a): gives the stack a run uses. */
    @FunctionalInterface
    public interface StackLauncher {
        EvaluationStack start() throws Exception;
    }

    /** A scenario that could not be run or scored, and why. */
    public record Failure(String scenario, String cause) {
    }

    /** What a run produced: the table as printed, the scores, and the scenarios that failed. */
    public record Result(String table, SuiteScore suite, List<Failure> failures, Path reportDir) {
        public boolean ok() {
            return failures.isEmpty();
        }
    }

    public Result run(List<Scenario> scenarios, Path reportDir) throws Exception {
        Files.createDirectories(reportDir);
        String runId = Long.toString(System.currentTimeMillis(), 36);
        ReportWriter writer = writer();
        List<ReportWriter.Drawn> drawn = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        Set<String> dirs = new HashSet<>();
        try (EvaluationStack stack = stacks.start();
             Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
             AvroSerdes serdes = new AvroSerdes(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl()))) {
            ConsumerGroupDrain drain = new ConsumerGroupDrain(admin, config.drainPoll(), config.drainTimeout());
            for (int i = 0; i < scenarios.size(); i++) {
                Scenario scenario = scenarios.get(i);
                String safe = safe(scenario.name());
                String base = config.topicPrefix() + runId + "." + i + "." + safe;
                RunTopics topics = new RunTopics(base + ".", base + ".app");
                Path dir = reportDir.resolve(unique(dirs, safe));
                try {
                    stack.ensureTopics(topics.definitions(config.partitions()));
                    ScenarioRun run = runScenario(scenario, stack, topics, serdes, drain, dir);
                    // drawn now, while the scenario's signal topics still exist
                    drawn.add(writer.draw(reportDir, run));
                } catch (Exception e) {
                    LOG.error("scenario {} failed", scenario.name(), e);
                    failures.add(new Failure(scenario.name(), String.valueOf(e.getMessage())));
                } finally {
                    if (config.deleteTopics()) {
                        deleteTopics(admin, topics);
                    }
                }
            }
        }
        return summarize(writer, reportDir, drawn, failures);
    }

    /** Scores runs recorded earlier ({@link RecordedRun} directories beside their truth files), without a stack. */
    public Result scoreRecorded(List<Recorded> recorded, Path reportDir) throws Exception {
        ReportWriter writer = writer();
        List<ReportWriter.Drawn> drawn = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        Scorer scorer = new Scorer(config.scoringOptions());
        for (Recorded r : recorded) {
            try {
                GroundTruth truth = TruthReader.read(r.truthFile());
                PipelineOutput output = RecordedRun.readOutput(r.recordingDir());
                SignalSource signals = config.timelines() && RecordedRun.hasSignals(r.recordingDir())
                        ? sink -> RecordedRun.replaySignals(r.recordingDir(), sink) : null;
                drawn.add(writer.draw(reportDir, new ScenarioRun(scorer.score(truth, output), signals, List.of())));
            } catch (Exception e) {
                LOG.error("scoring {} failed", r.recordingDir(), e);
                failures.add(new Failure(r.recordingDir().toString(), String.valueOf(e.getMessage())));
            }
        }
        return summarize(writer, reportDir, drawn, failures);
    }

    /** A recorded run: its truth file and its recording directory. */
    public record Recorded(Path truthFile, Path recordingDir) {
    }

    private ScenarioRun runScenario(Scenario scenario, EvaluationStack stack, RunTopics topics, AvroSerdes serdes,
                                    ConsumerGroupDrain drain, Path dir) throws Exception {
        Files.createDirectories(dir);
        LOG.info("scenario {}: topics {}*, application {}", scenario.name(), topics.prefix(), topics.applicationId());
        ScenarioFeeder.Prepared fed = feeder.prepare(scenario, stack, topics, dir);
        try (RunningPipeline pipeline = pipelines.start(stack, topics)) {
            long records = fed.publishSignals();
            LOG.info("scenario {}: fed {} records; waiting for the pipeline to consume them", scenario.name(), records);
            drain.await(pipeline.consumerGroups(), pipeline.drainedInputs(topics));
        }
        Path truthFile = dir.resolve(TRUTH_FILE);
        if (!fed.truthFile().toAbsolutePath().equals(truthFile.toAbsolutePath())) {
            Files.copy(fed.truthFile(), truthFile, StandardCopyOption.REPLACE_EXISTING);
        }
        GroundTruth truth = TruthReader.read(truthFile);
        KafkaOutputs outputs = new KafkaOutputs(new TopicSnapshotReader(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers()), config.readTimeout()), Topics.create(topics.names(), serdes));
        Path recording = dir.resolve(RECORDING_DIR);
        PipelineOutput output = new OutputRecorder(outputs).record(recording, config.recordSignals());
        ScenarioScore score = new Scorer(config.scoringOptions()).score(truth, output);
        List<String> notes = new ArrayList<>();
        outputs.unreadable().forEach(u -> notes.add("unreadable record " + u));
        SignalSource signals = null;
        if (config.timelines()) {
            signals = fed.signals() != null ? fed.signals()
                    : config.recordSignals() ? sink -> RecordedRun.replaySignals(recording, sink)
                    : outputs::replaySignals;
        }
        LOG.info("scenario {}: {} detections for {} true outages", scenario.name(), output.detections().size(),
                truth.outages().size());
        return new ScenarioRun(score, signals, notes, dir.getFileName().toString());
    }

    private ReportWriter writer() {
        return new ReportWriter(config.timelines() ? new Timelines(config.maxFalseAlarmTimelines()) : null);
    }

    private static Result summarize(ReportWriter writer, Path reportDir, List<ReportWriter.Drawn> drawn,
                                    List<Failure> failures) throws IOException {
        String table = writer.summarize(reportDir, drawn);
        StringBuilder printed = new StringBuilder(table);
        failures.forEach(f -> printed.append("FAILED ").append(f.scenario()).append(": ").append(f.cause()).append('\n'));
        return new Result(printed.toString(), SuiteScore.of(drawn.stream().map(ReportWriter.Drawn::score).toList()),
                List.copyOf(failures), reportDir);
    }

    private void deleteTopics(Admin admin, RunTopics topics) {
        try {
            admin.deleteTopics(topics.names().all()).all().get(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("interrupted while deleting the topics under {}", topics.prefix());
        } catch (Exception e) {
            // the scenario is scored and recorded; leftover topics are untidy, not wrong
            LOG.warn("could not delete the topics under {}", topics.prefix(), e);
        }
    }

    static String safe(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
        return s.isEmpty() ? "scenario" : s.length() > 60 ? s.substring(0, 60) : s;
    }

    private static String unique(Set<String> taken, String name) {
        String candidate = name;
        for (int n = 2; !taken.add(candidate); n++) {
            candidate = name + "-" + n;
        }
        return candidate;
    }
}
