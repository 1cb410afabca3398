package io.blastradius.evaluation.run;

import java.util.List;

/** Step (c) of a run: starts the detection pipeline on the run's topics. */
public interface PipelineLauncher {
    RunningPipeline start(EvaluationStack stack, RunTopics topics) throws Exception;

    /** A started pipeline; closing it stops it and releases its local state. */
    interface RunningPipeline extends AutoCloseable {
        /**
         * The consumer groups whose progress says how far the pipeline got (for Kafka Streams, the
         * application id).
         */
        List<String> consumerGroups();

        /**
         * The run's topics that {@link #consumerGroups()} consume and commit, whose end offsets say when
         * the pipeline is done; by default the three signal streams (a catalog read as a global table
         * is consumed without group offsets, so it cannot be waited for this way).
         */
        default List<String> drainedInputs(RunTopics topics) {
            return topics.signals();
        }

        @Override
        void close() throws Exception;
    }
}
