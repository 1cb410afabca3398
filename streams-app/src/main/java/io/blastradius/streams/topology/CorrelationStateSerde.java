package io.blastradius.streams.topology;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blastradius.streams.correlation.CorrelationState;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON encoding of the correlation stage's state. It is written once per closed minute of event
 * time (not per input record), so readability of the changelog wins over compactness here; unknown
 * fields are ignored so the state can gain fields across versions.
 */
final class CorrelationStateSerde {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, Visibility.ANY)
            .setVisibility(PropertyAccessor.CREATOR, Visibility.ANY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private CorrelationStateSerde() {
    }

    static Serde<CorrelationState> serde() {
        Serializer<CorrelationState> ser = (topic, state) -> {
            if (state == null) {
                return null;
            }
            try {
                return MAPPER.writeValueAsBytes(state);
            } catch (IOException e) {
                throw new SerializationException("cannot encode correlation state: " + e, e);
            }
        };
        Deserializer<CorrelationState> de = (topic, data) -> {
            if (data == null) {
                return null;
            }
            try {
                return MAPPER.readValue(data, CorrelationState.class);
            } catch (IOException e) {
                throw new SerializationException("cannot decode correlation state: " + e, e);
            }
        };
        return Serdes.serdeFrom(ser, de);
    }
}
