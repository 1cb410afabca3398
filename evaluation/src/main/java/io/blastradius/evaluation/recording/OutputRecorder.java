package io.blastradius.evaluation.recording;

import io.blastradius.evaluation.score.PipelineOutput;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Records a run from its topics into a directory ({@link RecordedRun} layout), so it can be scored
 * later, elsewhere, or again after the scoring changes.
 */
public final class OutputRecorder {
    private final KafkaOutputs source;

    public OutputRecorder(KafkaOutputs source) {
        this.source = source;
    }

    /**
     * Writes the pipeline's output as it is on the topics now and, when {@code withSignals}, the three
     * input streams too; returns the output it wrote.
     */
    public PipelineOutput record(Path dir, boolean withSignals) throws IOException {
        PipelineOutput output = source.readOutput();
        RecordedRun.writeOutput(dir, output);
        if (withSignals) {
            try (RecordedRun.SignalWriter writer = RecordedRun.signalWriter(dir)) {
                source.replaySignals(writer);
            }
        }
        return output;
    }
}
