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
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
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
 * schema. A connection error, a timeout, a 5xx, 408 or 429 answer moves to the next URL; when every
 * URL failed, the round is retried after an exponential backoff with jitter, up to {@code maxRetries}
 * times. Other 4xx answers (409 incompatible, 422 invalid) fail at once with the registry's error
 * code and message. Every exchange is bounded by connect + request timeout, so nothing hangs.
 * Credentials come from the settings or from the URL's user info, and never appear in logs or errors.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {
    private static final Logger log = LoggerFactory.getLogger(RestSchemaRegistryClient.class);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT =
            "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryClientSettings settings;
    private final HttpClient http;
    private final List<Endpoint> endpoints;
    private final AtomicInteger preferred = new AtomicInteger();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();

    private record SubjectSchema(String subject, Schema schema) {}

    /**
     * One registry URL without its user info, and the Authorization header to send there: the
     * configured credentials, else those written in the URL. {@link #base} is safe to log.
     */
    private record Endpoint(String base, String authorization) {
        static Endpoint of(URI url, String configuredUserInfo) {
            String userInfo = configuredUserInfo != null && !configuredUserInfo.isBlank() ? configuredUserInfo
                    : url.getUserInfo(); // getUserInfo() decodes %40 and friends
            String base = withoutUserInfo(url).toString();
            String authorization = userInfo == null || userInfo.isEmpty() ? null
                    : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
            return new Endpoint(base, authorization);
        }

        private static URI withoutUserInfo(URI url) {
            try {
                return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), url.getQuery(), null);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("bad registry URL " + url.getHost() + url.getPath(), e);
            }
        }
    }

    public RestSchemaRegistryClient(RegistryClientSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade dance with registries and proxies
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.endpoints = settings.urls().stream().map(u -> Endpoint.of(u, settings.basicAuthUserInfo())).toList();
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
        JsonNode answer;
        try {
            answer = call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        } catch (SchemaRegistryException e) {
            if (e.httpStatus() != 409) {
                throw e;
            }
            // Apicurio answers 409 "artifact already exists" to the loser of two concurrent first
            // registrations of one schema (two connector tasks starting together): if the schema is
            // there now, that is success. A real incompatibility fails the lookup and is rethrown.
            try {
                return getId(subject, schema);
            } catch (SchemaRegistryException lookup) {
                e.addSuppressed(lookup);
                throw e;
            }
        }
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
        int rounds = settings.maxRetries() + 1;
        SchemaRegistryException last = null;
        for (int round = 1; round <= rounds; round++) {
            // Each round tries every URL once, starting with the one that last worked, so a dead
            // registry node costs a failover rather than a retry with backoff.
            for (int i = 0; i < endpoints.size(); i++) {
                int index = Math.floorMod(preferred.get(), endpoints.size());
                Endpoint endpoint = endpoints.get(index);
                try {
                    return once(method, endpoint, path, body);
                } catch (SchemaRegistryException e) {
                    if (!e.retriable() || Thread.currentThread().isInterrupted()) {
                        throw e;
                    }
                    last = e;
                    preferred.compareAndSet(index, index + 1);
                    log.warn("schema registry {} {}{} failed: {}", method, endpoint.base(), path, e.getMessage());
                }
            }
            if (round < rounds) {
                long sleep = backoffMillis(round);
                log.warn("schema registry {} {} failed on every URL; retry {}/{} in {} ms", method, path, round,
                        settings.maxRetries(), sleep);
                sleep(sleep);
            }
        }
        throw new SchemaRegistryException(method + " " + path + " failed after " + rounds + " round(s) over "
                + endpoints.stream().map(Endpoint::base).toList() + ": " + last.getMessage(), last.httpStatus(),
                last.errorCode(), last);
    }

    private JsonNode once(String method, Endpoint endpoint, String path, JsonNode body) {
        URI uri = URI.create(endpoint.base() + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Accept", ACCEPT);
        if (endpoint.authorization() != null) {
            request.header("Authorization", endpoint.authorization());
        }
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = send(request.build(), endpoint);
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            try {
                return response.body() == null || response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            } catch (IOException e) {
                throw new SchemaRegistryException("registry at " + endpoint.base() + " answered " + method + " " + path
                        + " with non-JSON: " + abbreviate(response.body()), status, status, e);
            }
        }
        throw error(method, endpoint.base() + path, status, response.body());
    }

    /**
     * Sends with a bound on the whole exchange. {@link HttpRequest#timeout} only covers the wait for
     * the response headers; a server that sends headers and then stalls the body would otherwise
     * hang the caller (a producer's send, a Streams thread) forever.
     */
    private HttpResponse<String> send(HttpRequest request, Endpoint endpoint) {
        CompletableFuture<HttpResponse<String>> future =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        long timeoutMillis = settings.connectTimeout().plus(settings.requestTimeout()).toMillis();
        try {
            return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new SchemaRegistryException("schema registry at " + endpoint.base() + " did not answer "
                    + request.method() + " " + request.uri().getRawPath() + " within " + timeoutMillis + " ms",
                    SchemaRegistryException.NO_RESPONSE, SchemaRegistryException.NO_RESPONSE, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String what = cause instanceof HttpTimeoutException ? "did not answer within "
                    + settings.requestTimeout().toMillis() + " ms" : "cannot be reached";
            throw new SchemaRegistryException("schema registry at " + endpoint.base() + " " + what + " ("
                    + request.method() + " " + request.uri().getRawPath() + "): " + cause,
                    SchemaRegistryException.NO_RESPONSE, SchemaRegistryException.NO_RESPONSE, cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("interrupted while calling schema registry at " + endpoint.base(),
                    SchemaRegistryException.NO_RESPONSE, SchemaRegistryException.NO_RESPONSE, e);
        }
    }

    private static SchemaRegistryException error(String method, String where, int status, String body) {
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
        return new SchemaRegistryException(method + " " + where + " -> HTTP " + status + " (error " + code + "): "
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
