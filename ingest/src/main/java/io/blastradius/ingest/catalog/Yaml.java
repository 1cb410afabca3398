package io.blastradius.ingest.catalog;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.stream.Collectors;

/**
 * Reads the project's YAML files (worlds, scenarios) strictly: unknown fields are errors, so a
 * typo never silently drops a setting. Errors name the line, column and field path.
 */
public final class Yaml {
    private static final ObjectMapper MAPPER = JsonMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private Yaml() {
    }

    /** Binds {@code text} to {@code type}; throws {@link IllegalArgumentException} with a located, readable reason. */
    public static <T> T read(String text, Class<T> type) {
        return read(MAPPER, text, type);
    }

    /** The strict reader with extra Jackson modules (custom value types of a file format). */
    public static ObjectMapper mapper(Module... modules) {
        ObjectMapper m = MAPPER.copy();
        m.registerModules(modules);
        return m;
    }

    /** Binds {@code text} with {@code mapper} (from {@link #mapper}), with the same readable errors. */
    public static <T> T read(ObjectMapper mapper, String text, Class<T> type) {
        try {
            T value = mapper.readValue(text, type);
            if (value == null) {
                throw new IllegalArgumentException("the file is empty");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : " (known fields: "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")) + ")";
            throw new IllegalArgumentException(where(e) + "unknown field '" + e.getPropertyName() + "'" + known, e);
        } catch (JsonMappingException e) {
            Throwable cause = e.getCause();
            String reason = cause instanceof IllegalArgumentException ? cause.getMessage() : firstLine(e.getOriginalMessage());
            throw new IllegalArgumentException(where(e) + reason, e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where(e) + "not valid YAML: " + firstLine(e.getOriginalMessage()), e);
        }
    }

    private static String where(JsonProcessingException e) {
        StringBuilder sb = new StringBuilder();
        JsonLocation loc = e.getLocation();
        if (loc != null && loc.getLineNr() > 0) {
            sb.append("line ").append(loc.getLineNr()).append(", column ").append(loc.getColumnNr()).append(": ");
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    path.append('[').append(r.getIndex()).append(']');
                }
            }
            sb.append(path).append(": ");
        }
        return sb.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
