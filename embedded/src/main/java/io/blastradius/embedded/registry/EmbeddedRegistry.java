package io.blastradius.embedded.registry;

import io.blastradius.embedded.Loopback;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apicurio Registry in a child JVM, bound to 127.0.0.1, serving the Confluent-compatible
 * API at {@link #confluentApiUrl()}.
 *
 * <p>Storage: Apicurio 2.6's SQL storage on its bundled H2 database, pointed at a file in the data
 * directory ({@code quarkus.datasource.jdbc.url=jdbc:h2:file:...}). On start Apicurio finds the
 * schema already initialized and keeps it, so subjects, versions and ids (and the id sequence)
 * survive a restart.
 *
 * <p>Lifecycle: the child is stopped by {@link #close()}, by a JVM shutdown hook if the parent exits
 * without closing, and by the child itself if the parent dies outright (see {@link ParentWatchdog}).
 * Its output goes to {@link RegistrySettings#logFile()}.
 */
public final class EmbeddedRegistry implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedRegistry.class);
    /** Path of the Confluent-compatible API under the registry's base URL. */
    public static final String CONFLUENT_API_PATH = "/apis/ccompat/v7";
    private static final String QUARKUS_MAIN = "io.quarkus.runner.GeneratedMain";
    private static final int BIND_ATTEMPTS = 3;
    /** The H2 database file, in the data directory; its presence means the registry ran here before. */
    static final String DATABASE_FILE = "registry.mv.db";
    private static final String LAUNCH_MARKER = "---- blastradius: launching the registry";

    private final RegistrySettings settings;
    private final Process process;
    private final int port;
    private final Thread shutdownHook;
    private final long launchedNanos;
    private final boolean freshDatabase;
    private volatile boolean closed;

    private EmbeddedRegistry(RegistrySettings settings, Process process, int port, Thread shutdownHook,
            long launchedNanos, boolean freshDatabase) {
        this.settings = settings;
        this.process = process;
        this.port = port;
        this.shutdownHook = shutdownHook;
        this.launchedNanos = launchedNanos;
        this.freshDatabase = freshDatabase;
    }

    /**
     * Starts the registry and returns once its Confluent-compatible API answers. With port 0, a port
     * another process grabs before the registry binds it is replaced by another.
     *
     * @throws IllegalStateException if it exits or does not become ready within the start timeout;
     *     the message carries the tail of its log
     */
    public static EmbeddedRegistry start(RegistrySettings settings) {
        for (int attempt = 1; ; attempt++) {
            EmbeddedRegistry registry = launch(settings);
            try {
                return registry.awaitReady();
            } catch (RuntimeException e) {
                boolean portTaken = registryLogTail(settings.logFile()).contains("already in use");
                if (settings.port() == 0 && portTaken && attempt < BIND_ATTEMPTS) {
                    log.warn("registry port {} was taken before the registry bound it; trying another", registry.port);
                    continue;
                }
                throw e;
            }
        }
    }

    /**
     * Launches the registry and returns at once, so that it can boot while the caller does other
     * work; {@link #awaitReady()} must follow before it is used.
     */
    public static EmbeddedRegistry launch(RegistrySettings settings) {
        try {
            Files.createDirectories(settings.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create registry data directory " + settings.dataDir(), e);
        }
        boolean fresh = !Files.exists(settings.dataDir().resolve(DATABASE_FILE));
        int port = settings.port() != 0 ? settings.port() : Loopback.freePort();
        long started = System.nanoTime();
        Process process = launch(settings, port);
        Thread hook = new Thread(() -> stop(process, settings.stopTimeout()), "embedded-registry-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return new EmbeddedRegistry(settings, process, port, hook, started, fresh);
    }

    /**
     * Waits until the launched registry answers (at most the start timeout, counted from the
     * launch). On failure the process is stopped.
     *
     * @return this registry, ready
     * @throws IllegalStateException if it exits or does not become ready in time
     */
    public EmbeddedRegistry awaitReady() {
        try {
            awaitReady(launchedNanos);
            if (freshDatabase) {
                storeGlobalCompatibility(settings.defaultCompatibility());
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        log.info("Apicurio Registry {} ready in {} ms at {} (pid {}, data in {})", settings.distribution().version(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launchedNanos), confluentApiUrl(), process.pid(),
                settings.dataDir());
        return this;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://" + Loopback.HOST + ":" + port;
    }

    /** The Confluent Schema Registry API, for {@code schema.registry.url}. */
    public String confluentApiUrl() {
        return baseUrl() + CONFLUENT_API_PATH;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public RegistrySettings settings() {
        return settings;
    }

    /** Stops the child gracefully (SIGTERM), killing it after the stop timeout. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook runs (or ran) stop() too, which is idempotent
        }
        long started = System.nanoTime();
        stop(process, settings.stopTimeout());
        log.info("Apicurio Registry on port {} stopped in {} ms", port,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private static Process launch(RegistrySettings settings, int port) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String h2 = "jdbc:h2:file:" + settings.dataDir().toAbsolutePath()
                .resolve(DATABASE_FILE.substring(0, DATABASE_FILE.indexOf('.')));
        List<String> command = new ArrayList<>(List.of(
                java.toString(),
                "-Xmx" + settings.heapMegabytes() + "m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.host=" + Loopback.HOST,
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.host=" + Loopback.HOST,
                "-Dquarkus.datasource.jdbc.url=" + h2,
                // Apicurio's prod profile opens 20 connections up front; one embedded user needs few
                "-Dquarkus.datasource.jdbc.initial-size=1",
                "-Dquarkus.datasource.jdbc.min-size=1",
                "-Dquarkus.datasource.jdbc.max-size=10",
                // identical schemas in another formatting (other clients' JSON) get the same id
                "-Dregistry.ccompat.use-canonical-hash=true",
                "-Dquarkus.log.console.color=false",
                "-cp", classpath(settings.distribution()),
                ParentWatchdog.class.getName(),
                QUARKUS_MAIN));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(settings.dataDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(settings.logFile().toFile()));
        // The registry reads settings from env vars too (HTTP_PORT, REGISTRY_DATASOURCE_URL, ...);
        // system properties win over them in Quarkus, but keep the child's environment predictable.
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("REGISTRY_") || k.equals("HTTP_PORT"));
        try {
            Files.writeString(settings.logFile(), LAUNCH_MARKER + " on " + Loopback.HOST + ":" + port + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch the registry: " + String.join(" ", command), e);
        }
    }

    /** The runner jar (its manifest lists lib/) plus wherever {@link ParentWatchdog} was loaded from. */
    private static String classpath(RegistryDistribution distribution) {
        try {
            Path watchdog = Path.of(ParentWatchdog.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return distribution.runnerJar().toAbsolutePath() + File.pathSeparator + watchdog.toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the watchdog class on disk", e);
        }
    }

    private void awaitReady(long startedNanos) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI ready = URI.create(baseUrl() + "/health/ready");
        URI subjects = URI.create(confluentApiUrl() + "/subjects");
        long deadline = startedNanos + settings.startTimeout().toNanos();
        String lastProblem = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the registry exited with status " + process.exitValue()
                        + " while starting; end of " + settings.logFile() + ":\n" + registryLogTail(settings.logFile()));
            }
            try {
                if (get(http, ready) == 200 && get(http, subjects) == 200) {
                    return;
                }
                lastProblem = "not ready yet";
            } catch (IOException e) {
                lastProblem = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the registry", e);
            }
            sleep(100);
        }
        throw new IllegalStateException("the registry did not become ready at " + baseUrl() + " within "
                + settings.startTimeout() + " (" + lastProblem + "); end of " + settings.logFile() + ":\n"
                + registryLogTail(settings.logFile()));
    }

    /**
     * Stores the global compatibility level through the Confluent API, once, when the data directory
     * is new: Apicurio's default-rule property is enforced but not reported by {@code GET /config},
     * while a stored level is both, and a level an operator sets later is kept across restarts.
     */
    private void storeGlobalCompatibility(String level) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(confluentApiUrl() + "/config"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + level + "\"}"))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the registry refused compatibility level " + level + ": HTTP "
                        + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set the registry's compatibility level", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while configuring the registry", e);
        }
    }

    private static int get(HttpClient http, URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void stop(Process process, Duration timeout) {
        if (!process.isAlive()) {
            return;
        }
        closeQuietly(process.getOutputStream());
        process.destroy();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("registry (pid {}) did not stop within {}; killing it", process.pid(), timeout);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            log.debug("closing the registry's stdin failed: {}", e.toString());
        }
    }

    /** At most the last 40 lines the registry logged since it was last launched, for error messages. */
    static String registryLogTail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            int from = Math.max(0, lines.size() - 40);
            for (int i = lines.size() - 1; i >= from; i--) {
                if (lines.get(i).startsWith(LAUNCH_MARKER)) {
                    from = i;
                    break;
                }
            }
            return String.join("\n", lines.subList(from, lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the registry", e);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedRegistry[" + confluentApiUrl() + ", pid " + process.pid() + "]";
    }
}
