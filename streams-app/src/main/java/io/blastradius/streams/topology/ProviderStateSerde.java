package io.blastradius.streams.topology;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blastradius.streams.correlation.ProviderState;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON encoding of the correlation stage's per-provider state. It is written only when a
 * provider's dependents change health (not per input record), so readability of the changelog wins
 * over compactness here; unknown fields are ignored so the state can gain fields across versions.
 */
final class ProviderStateSerde {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, Visibility.ANY)
            .setVisibility(PropertyAccessor.CREATOR, Visibility.ANY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ProviderStateSerde() {
    }

    static Serde<ProviderState> serde() {
        Serializer<ProviderState> ser = (topic, state) -> {
            if (state == null) {
                return null;
            }
            try {
                return MAPPER.writeValueAsBytes(state);
            } catch (IOException e) {
                throw new SerializationException("cannot encode provider state: " + e, e);
            }
        };
        Deserializer<ProviderState> de = (topic, data) -> {
            if (data == null) {
                return null;
            }
            try {
                return MAPPER.readValue(data, ProviderState.class);
            } catch (IOException e) {
                throw new SerializationException("cannot decode provider state: " + e, e);
            }
        };
        return Serdes.serdeFrom(ser, de);
    }
}
