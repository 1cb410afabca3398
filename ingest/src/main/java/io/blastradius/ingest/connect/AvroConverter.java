package io.blastradius.ingest.connect;

import io.blastradius.schemas.registry.SchemaRegistryClient;
import io.blastradius.schemas.registry.SchemaRegistryClients;
import io.blastradius.schemas.registry.SchemaRegistryException;
import io.blastradius.schemas.serde.AvroDeserializer;
import io.blastradius.schemas.serde.AvroSerdeConfig;
import io.blastradius.schemas.serde.AvroSerializer;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.storage.Converter;

/**
 * A Connect {@link Converter} that writes blastradius records as Confluent-framed Avro through the
 * project's serde and registry client, so topics written by connectors read like any other.
 *
 * <pre>
 * value.converter=io.blastradius.ingest.connect.AvroConverter
 * value.converter.schema.registry.url=http://127.0.0.1:8081/apis/ccompat/v7
 * </pre>
 *
 * Every key of {@link AvroSerdeConfig} works under the converter prefix (subject name strategy,
 * auto-registration, basic auth...). {@link #fromConnectData} takes a Struct named after a generated
 * record (see {@link AvroConnectData}) and writes exactly that generated type, or takes an Avro
 * record as it is; {@link #toConnectData} reads any Confluent-framed Avro record into a Struct.
 *
 * <p>A registry that stays unreachable (or answers 5xx) after the client's own retries gives a
 * {@link RetriableException}, which Connect retries for the connector's {@code errors.retry.timeout};
 * anything wrong with the data itself gives a {@link DataException}.
 */
public class AvroConverter implements Converter {
    private final AvroConnectData data = new AvroConnectData();
    private SchemaRegistryClient client;
    private boolean ownsClient;
    private AvroSerializer<Object> serializer;
    private AvroDeserializer<GenericRecord> deserializer;

    /** For Connect, which instantiates converters by class name. */
    public AvroConverter() {
    }

    /** Over an existing client (tests, or an embedding that shares one); {@link #configure} still follows. */
    public AvroConverter(SchemaRegistryClient client) {
        this.client = client;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Map<String, Object> serdeConfigs = new HashMap<>(configs);
        serdeConfigs.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, false); // toConnectData works on any record
        if (client == null) {
            client = SchemaRegistryClients.create(new AvroSerdeConfig(serdeConfigs).clientSettings());
            ownsClient = true;
        }
        serializer = new AvroSerializer<>(client);
        serializer.configure(serdeConfigs, isKey);
        deserializer = new AvroDeserializer<>(client, null);
        deserializer.configure(serdeConfigs, isKey);
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        if (value == null) {
            return null; // tombstones stay tombstones
        }
        if (serializer == null) {
            throw new IllegalStateException("AvroConverter used before configure()");
        }
        Object record = AvroConnectData.isAvro(value) ? value : data.toAvro(schema, value);
        try {
            return serializer.serialize(topic, record);
        } catch (SerializationException e) {
            String message = "cannot write a " + (schema == null ? value.getClass().getName() : schema.name())
                    + " to topic '" + topic + "': " + e.getMessage();
            if (registryUnavailable(e)) {
                // Connect retries these for errors.retry.timeout instead of failing the task.
                throw new RetriableException(message, e);
            }
            throw new DataException(message, e);
        }
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        if (value == null) {
            return SchemaAndValue.NULL;
        }
        if (deserializer == null) {
            throw new IllegalStateException("AvroConverter used before configure()");
        }
        GenericRecord record;
        try {
            record = deserializer.deserialize(topic, value);
        } catch (SerializationException e) {
            if (registryUnavailable(e)) {
                throw new RetriableException(e.getMessage(), e);
            }
            throw new DataException(e.getMessage(), e);
        }
        Struct struct = data.toConnect(record);
        return new SchemaAndValue(struct.schema(), struct);
    }

    /** True when the registry could not be reached or answered 5xx/408/429 after the client's own retries. */
    private static boolean registryUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SchemaRegistryException registry) {
                return registry.retriable();
            }
        }
        return false;
    }

    @Override
    public String version() {
        return IngestSourceConnector.VERSION;
    }

    @Override
    public ConfigDef config() {
        return AvroSerdeConfig.configDef();
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }
}
