package io.blastradius.evaluation.recording;

/** A record that could not be decoded, with where it is and why; reported, never silently dropped. */
public record UnreadableRecord(String topic, int partition, long offset, String cause) {
    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset + ": " + cause;
    }
}
