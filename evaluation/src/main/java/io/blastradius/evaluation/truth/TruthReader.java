package io.blastradius.evaluation.truth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blastradius.evaluation.truth.GroundTruth.Chatter;
import io.blastradius.evaluation.truth.GroundTruth.ServiceIncident;
import io.blastradius.evaluation.truth.GroundTruth.VantageIncident;
import io.blastradius.evaluation.truth.TrueOutage.HitService;
import io.blastradius.evaluation.truth.TrueOutage.Interval;
import io.blastradius.evaluation.truth.TrueOutage.Phase;
import io.blastradius.schemas.scope.ScopeId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reads {@code truth.json} ({@code docs/truth-format.md}). Unknown fields are ignored, as the format
 * promises; anything the scoring relies on is checked, and a violation is reported with the file and
 * the JSON path of the offending field rather than surfacing later as a wrong score.
 */
public final class TruthReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;

    private TruthReader(String source) {
        this.source = source;
    }

    public static GroundTruth read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** Reads a truth document from {@code in}; {@code source} names it in error messages. */
    public static GroundTruth read(InputStream in, String source) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new TruthFormatException(source + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new TruthFormatException(source + ": expected a JSON object at the top level");
        }
        try {
            return new TruthReader(source).truth(root);
        } catch (UncheckedTruthFormat e) {
            throw (TruthFormatException) e.getCause();
        }
    }

    private GroundTruth truth(JsonNode root) {
        Instant start = instant(root, "start", "$", true);
        Instant end = instant(root, "end", "$", true);
        if (end.isBefore(start)) {
            throw error("$.end", "ends before it starts (" + start + " > " + end + ")");
        }
        List<TrueOutage> outages = list(root, "outages", "$", this::outage);
        Set<String> ids = new HashSet<>();
        for (TrueOutage outage : outages) {
            if (!ids.add(outage.id())) {
                throw error("$.outages", "outage id '" + outage.id() + "' appears twice");
            }
        }
        JsonNode seed = root.get("seed");
        return new GroundTruth(
                text(root, "scenario", "$", true),
                text(root, "world", "$", false),
                seed == null || seed.isNull() ? null : seed.asLong(),
                start, end, outages,
                list(root, "serviceIncidents", "$", (n, p) -> new ServiceIncident(
                        text(n, "service", p, true), instant(n, "from", p, true), instant(n, "until", p, true),
                        text(n, "cause", p, false))),
                list(root, "vantageIncidents", "$", (n, p) -> new VantageIncident(
                        text(n, "vantage", p, true), instant(n, "from", p, true), instant(n, "until", p, true))),
                list(root, "chatter", "$", (n, p) -> new Chatter(
                        text(n, "provider", p, true), instant(n, "from", p, true), instant(n, "until", p, true),
                        text(n, "topic", p, false))));
    }

    private TrueOutage outage(JsonNode node, String path) {
        ScopeId scope = scope(node, "scope", path);
        Instant onset = instant(node, "onset", path, true);
        Instant end = instant(node, "end", path, true);
        if (end.isBefore(onset)) {
            throw error(path + ".end", "outage ends before its onset");
        }
        List<Phase> phases = list(node, "phases", path, (n, p) -> {
            ScopeId phaseScope = scope(n, "scope", p);
            if (!scope.contains(phaseScope)) {
                throw error(p + ".scope", "phase scope " + phaseScope + " is not contained in the outage scope " + scope);
            }
            return new Phase(phaseScope, instant(n, "from", p, true), instant(n, "until", p, true));
        });
        List<HitService> hit = list(node, "hit", path, (n, p) -> {
            List<String> servicePath = new ArrayList<>();
            JsonNode pathNode = n.get("path");
            if (pathNode != null && pathNode.isArray()) {
                pathNode.forEach(step -> servicePath.add(step.asText()));
            }
            Instant until = instant(n, "until", p, false);
            List<Interval> intervals = list(n, "intervals", p, (i, ip) -> {
                Instant from = instant(i, "from", ip, true);
                Instant to = instant(i, "until", ip, true);
                if (to.isBefore(from)) {
                    throw error(ip + ".until", "interval ends before it starts");
                }
                return new Interval(from, to);
            });
            return new HitService(text(n, "service", p, true), instant(n, "from", p, true), until == null ? end : until,
                    servicePath, intervals);
        });
        return new TrueOutage(text(node, "id", path, true), scope, onset, instant(node, "acknowledged", path, false),
                end, phases, hit);
    }

    private <T> List<T> list(JsonNode parent, String field, String path, BiFunction<JsonNode, String, T> element) {
        JsonNode array = parent.get(field);
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw error(path + "." + field, "expected an array");
        }
        List<T> result = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String elementPath = path + "." + field + "[" + i + "]";
            if (!array.get(i).isObject()) {
                throw error(elementPath, "expected an object");
            }
            result.add(element.apply(array.get(i), elementPath));
        }
        return result;
    }

    private String text(JsonNode node, String field, String path, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw error(path + "." + field, "is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw error(path + "." + field, "expected a string");
        }
        return value.asText();
    }

    private Instant instant(JsonNode node, String field, String path, boolean required) {
        String text = text(node, field, path, required);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw error(path + "." + field, "'" + text + "' is not an ISO-8601 UTC instant (2025-10-20T06:48:00Z)");
        }
    }

    private ScopeId scope(JsonNode node, String field, String path) {
        String text = text(node, field, path, true);
        try {
            return ScopeId.parse(text);
        } catch (IllegalArgumentException e) {
            throw error(path + "." + field, e.getMessage());
        }
    }

    private UncheckedTruthFormat error(String path, String message) {
        return new UncheckedTruthFormat(new TruthFormatException(source + ": " + path + ": " + message));
    }

    /** Carries a format error out of the element lambdas; unwrapped at the public entry point. */
    private static final class UncheckedTruthFormat extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UncheckedTruthFormat(TruthFormatException cause) {
            super(cause);
        }
    }
}
