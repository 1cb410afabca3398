package io.blastradius.evaluation.signal;

import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.SocialSignal;
import io.blastradius.schemas.StatusEvent;

/** Receives the three input signal streams, record by record, from whatever source holds them. */
public interface SignalSink {
    void status(StatusEvent event);

    void social(SocialSignal signal);

    void probe(ProbeResult result);

    /**
     * True when a record with this event time can matter to the sink; sources that see the timestamp
     * before decoding (a Kafka record's timestamp) skip decoding the others.
     */
    default boolean wants(long eventTimeMillis) {
        return true;
    }
}
