package io.blastradius.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;

/**
 * The Confluent Schema Registry REST API on a JDK {@link HttpServer} bound to 127.0.0.1 on a free
 * port, for unit tests of the client: the registry semantics are {@link InMemorySchemaRegistryClient}'s,
 * served over real HTTP with the registry's JSON and error codes. Every request is recorded, and
 * faults (an error answer, no answer, headers then a stalled body) can be queued for the next requests.
 */
final class ConfluentApiTestServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the server saw it. */
    record Request(String method, String path, String authorization, String contentType, String body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final String prefix;
    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Fault always;

    /** What to do instead of answering normally. */
    sealed interface Fault permits Status, Hang, StallBody {
    }

    record Status(int status, int errorCode, String message) implements Fault {
    }

    /** Accept the request and never answer. */
    record Hang() implements Fault {
    }

    /** Send 200 headers announcing a body, then never send it. */
    record StallBody() implements Fault {
    }

    ConfluentApiTestServer() throws IOException {
        this("");
    }

    /** @param prefix path the API is served under, e.g. {@code /apis/ccompat/v7} as Apicurio does */
    ConfluentApiTestServer(String prefix) throws IOException {
        this.prefix = prefix;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Base URL to configure the client with. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + prefix;
    }

    /** Base URL with user info, e.g. {@code http://user:pw@127.0.0.1:port}. */
    String url(String rawUserInfo) {
        return "http://" + rawUserInfo + "@127.0.0.1:" + server.getAddress().getPort() + prefix;
    }

    InMemorySchemaRegistryClient registry() {
        return registry;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    long count(String method, String pathStart) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathStart)).count();
    }

    synchronized void failNext(Fault... next) {
        faults.addAll(List.of(next));
    }

    void failAlways(Fault fault) {
        always = fault;
    }

    private synchronized Fault nextFault() {
        return always != null ? always : faults.poll();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(), path + (exchange.getRequestURI().getRawQuery() == null
                    ? "" : "?" + exchange.getRequestURI().getRawQuery()),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            Fault fault = nextFault();
            if (fault instanceof Hang) {
                awaitClose();
                return;
            }
            if (fault instanceof StallBody) {
                exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
                exchange.sendResponseHeaders(200, 1000);
                exchange.getResponseBody().write('{');
                exchange.getResponseBody().flush();
                awaitClose();
                return;
            }
            if (fault instanceof Status status) {
                send(exchange, status.status(), error(status.errorCode(), status.message()));
                return;
            }
            if (!path.startsWith(prefix)) {
                send(exchange, 404, error(404, "HTTP 404 Not Found"));
                return;
            }
            try {
                send(exchange, 200, route(exchange.getRequestMethod(), path.substring(prefix.length()),
                        exchange.getRequestURI().getRawQuery(), body));
            } catch (SchemaRegistryException e) {
                send(exchange, e.httpStatus(), error(e.errorCode(), e.getMessage()));
            }
        }
    }

    private void awaitClose() {
        try {
            closing.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private JsonNode route(String method, String path, String query, String body) throws IOException {
        String[] p = path.substring(1).split("/");
        if (p[0].equals("schemas") && p.length == 3 && p[1].equals("ids") && method.equals("GET")) {
            return JSON.createObjectNode().put("schema", registry.getSchemaById(Integer.parseInt(p[2])).toString());
        }
        if (p[0].equals("subjects")) {
            if (p.length == 1) {
                return array(registry.getSubjects());
            }
            String subject = URLDecoder.decode(p[1], StandardCharsets.UTF_8);
            if (p.length == 2 && method.equals("POST")) {
                Schema schema = schemaOf(body);
                int id = registry.getId(subject, schema);
                int version = registry.getVersions(subject).stream()
                        .filter(v -> registry.getVersion(subject, v).id() == id).findFirst().orElseThrow();
                return registered(registry.getVersion(subject, version));
            }
            if (p.length == 2 && method.equals("DELETE")) {
                return array(registry.deleteSubject(subject, query != null && query.contains("permanent=true")));
            }
            if (p.length == 3 && method.equals("POST")) {
                return JSON.createObjectNode().put("id", registry.register(subject, schemaOf(body)));
            }
            if (p.length == 3) {
                return array(registry.getVersions(subject));
            }
            if (p.length == 4) {
                return registered(p[3].equals("latest") ? registry.getLatest(subject)
                        : registry.getVersion(subject, Integer.parseInt(p[3])));
            }
        }
        if (p[0].equals("compatibility") && p.length == 5) {
            String subject = URLDecoder.decode(p[2], StandardCharsets.UTF_8);
            registry.getLatest(subject); // 40401 when there is nothing to compare with
            return JSON.createObjectNode().put("is_compatible", registry.testCompatibility(subject, schemaOf(body)));
        }
        if (p[0].equals("config")) {
            String subject = p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : null;
            if (method.equals("PUT")) {
                String level = JSON.readTree(body).get("compatibility").asText();
                registry.setCompatibility(subject, CompatibilityLevel.parse(level));
                return JSON.createObjectNode().put("compatibility", level);
            }
            return JSON.createObjectNode().put("compatibilityLevel", registry.getCompatibility(subject).name());
        }
        throw new SchemaRegistryException("HTTP 404 Not Found", 404, 404);
    }

    private static Schema schemaOf(String body) throws IOException {
        JsonNode json = JSON.readTree(body);
        try {
            return new Schema.Parser().parse(json.get("schema").asText());
        } catch (RuntimeException e) {
            throw new SchemaRegistryException("Invalid schema " + e.getMessage(), 422, SchemaRegistryException.INVALID_SCHEMA);
        }
    }

    private static ObjectNode registered(RegisteredSchema r) {
        return JSON.createObjectNode().put("subject", r.subject()).put("id", r.id()).put("version", r.version())
                .put("schema", r.schema().toString());
    }

    private static ArrayNode array(List<?> values) {
        ArrayNode array = JSON.createArrayNode();
        values.forEach(v -> array.add(JSON.valueToTree(v)));
        return array;
    }

    private static JsonNode error(int code, String message) {
        return JSON.createObjectNode().put("error_code", code).put("message", message);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
