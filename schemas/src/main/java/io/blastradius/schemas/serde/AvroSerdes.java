package io.blastradius.schemas.serde;

import io.blastradius.schemas.registry.SchemaRegistryClient;
import io.blastradius.schemas.registry.SchemaRegistryClients;
import java.io.Closeable;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * The one place Avro serdes are built: from the registry configuration (the keys of
 * {@link AvroSerdeConfig}), sharing one registry client and its caches across every serde made here.
 *
 * <pre>{@code
 * AvroSerdes serdes = new AvroSerdes(Map.of("schema.registry.url", "http://127.0.0.1:8081/apis/ccompat/v7"));
 * Serde<ProbeResult> probes = serdes.value(ProbeResult.class);
 * }</pre>
 */
public final class AvroSerdes implements Closeable {
    private final Map<String, Object> config;
    private final SchemaRegistryClient client;

    public AvroSerdes(Map<String, ?> config) {
        this.config = new HashMap<>(config);
        this.client = SchemaRegistryClients.create(new AvroSerdeConfig(config).clientSettings());
    }

    /** Serdes over an existing client (a test's in-memory registry, say) with otherwise default settings. */
    public AvroSerdes(SchemaRegistryClient client, Map<String, ?> config) {
        this.config = new HashMap<>(config);
        this.config.putIfAbsent(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://unused");
        this.client = client;
    }

    /** A serde for record values of type {@code type}. */
    public <T extends SpecificRecord> Serde<T> value(Class<T> type) {
        return build(type, false);
    }

    /** A serde for record keys of type {@code type}. */
    public <T extends SpecificRecord> Serde<T> key(Class<T> type) {
        return build(type, true);
    }

    public SchemaRegistryClient client() {
        return client;
    }

    /** The configuration the serdes were built from (registry URL and serde keys). */
    public Map<String, Object> config() {
        return Map.copyOf(config);
    }

    private <T extends SpecificRecord> Serde<T> build(Class<T> type, boolean isKey) {
        AvroSerde<T> serde = new AvroSerde<>(client, type);
        serde.configure(config, isKey);
        return serde;
    }

    @Override
    public void close() {
        client.close();
    }
}
