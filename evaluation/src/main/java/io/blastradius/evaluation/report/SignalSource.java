package io.blastradius.evaluation.report;

import io.blastradius.evaluation.signal.SignalSink;
import java.io.IOException;

/** Where a run's input signal streams can be read again: its topics, or files recorded from them. */
@FunctionalInterface
public interface SignalSource {
    void replay(SignalSink sink) throws IOException;
}
