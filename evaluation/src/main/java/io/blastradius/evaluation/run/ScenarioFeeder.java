package io.blastradius.evaluation.run;

import io.blastradius.evaluation.report.SignalSource;
import java.nio.file.Path;

/**
 * Step (b) of a run: the simulator publishes a scenario (the world's catalog and the three signal
 * streams) to the run's topics, and writes the ground truth.
 */
public interface ScenarioFeeder {
    Fed feed(Scenario scenario, EvaluationStack stack, RunTopics topics, Path workDir) throws Exception;

    /**
     * What was fed.
     *
     * @param truthFile the {@code truth.json} written for the scenario
     * @param records records published
     * @param signals the signal streams as files the simulator wrote, or null to read them from the topics
     */
    record Fed(Path truthFile, long records, SignalSource signals) {
    }
}
