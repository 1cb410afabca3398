package io.blastradius.schemas.serde;

import io.blastradius.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka {@link Serde} for one Avro record type in the Confluent wire format, usable from plain
 * clients and Kafka Streams alike. Build configured instances through {@link AvroSerdes}.
 */
public class AvroSerde<T> implements Serde<T> {
    private final AvroSerializer<T> serializer;
    private final AvroDeserializer<T> deserializer;

    /** A generic-record serde for instantiation by class name ({@code default.value.serde}). */
    public AvroSerde() {
        this(null, null);
    }

    /** A serde for the generated class {@code type}; {@code client} may be null to build one from config. */
    public AvroSerde(SchemaRegistryClient client, Class<T> type) {
        this.serializer = new AvroSerializer<>(client);
        this.deserializer = new AvroDeserializer<>(client, type);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }

    @Override
    public void close() {
        serializer.close();
        deserializer.close();
    }
}
