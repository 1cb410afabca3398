package io.blastradius.ingest.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** JSON reading shared by the feed parsers: strict about the document, lenient about field types. */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            // "{...}garbage" is a broken payload, not a valid one with noise after it
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(200).maxStringLength(20_000_000).build());
    }

    private Json() {
    }

    /** Parses a whole document; a truncated or malformed one is a {@link FeedFormatException}. */
    public static JsonNode read(String payload, String feed) throws FeedFormatException {
        try {
            JsonNode node = MAPPER.readTree(payload);
            if (node == null || node.isMissingNode()) {
                throw new FeedFormatException(feed + ": empty document");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new FeedFormatException(feed + ": not valid JSON (" + e.getOriginalMessage() + " at line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr()) + ")", e);
        }
    }

    /** The text of a field, or null when missing, null or empty. Numbers and booleans come back as text. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        String s = v.asText();
        return s.isEmpty() ? null : s;
    }

    /** An array field, or an empty array node when missing or not an array. */
    public static JsonNode array(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isArray() ? v : MAPPER.createArrayNode();
    }

    /** Compact text of a node, capped, for dead letters and logs. */
    public static String snippet(JsonNode node, int max) {
        String s = node == null ? "null" : node.toString();
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
