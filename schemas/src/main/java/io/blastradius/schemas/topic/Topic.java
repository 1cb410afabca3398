package io.blastradius.schemas.topic;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic described once: its name and the serdes of its keys and values. Use it at every
 * produce and consume site instead of repeating the name and serdes.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
    }
}
