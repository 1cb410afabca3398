package io.blastradius.testsupport.registry;

import io.blastradius.embedded.registry.EmbeddedRegistry;
import io.blastradius.embedded.registry.RegistryDistribution;
import io.blastradius.embedded.registry.RegistrySettings;
import io.blastradius.schemas.serde.AvroSerdeConfig;
import io.blastradius.schemas.serde.AvroSerdes;
import io.blastradius.testsupport.TempDirectories;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real schema registry (Apicurio, as a child process on loopback) for one test class, on a
 * fresh data directory removed afterwards. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RegistryExtension REGISTRY = new RegistryExtension();
 * ...
 * AvroSerdes serdes = REGISTRY.serdes();      // closed after the class
 * Deserializer<ProbeResult> read = REGISTRY.valueDeserializer(ProbeResult.class);
 * String url = REGISTRY.url();                // http://127.0.0.1:<port>/apis/ccompat/v7
 * }</pre>
 *
 * Subjects follow topic names, so tests that use unique topics ({@code KafkaTestContext}) never
 * collide in the registry either.
 */
public final class RegistryExtension implements BeforeAllCallback, AfterAllCallback {
    private final List<AvroSerdes> serdes = new ArrayList<>();
    private AvroSerdes readers;
    private Path dataDir;
    private EmbeddedRegistry registry;

    @Override
    public void beforeAll(ExtensionContext context) {
        dataDir = TempDirectories.create("blastradius-registry-");
        registry = EmbeddedRegistry.start(RegistrySettings.of(RegistryDistribution.locate(), dataDir));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            serdes.forEach(AvroSerdes::close);
            serdes.clear();
            readers = null;
            if (registry != null) {
                registry.close();
            }
        } finally {
            registry = null;
            TempDirectories.delete(dataDir);
        }
    }

    /** The Confluent-compatible API, for {@code schema.registry.url}. */
    public String url() {
        return running().confluentApiUrl();
    }

    /** {@code schema.registry.url} plus {@code extra}: the config of a serde talking to this registry. */
    public Map<String, Object> serdeConfig(Map<String, ?> extra) {
        Map<String, Object> config = new HashMap<>(extra);
        config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url());
        return config;
    }

    public Map<String, Object> serdeConfig() {
        return serdeConfig(Map.of());
    }

    /** Serdes on this registry, closed after the class. */
    public AvroSerdes serdes() {
        return serdes(Map.of());
    }

    public AvroSerdes serdes(Map<String, ?> extraConfig) {
        AvroSerdes made = new AvroSerdes(serdeConfig(extraConfig));
        serdes.add(made);
        return made;
    }

    /**
     * A deserializer of record values of {@code type} on this registry, e.g. to read what a
     * connector wrote. Deserializers share one registry client, closed after the class.
     */
    public synchronized <T extends SpecificRecord> Deserializer<T> valueDeserializer(Class<T> type) {
        if (readers == null) {
            readers = serdes();
        }
        return readers.value(type).deserializer();
    }

    /**
     * Stops the registry and starts it again on the same data directory and port, as an operator
     * restart would: clients keep their URL, the registry keeps its subjects and ids.
     */
    public void restart() {
        EmbeddedRegistry old = running();
        RegistrySettings settings = old.settings().withPort(old.port());
        old.close();
        registry = EmbeddedRegistry.start(settings);
    }

    /** The running registry process. */
    public EmbeddedRegistry registry() {
        return running();
    }

    private EmbeddedRegistry running() {
        if (registry == null) {
            throw new IllegalStateException("no registry: register RegistryExtension on a static field");
        }
        return registry;
    }
}
