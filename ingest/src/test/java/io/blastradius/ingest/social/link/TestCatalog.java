package io.blastradius.ingest.social.link;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blastradius.schemas.ServiceInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The 313-service catalog the labelled set and the benchmark use ({@code social/catalog.jsonl}). */
public final class TestCatalog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestCatalog() {
    }

    public static List<ServiceInfo> services() {
        List<ServiceInfo> out = new ArrayList<>();
        for (JsonNode n : jsonLines("/social/catalog.jsonl")) {
            out.add(ServiceInfo.newBuilder()
                    .setService(n.get("service").asText())
                    .setName(n.get("name").asText())
                    .setCategory(n.path("category").asText(null))
                    .setAliases(strings(n.get("aliases")))
                    .setEndpoints(strings(n.get("endpoints")))
                    .setUpdatedAt(Instant.EPOCH)
                    .build());
        }
        return out;
    }

    static List<JsonNode> jsonLines(String resource) {
        try (InputStream in = TestCatalog.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            List<JsonNode> out = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(v -> out.add(v.asText()));
        }
        return out;
    }
}
