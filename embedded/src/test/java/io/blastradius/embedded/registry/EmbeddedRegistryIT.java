package io.blastradius.embedded.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedRegistryIT {
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void restartOnTheSameDirectoryKeepsSubjectsAndSchemaIds() throws Exception {
        RegistrySettings settings = RegistrySettings.of(RegistryDistribution.locate(), dataDir);
        String firstId;
        String secondId;
        try (EmbeddedRegistry registry = EmbeddedRegistry.start(settings)) {
            firstId = register(registry, "orders-value", schema("Order"));
            secondId = register(registry, "payments-value", schema("Payment"));
        }

        try (EmbeddedRegistry again = EmbeddedRegistry.start(settings)) {
            assertThat(get(again, "/subjects")).contains("orders-value", "payments-value");
            assertThat(get(again, "/schemas/ids/" + secondId)).contains("Payment");
            assertThat(register(again, "orders-value", schema("Order"))).isEqualTo(firstId);
            String thirdId = register(again, "refunds-value", schema("Refund"));
            assertThat(thirdId).isNotIn(firstId, secondId);
        }
        assertThat(Files.list(dataDir).map(p -> p.getFileName().toString()))
                .contains("registry.mv.db", "registry.log");
    }

    @Test
    void bindsToLoopbackAndStopsItsProcessOnClose() throws Exception {
        EmbeddedRegistry registry = EmbeddedRegistry.start(RegistrySettings.of(RegistryDistribution.locate(), dataDir));
        ProcessHandle child = ProcessHandle.of(registry.pid()).orElseThrow();
        try {
            assertThat(registry.confluentApiUrl()).startsWith("http://127.0.0.1:").endsWith("/apis/ccompat/v7");
            assertThat(child.info().arguments().map(List::of).orElse(List.of()))
                    .contains("-Dquarkus.http.host=127.0.0.1", "-Dquarkus.management.host=127.0.0.1");
        } finally {
            registry.close();
        }
        assertThat(child.isAlive()).isFalse();
    }

    @Test
    void registryStopsByItselfWhenItsParentIsKilled() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process parent = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Dmaven.repo.local=" + RegistryDistribution.mavenRepository(),
                RegistryParentMain.class.getName(), dataDir.toString())
                .redirectErrorStream(true)
                .start();
        ProcessHandle registry;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            String pid = awaitLine(out, "registry pid ");
            registry = ProcessHandle.of(Long.parseLong(pid)).orElseThrow();
            assertThat(registry.isAlive()).isTrue();

            parent.destroyForcibly(); // SIGKILL: no shutdown hook runs in the parent
            parent.waitFor(10, TimeUnit.SECONDS);
        }

        registry.onExit().get(30, TimeUnit.SECONDS);
        assertThat(registry.isAlive()).isFalse();
    }

    private static String awaitLine(BufferedReader out, String prefix) throws Exception {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).trim();
            }
        }
        throw new AssertionError("the parent process ended without printing '" + prefix + "'");
    }

    /** A parent JVM that starts a registry and then waits to be killed. */
    public static final class RegistryParentMain {
        public static void main(String[] args) throws Exception {
            EmbeddedRegistry registry = EmbeddedRegistry.start(
                    RegistrySettings.of(RegistryDistribution.locate(), Path.of(args[0])));
            System.out.println("registry pid " + registry.pid());
            System.out.flush();
            Thread.sleep(Duration.ofMinutes(5).toMillis());
        }
    }

    private static String schema(String name) {
        return "{\"type\":\"record\",\"name\":\"" + name + "\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}";
    }

    private String register(EmbeddedRegistry registry, String subject, String schema) throws Exception {
        String body = "{\"schema\":" + quote(schema) + "}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(registry.confluentApiUrl() + "/subjects/" + subject + "/versions"))
                .header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().replaceAll("[^0-9]", "");
    }

    private String get(EmbeddedRegistry registry, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(registry.confluentApiUrl() + path))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
