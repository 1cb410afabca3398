package io.blastradius.ingest.simulate;

import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.SocialSignal;
import io.blastradius.schemas.StatusEvent;
import java.util.List;

/**
 * Where simulated signals go: Kafka topics, files, or a counter. The simulator calls it in event-time
 * order across all three streams.
 */
public interface SignalOutput extends AutoCloseable {
    void status(StatusEvent event);

    void social(SocialSignal signal);

    void probe(ProbeResult result);

    /** Called once all signals are out; flush and release. */
    @Override
    default void close() {
    }

    /** Every signal to each of {@code outputs}; closing closes them all. */
    static SignalOutput tee(List<SignalOutput> outputs) {
        List<SignalOutput> all = List.copyOf(outputs);
        return new SignalOutput() {
            @Override
            public void status(StatusEvent event) {
                all.forEach(o -> o.status(event));
            }

            @Override
            public void social(SocialSignal signal) {
                all.forEach(o -> o.social(signal));
            }

            @Override
            public void probe(ProbeResult result) {
                all.forEach(o -> o.probe(result));
            }

            @Override
            public void close() {
                RuntimeException first = null;
                for (SignalOutput o : all) {
                    try {
                        o.close();
                    } catch (RuntimeException e) {
                        if (first == null) {
                            first = e;
                        } else {
                            first.addSuppressed(e);
                        }
                    }
                }
                if (first != null) {
                    throw first;
                }
            }
        };
    }
}
