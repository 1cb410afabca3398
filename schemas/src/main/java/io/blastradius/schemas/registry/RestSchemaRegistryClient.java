package io.blastradius.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SchemaRegistryClient} over the Confluent REST API (works with Confluent Schema Registry,
 * Apicurio's {@code /apis/ccompat/v7}, Karapace and Redpanda).
 *
 * <p>Ids and {@code (subject, schema) -> id} pairs are cached, so a serde talks to the registry once per
 * schema. Connection errors and 5xx answers are retried with exponential backoff and jitter, moving
 * to the next URL each time; 4xx answers fail at once with the registry's error code. Every call is
 * bounded by the request timeout, so nothing hangs.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {
    private static final Logger log = LoggerFactory.getLogger(RestSchemaRegistryClient.class);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT =
            "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryClientSettings settings;
    private final HttpClient http;
    private final String authorization;
    private final AtomicInteger urlIndex = new AtomicInteger();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();

    private record SubjectSchema(String subject, Schema schema) {}

    public RestSchemaRegistryClient(RegistryClientSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.authorization = settings.basicAuthUserInfo() == null || settings.basicAuthUserInfo().isBlank()
                ? null
                : "Basic " + Base64.getEncoder().encodeToString(settings.basicAuthUserInfo().getBytes(StandardCharsets.UTF_8));
    }

    public RegistryClientSettings settings() {
        return settings;
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        int id = requiredInt(answer, "id");
        remember(key, id, schema);
        return id;
    }

    @Override
    public int getId(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = call("POST", "/subjects/" + encode(subject), schemaBody(schema));
        int id = requiredInt(answer, "id");
        remember(key, id, schema);
        return id;
    }

    @Override
    public Schema getSchemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = call("GET", "/schemas/ids/" + id, null);
        Schema schema = parse(answer, "schema id " + id);
        schemasById.putIfAbsent(id, schema);
        return schema;
    }

    @Override
    public RegisteredSchema getLatest(String subject) {
        return registered(call("GET", "/subjects/" + encode(subject) + "/versions/latest", null), subject);
    }

    @Override
    public RegisteredSchema getVersion(String subject, int version) {
        return registered(call("GET", "/subjects/" + encode(subject) + "/versions/" + version, null), subject);
    }

    @Override
    public List<Integer> getVersions(String subject) {
        List<Integer> versions = new ArrayList<>();
        call("GET", "/subjects/" + encode(subject) + "/versions", null).forEach(v -> versions.add(v.asInt()));
        return versions;
    }

    @Override
    public List<String> getSubjects() {
        List<String> subjects = new ArrayList<>();
        call("GET", "/subjects", null).forEach(v -> subjects.add(v.asText()));
        return subjects;
    }

    @Override
    public boolean testCompatibility(String subject, Schema schema) {
        try {
            JsonNode answer = call("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest",
                    schemaBody(schema));
            return answer.path("is_compatible").asBoolean(false);
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
                    || e.errorCode() == SchemaRegistryException.VERSION_NOT_FOUND) {
                return true; // nothing to be incompatible with
            }
            throw e;
        }
    }

    @Override
    public CompatibilityLevel getCompatibility(String subject) {
        String path = subject == null ? "/config" : "/config/" + encode(subject) + "?defaultToGlobal=true";
        JsonNode answer = call("GET", path, null);
        JsonNode level = answer.has("compatibilityLevel") ? answer.get("compatibilityLevel") : answer.get("compatibility");
        if (level == null) {
            throw new SchemaRegistryException("registry answered " + path + " without a compatibility level: " + answer,
                    200, 0);
        }
        return CompatibilityLevel.parse(level.asText());
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        ObjectNode body = JSON.createObjectNode().put("compatibility", level.name());
        call("PUT", subject == null ? "/config" : "/config/" + encode(subject), body);
    }

    @Override
    public List<Integer> deleteSubject(String subject, boolean permanent) {
        List<Integer> versions = new ArrayList<>();
        call("DELETE", "/subjects/" + encode(subject) + (permanent ? "?permanent=true" : ""), null)
                .forEach(v -> versions.add(v.asInt()));
        idsBySubjectSchema.keySet().removeIf(k -> k.subject().equals(subject));
        return versions;
    }

    @Override
    public void close() {
        // java.net.http.HttpClient has no close() on Java 17; its threads are daemons.
    }

    private void remember(SubjectSchema key, int id, Schema schema) {
        if (idsBySubjectSchema.size() >= settings.cacheCapacity() * 10) {
            idsBySubjectSchema.clear(); // a runaway producer of distinct schemas must not exhaust the heap
        }
        idsBySubjectSchema.put(key, id);
        schemasById.putIfAbsent(id, schema);
    }

    private static ObjectNode schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).put("schemaType", "AVRO");
    }

    private static RegisteredSchema registered(JsonNode answer, String subject) {
        Schema schema = parse(answer, "subject " + subject);
        return new RegisteredSchema(answer.path("subject").asText(subject), requiredInt(answer, "id"),
                requiredInt(answer, "version"), schema);
    }

    private static Schema parse(JsonNode answer, String what) {
        JsonNode text = answer.get("schema");
        if (text == null || !text.isTextual()) {
            throw new SchemaRegistryException("registry answer for " + what + " has no schema: " + abbreviate(answer.toString()),
                    200, 0);
        }
        String type = answer.path("schemaType").asText("AVRO");
        if (!"AVRO".equalsIgnoreCase(type)) {
            throw new SchemaRegistryException(what + " is a " + type + " schema; only AVRO is supported", 200, 0);
        }
        try {
            return new Schema.Parser().parse(text.asText());
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException("registry returned an unparseable schema for " + what + ": " + e.getMessage(),
                    200, SchemaRegistryException.INVALID_SCHEMA, e);
        }
    }

    private static int requiredInt(JsonNode answer, String field) {
        JsonNode value = answer.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new SchemaRegistryException("registry answer lacks '" + field + "': " + abbreviate(answer.toString()), 200, 0);
        }
        return value.asInt();
    }

    private JsonNode call(String method, String path, JsonNode body) {
        int attempts = settings.maxRetries() + 1;
        SchemaRegistryException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            URI base = settings.urls().get(Math.floorMod(urlIndex.get(), settings.urls().size()));
            try {
                return once(method, base, path, body);
            } catch (SchemaRegistryException e) {
                if (!e.retriable()) {
                    throw e;
                }
                last = e;
                urlIndex.incrementAndGet(); // fail over to the next URL
                if (attempt < attempts) {
                    long sleep = backoffMillis(attempt);
                    log.warn("schema registry {} {}{} failed ({}); retry {}/{} in {} ms", method, base, path,
                            e.getMessage(), attempt, settings.maxRetries(), sleep);
                    sleep(sleep);
                }
            }
        }
        throw new SchemaRegistryException(method + " " + path + " failed after " + attempts + " attempt(s) against "
                + settings.urls() + ": " + last.getMessage(), last.httpStatus(), last.errorCode(), last);
    }

    private JsonNode once(String method, URI base, String path, JsonNode body) {
        URI uri = URI.create(base + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Accept", ACCEPT);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SchemaRegistryException("cannot reach schema registry at " + base + ": " + e, 
                    SchemaRegistryException.NO_RESPONSE, SchemaRegistryException.NO_RESPONSE, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("interrupted while calling schema registry at " + base,
                    SchemaRegistryException.NO_RESPONSE, SchemaRegistryException.NO_RESPONSE, e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            try {
                return response.body() == null || response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            } catch (IOException e) {
                throw new SchemaRegistryException("registry at " + base + " answered " + method + " " + path
                        + " with non-JSON: " + abbreviate(response.body()), status, status, e);
            }
        }
        throw error(method, uri, status, response.body());
    }

    private static SchemaRegistryException error(String method, URI uri, int status, String body) {
        int code = status;
        String message = body == null ? "" : body;
        try {
            JsonNode json = JSON.readTree(body);
            if (json != null && json.has("error_code")) {
                code = json.get("error_code").asInt(status);
                message = json.path("message").asText(message);
            }
        } catch (IOException | RuntimeException ignored) {
            // not JSON (a proxy's HTML page, say); keep the raw text
        }
        return new SchemaRegistryException(method + " " + uri + " -> HTTP " + status + " (error " + code + "): "
                + abbreviate(message), status, code);
    }

    private long backoffMillis(int attempt) {
        long base = settings.retryBackoff().toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, settings.maxRetryBackoff().toMillis());
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("interrupted while backing off", SchemaRegistryException.NO_RESPONSE,
                    SchemaRegistryException.NO_RESPONSE, e);
        }
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

}
