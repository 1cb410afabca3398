package io.blastradius.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.registry.ConfluentApiTestServer.Hang;
import io.blastradius.schemas.registry.ConfluentApiTestServer.StallBody;
import io.blastradius.schemas.registry.ConfluentApiTestServer.Status;
import io.blastradius.schemas.serde.AvroSerdeConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RestSchemaRegistryClientTest {
    private static final Schema SCHEMA = StatusEvent.getClassSchema();
    private final ConfluentApiTestServer server = newServer("/apis/ccompat/v7");

    private static ConfluentApiTestServer newServer(String prefix) {
        try {
            return new ConfluentApiTestServer(prefix);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static RestSchemaRegistryClient client(String urls) {
        return new RestSchemaRegistryClient(RegistryClientSettings.of(urls)
                .withRetries(3, Duration.ofMillis(20), Duration.ofMillis(200))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)));
    }

    private static RestSchemaRegistryClient client(Map<String, Object> config) {
        return (RestSchemaRegistryClient) SchemaRegistryClients.create(new AvroSerdeConfig(config).clientSettings());
    }

    private static String basic(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void speaksTheConfluentApiUnderABasePath() {
        RestSchemaRegistryClient client = client(server.url());

        int id = client.register("status-value", SCHEMA);

        assertThat(client.getSchemaById(id)).isEqualTo(SCHEMA);
        assertThat(client.getLatest("status-value")).isEqualTo(new RegisteredSchema("status-value", id, 1, SCHEMA));
        assertThat(client.getVersions("status-value")).containsExactly(1);
        assertThat(client.getSubjects()).containsExactly("status-value");
        ConfluentApiTestServer.Request register = server.requests().get(0);
        assertThat(register.method()).isEqualTo("POST");
        assertThat(register.path()).isEqualTo("/apis/ccompat/v7/subjects/status-value/versions");
        assertThat(register.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(register.body()).contains("\"schemaType\":\"AVRO\"", "\"schema\":\"{\\\"type\\\":\\\"record\\\"");
    }

    @Test
    void retriesA5xxWithBackoffUntilTheRegistryRecovers() {
        server.failNext(new Status(503, 50301, "unavailable"), new Status(500, 50001, "store error"));
        RestSchemaRegistryClient client = client(server.url());

        long start = System.nanoTime();
        int id = client.register("status-value", SCHEMA);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(id).isPositive();
        assertThat(server.count("POST", "/apis/ccompat/v7/subjects/status-value/versions")).isEqualTo(3);
        // Backoff 20 ms then 40 ms, each at least half of that with jitter.
        assertThat(elapsedMs).isGreaterThanOrEqualTo(30);
    }

    @Test
    void givesUpAfterTheRetryBudgetWithTheRegistrysLastError() {
        server.failAlways(new Status(503, 50001, "backend store is down"));
        RestSchemaRegistryClient client = client(server.url());

        assertThatThrownBy(() -> client.register("status-value", SCHEMA))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(50001);
                    assertThat(e.httpStatus()).isEqualTo(503);
                })
                .hasMessageContaining("4 round(s)").hasMessageContaining("backend store is down");
        assertThat(server.requests()).hasSize(4);
    }

    @Test
    void retriesRateLimitingLikeAServerError() {
        server.failNext(new Status(429, 42901, "slow down"));
        assertThat(client(server.url()).register("status-value", SCHEMA)).isPositive();
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void failsOverToTheNextUrlOnConnectionErrorsAndStaysThere() throws IOException {
        String dead = "http://127.0.0.1:" + closedPort();
        RestSchemaRegistryClient client = client(dead + "," + server.url());

        int id = client.register("a-value", SCHEMA);
        client.getLatest("a-value");
        client.getLatest("a-value");

        assertThat(client.getSchemaById(id)).isEqualTo(SCHEMA);
        assertThat(server.requests()).hasSize(3); // the cached id -> schema made no call
    }

    @Test
    void failsOverFromANodeAnswering5xxWithoutSpendingRetries() throws IOException {
        try (ConfluentApiTestServer broken = newServer("")) {
            broken.failAlways(new Status(500, 50001, "broken node"));
            RestSchemaRegistryClient client = new RestSchemaRegistryClient(RegistryClientSettings.of(
                    broken.url() + "," + server.url()).withRetries(0, Duration.ofMillis(10), Duration.ofMillis(10)));

            client.register("a-value", SCHEMA);
            client.getLatest("a-value");

            assertThat(broken.requests()).hasSize(1);
            assertThat(server.requests()).hasSize(2);
        }
    }

    @Test
    void everyUrlDownIsAClearErrorNamingThem() throws IOException {
        String first = "http://127.0.0.1:" + closedPort();
        String second = "http://127.0.0.1:" + closedPort();
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(RegistryClientSettings.of(first + "," + second)
                .withRetries(1, Duration.ofMillis(10), Duration.ofMillis(10)));

        assertThatThrownBy(() -> client.getSchemaById(1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.retriable()).isTrue())
                .hasMessageContaining("2 round(s)").hasMessageContaining(first).hasMessageContaining(second)
                .hasMessageContaining("cannot be reached");
    }

    @Test
    void sendsBasicAuthFromBasicAuthUserInfo() {
        RestSchemaRegistryClient client = client(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, server.url(),
                AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                AvroSerdeConfig.BASIC_AUTH_USER_INFO, "alice:s3cret"));

        client.register("a-value", SCHEMA);

        assertThat(server.requests()).extracting(ConfluentApiTestServer.Request::authorization)
                .containsExactly(basic("alice:s3cret"));
    }

    @Test
    void sendsBasicAuthFromTheUrlsUserInfoDecodedAndNeverInTheUrl() {
        RestSchemaRegistryClient client = client(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                server.url("bob:p%40ss%3Aword"), AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "URL"));

        client.register("a-value", SCHEMA);

        assertThat(server.requests()).singleElement().satisfies(r -> {
            assertThat(r.authorization()).isEqualTo(basic("bob:p@ss:word"));
            assertThat(r.path()).doesNotContain("bob");
        });
    }

    @Test
    void takesTheUrlsUserInfoWhenNoUserInfoIsConfiguredAndPrefersTheConfiguredOne() {
        client(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, server.url("bob:pw"))).register("a-value", SCHEMA);
        client(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, server.url("bob:pw"),
                AvroSerdeConfig.BASIC_AUTH_USER_INFO, "alice:s3cret")).register("b-value", SCHEMA);

        assertThat(server.requests()).extracting(ConfluentApiTestServer.Request::authorization)
                .containsExactly(basic("bob:pw"), basic("alice:s3cret"));
    }

    @Test
    void keepsCredentialsOutOfErrorsAndSettings() {
        server.failAlways(new Status(500, 50001, "down"));
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(RegistryClientSettings.of(server.url("bob:topsecret"))
                .withRetries(0, Duration.ofMillis(1), Duration.ofMillis(1)));

        assertThatThrownBy(() -> client.register("a-value", SCHEMA)).message().doesNotContain("topsecret");
        assertThat(client.settings().toString()).doesNotContain("topsecret").contains("basicAuth=true");
    }

    @Test
    void aRegistryThatNeverAnswersIsAClearErrorWithinTheTimeout() {
        server.failAlways(new Hang());
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(RegistryClientSettings.of(server.url())
                .withRetries(1, Duration.ofMillis(10), Duration.ofMillis(10))
                .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(500)));

        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThatThrownBy(() -> client.getSchemaById(7))
                        .isInstanceOf(SchemaRegistryException.class)
                        .hasMessageContaining("did not answer").hasMessageContaining("2 round(s)"));
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void aRegistryThatStallsMidBodyIsAClearErrorWithinTheTimeout() {
        server.failAlways(new StallBody());
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(RegistryClientSettings.of(server.url())
                .withRetries(0, Duration.ofMillis(10), Duration.ofMillis(10))
                .withTimeouts(Duration.ofMillis(300), Duration.ofMillis(300)));

        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThatThrownBy(() -> client.getSchemaById(7))
                        .isInstanceOf(SchemaRegistryException.class).hasMessageContaining("did not answer"));
    }

    @Test
    void anIncompatibleSchemaFailsFastWithTheRegistrysMessage() {
        RestSchemaRegistryClient client = client(server.url());
        client.register("a-value", SCHEMA);
        Schema incompatible = SchemaBuilder.record("io.blastradius.schemas.StatusEvent").fields()
                .requiredLong("eventId").endRecord();

        assertThatThrownBy(() -> client.register("a-value", incompatible))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(409);
                    assertThat(e.retriable()).isFalse();
                })
                .hasMessageContaining("incompatible with an earlier schema");
        assertThat(server.count("POST", "/apis/ccompat/v7/subjects/a-value/versions")).isEqualTo(2);
    }

    @Test
    void aConflictOnRegisteringASchemaAnotherClientJustRegisteredReturnsItsId() {
        RestSchemaRegistryClient other = client(server.url());
        int id = other.register("race-value", SCHEMA);
        // Apicurio's answer to the loser of two concurrent first registrations of one schema
        server.failNext(new Status(409, 409, "An artifact with ID 'race-value' in group 'null' already exists."));

        assertThat(client(server.url()).register("race-value", SCHEMA)).isEqualTo(id);
        // two registrations, then one lookup (POST /subjects/race-value) that found it
        assertThat(server.count("POST", "/apis/ccompat/v7/subjects/race-value/versions")).isEqualTo(2);
        assertThat(server.count("POST", "/apis/ccompat/v7/subjects/race-value")).isEqualTo(3);
    }

    @Test
    void anInvalidSchemaAnswerFailsFastWithTheRegistrysMessage() {
        server.failNext(new Status(422, 42201, "Either the input schema or one of its references is invalid"));

        assertThatThrownBy(() -> client(server.url()).register("a-value", SCHEMA))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INVALID_SCHEMA))
                .hasMessageContaining("HTTP 422").hasMessageContaining("references is invalid");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void anUnknownSchemaIdIsANotFoundError() {
        assertThatThrownBy(() -> client(server.url()).getSchemaById(99))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.notFound()).isTrue();
                    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
                })
                .hasMessageContaining("Schema 99 not found");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void cachesIdsAndSchemasSoRepeatedCallsMakeNoRequest() {
        RestSchemaRegistryClient writer = client(server.url());
        RestSchemaRegistryClient reader = client(server.url());
        int id = writer.register("a-value", SCHEMA);
        reader.getSchemaById(id);
        int before = server.requests().size();

        for (int i = 0; i < 1000; i++) {
            assertThat(writer.register("a-value", SCHEMA)).isEqualTo(id);
            assertThat(writer.getId("a-value", SCHEMA)).isEqualTo(id);
            assertThat(reader.getSchemaById(id)).isEqualTo(SCHEMA);
        }

        assertThat(before).isEqualTo(2);
        assertThat(server.requests()).hasSize(before);
    }

    @Test
    void managesCompatibilityAndSubjects() {
        RestSchemaRegistryClient client = client(server.url());
        client.register("a-value", SCHEMA);

        client.setCompatibility("a-value", CompatibilityLevel.FULL_TRANSITIVE);
        Schema withOptionalField = SchemaBuilder.record("io.blastradius.schemas.StatusEvent").fields()
                .requiredString("eventId").endRecord();

        assertThat(client.getCompatibility("a-value")).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(client.getCompatibility(null)).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(client.testCompatibility("a-value", SCHEMA)).isTrue();
        assertThat(client.testCompatibility("a-value", withOptionalField)).isFalse();
        assertThat(client.testCompatibility("nothing-value", withOptionalField)).isTrue();
        assertThat(client.deleteSubject("a-value", false)).containsExactly(1);
        assertThat(client.getSubjects()).isEmpty();
    }

    @Test
    void rejectsUrlsThatAreNotHttpOrMock() {
        assertThatThrownBy(() -> SchemaRegistryClients.create(RegistryClientSettings.of(List.of(URI.create("ftp://x")))))
                .hasMessageContaining("http(s)://");
    }
}
