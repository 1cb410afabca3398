package io.blastradius.evaluation.run;

import io.blastradius.evaluation.report.SignalSource;
import java.nio.file.Path;

/**
 * Step (b) of a run: the simulator turns a scenario into records on the run's topics and writes its
 * ground truth. In two steps, so the pipeline can start between them: what it must know before it
 * starts (the world's dependency catalog, loaded into global stores at startup) is published by
 * {@link #prepare}, the signal streams by {@link Prepared#publishSignals()}.
 */
public interface ScenarioFeeder {
    /** Loads and checks the scenario and publishes its world's catalog. */
    Prepared prepare(Scenario scenario, EvaluationStack stack, RunTopics topics, Path workDir) throws Exception;

    /** A scenario ready to be fed. */
    interface Prepared {
        /** Publishes the three signal streams; returns how many records were published. */
        long publishSignals() throws Exception;

        /** The scenario's {@code truth.json}; available once the signals are published. */
        Path truthFile();

        /** The signal streams as files the simulator wrote, or null to read them back from the topics. */
        default SignalSource signals() {
            return null;
        }
    }
}
