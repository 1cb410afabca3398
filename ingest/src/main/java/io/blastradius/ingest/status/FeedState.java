package io.blastradius.ingest.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a feed source must remember across polls and restarts, kept as its Connect source offset:
 * the fingerprints of emitted items ({@link SeenSet}), the newest change seen (the end of the
 * look-back window) and, for feeds that list only current incidents, the incidents open at the last
 * poll (so that one missing from the next valid payload is reported as resolved, also across a
 * restart).
 */
public final class FeedState {
    static final String VERSION = "v";
    static final String SEEN = "seen";
    static final String OPEN = "open";
    static final String ANCHOR = "anchor";
    private static final int CURRENT_VERSION = 1;
    private static final int MAX_OPEN = 500;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SeenSet seen;
    private Map<String, OpenIncident> open;
    private Instant anchor;

    private FeedState(SeenSet seen, Map<String, OpenIncident> open, Instant anchor) {
        this.seen = seen;
        this.open = open;
        this.anchor = anchor;
    }

    public static FeedState empty(int maxSeen) {
        return new FeedState(new SeenSet(maxSeen), null, null);
    }

    /** Restores the state from a source offset; throws {@link IllegalArgumentException} when it is unreadable. */
    public static FeedState fromOffset(Map<String, ?> offset, int maxSeen) {
        if (offset == null || offset.isEmpty()) {
            return empty(maxSeen);
        }
        Object version = offset.get(VERSION);
        if (version == null || ((Number) version).intValue() != CURRENT_VERSION) {
            throw new IllegalArgumentException("offset version " + version + " is not " + CURRENT_VERSION);
        }
        SeenSet seen = SeenSet.decode((String) offset.get(SEEN), maxSeen);
        Object openText = offset.get(OPEN);
        Map<String, OpenIncident> open = openText == null ? null : decodeOpen((String) openText);
        Object anchor = offset.get(ANCHOR);
        return new FeedState(seen, open, anchor == null ? null : Instant.ofEpochSecond(((Number) anchor).longValue()));
    }

    public SeenSet seen() {
        return seen;
    }

    /** The incidents listed at the last poll, or null when this feed does not list current incidents only. */
    public Map<String, OpenIncident> open() {
        return open;
    }

    /**
     * The newest change this feed has shown (capped near the wall clock), or null before the first
     * item: the look-back window ends here, so a feed replayed or captured long ago reads the same
     * as a live one.
     */
    public Instant anchor() {
        return anchor;
    }

    public void advanceAnchor(Instant newest) {
        if (newest != null && (anchor == null || newest.isAfter(anchor))) {
            anchor = newest;
        }
    }

    public void replaceOpen(Collection<OpenIncident> incidents) {
        Map<String, OpenIncident> next = new LinkedHashMap<>();
        for (OpenIncident i : incidents) {
            if (next.size() >= MAX_OPEN) {
                break;
            }
            next.put(i.incidentId(), i);
        }
        open = next;
    }

    /** The state as a Connect source offset (strings and numbers only, as the offset converter needs). */
    public Map<String, Object> toOffset() {
        Map<String, Object> offset = new HashMap<>(4);
        offset.put(VERSION, CURRENT_VERSION);
        offset.put(SEEN, seen.encode());
        if (open != null) {
            offset.put(OPEN, encodeOpen(open.values()));
        }
        if (anchor != null) {
            offset.put(ANCHOR, anchor.getEpochSecond());
        }
        return offset;
    }

    private static String encodeOpen(Collection<OpenIncident> incidents) {
        ArrayNode list = MAPPER.createArrayNode();
        for (OpenIncident i : incidents) {
            ObjectNode n = list.addObject();
            n.put("id", i.incidentId());
            n.put("title", i.title() == null ? null : PlainText.of(i.title(), 300));
            n.put("url", i.url());
            ArrayNode subjects = n.putArray("subjects");
            i.subjects().forEach(s -> subjects.add(s.id()));
        }
        return list.toString();
    }

    private static Map<String, OpenIncident> decodeOpen(String text) {
        try {
            Map<String, OpenIncident> open = new LinkedHashMap<>();
            for (JsonNode n : MAPPER.readTree(text)) {
                List<Subject> subjects = new ArrayList<>();
                for (JsonNode s : n.path("subjects")) {
                    subjects.add(Subject.parse(s.asText()));
                }
                String id = n.path("id").asText();
                open.put(id, new OpenIncident(id, n.path("title").isNull() ? null : n.path("title").asText(null),
                        n.path("url").isNull() ? null : n.path("url").asText(null), subjects));
            }
            return open;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable open incidents in offset: " + e.getOriginalMessage(), e);
        }
    }
}
