package io.blastradius.ingest.connect;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.Worker;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.rest.ConnectRestServer;
import org.apache.kafka.connect.runtime.rest.RestClient;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.storage.FileOffsetBackingStore;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.util.FutureCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Connect worker in this JVM, for the embedded stack and integration tests: the standalone
 * herder against a given broker, its REST API on 127.0.0.1 at a free port, source offsets in a file
 * that survives restarts (so a restarted worker resumes where it stopped), and plugins found on the
 * classpath through their {@code META-INF/services} manifests (no plugin path to scan).
 *
 * <p>Defaults: keys through {@link StringConverter}, values through {@link AvroConverter} with the
 * given registry URL; anything in {@code overrides} wins. It assembles the worker the way Connect's
 * own standalone command does, but reports failures as exceptions instead of exiting the JVM.
 *
 * <p>Needs {@code connect-runtime} on the classpath; the ingest module declares it {@code provided}
 * so that the Connect plugin does not ship it, and a module that runs the worker adds it.
 */
public final class EmbeddedConnectWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedConnectWorker.class);

    private final Connect<StandaloneHerder> connect;
    private final URI restUrl;
    private final Path offsetsFile;

    private EmbeddedConnectWorker(Connect<StandaloneHerder> connect, URI restUrl, Path offsetsFile) {
        this.connect = connect;
        this.restUrl = restUrl;
        this.offsetsFile = offsetsFile;
    }

    /**
     * Starts a worker.
     *
     * @param bootstrapServers the broker(s), on loopback
     * @param registryUrl schema registry for the default value converter, or null to set converters in {@code overrides}
     * @param dataDir where the offsets file lives; reuse it across restarts to resume
     * @param overrides worker configs that replace the defaults
     */
    public static EmbeddedConnectWorker start(String bootstrapServers, String registryUrl, Path dataDir,
            Map<String, String> overrides) {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Path offsets = dataDir.resolve("connect.offsets");
        Map<String, String> props = new HashMap<>();
        props.put(WorkerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(WorkerConfig.KEY_CONVERTER_CLASS_CONFIG, StringConverter.class.getName());
        props.put(WorkerConfig.VALUE_CONVERTER_CLASS_CONFIG, AvroConverter.class.getName());
        if (registryUrl != null) {
            props.put(WorkerConfig.VALUE_CONVERTER_CLASS_CONFIG + ".schema.registry.url", registryUrl);
        }
        props.put(StandaloneConfig.OFFSET_STORAGE_FILE_FILENAME_CONFIG, offsets.toString());
        // Offsets are flushed often so that a stop (even an unclean one) loses little progress.
        props.put(WorkerConfig.OFFSET_COMMIT_INTERVAL_MS_CONFIG, "1000");
        props.put("listeners", "http://127.0.0.1:0");
        props.put("rest.advertised.host.name", "127.0.0.1");
        // Plugins come from the classpath's service manifests: nothing to scan, nothing outside the JVM.
        props.put(WorkerConfig.PLUGIN_DISCOVERY_CONFIG, "service_load");
        props.putAll(overrides);

        ClassLoader callerLoader = Thread.currentThread().getContextClassLoader();
        ConnectRestServer restServer = null;
        try {
            Files.createDirectories(dataDir);
            Plugins plugins = new Plugins(props);
            plugins.compareAndSwapWithDelegatingLoader();
            StandaloneConfig config = new StandaloneConfig(props);
            RestClient restClient = new RestClient(config);
            restServer = new ConnectRestServer(config.rebalanceTimeout(), restClient, config.originals());
            restServer.initializeServer();
            URI advertised = restServer.advertisedUrl();
            String workerId = advertised.getHost() + ":" + advertised.getPort();
            ConnectorClientConfigOverridePolicy policy = plugins.newPlugin(
                    config.getString(WorkerConfig.CONNECTOR_CLIENT_POLICY_CLASS_CONFIG), config,
                    ConnectorClientConfigOverridePolicy.class);
            FileOffsetBackingStore offsetStore = new FileOffsetBackingStore(plugins.newInternalConverter(true,
                    JsonConverter.class.getName(), Map.of("schemas.enable", "false")));
            offsetStore.configure(config);
            Worker worker = new Worker(workerId, Time.SYSTEM, plugins, config, offsetStore, policy);
            StandaloneHerder herder = new StandaloneHerder(worker, config.kafkaClusterId(), policy);
            Connect<StandaloneHerder> connect = new Connect<>(herder, restServer);
            connect.start();
            log.info("Connect worker {} up: REST {}, offsets in {}", workerId, advertised, offsets);
            return new EmbeddedConnectWorker(connect, advertised, offsets);
        } catch (Exception e) {
            if (restServer != null) {
                restServer.stop();
            }
            throw new ConnectException("cannot start the embedded Connect worker: " + e.getMessage(), e);
        } finally {
            Thread.currentThread().setContextClassLoader(callerLoader);
        }
    }

    /** The worker's REST API, e.g. {@code http://127.0.0.1:40123/}. */
    public URI restUrl() {
        return restUrl;
    }

    /** The file source offsets are kept in. */
    public Path offsetsFile() {
        return offsetsFile;
    }

    /**
     * Creates the connector, or replaces its config, and returns once the worker accepted it. Unless
     * the config says otherwise, a registry outage is retried for 5 minutes rather than failing the task.
     */
    public ConnectorInfo startConnector(String name, Map<String, String> config) {
        Map<String, String> withName = new HashMap<>(config);
        withName.put("name", name);
        withName.putIfAbsent("errors.retry.timeout", "300000");
        withName.putIfAbsent("errors.retry.delay.max.ms", "10000");
        FutureCallback<Herder.Created<ConnectorInfo>> done = new FutureCallback<>();
        connect.herder().putConnectorConfig(name, withName, true, done);
        return await(done, Duration.ofSeconds(30), "start connector " + name).result();
    }

    /**
     * Starts the connector and waits until it and {@code tasks} tasks run.
     *
     * @throws ConnectException with the worker's stack trace when the connector or a task failed, or on timeout
     */
    public ConnectorStateInfo startConnectorAndAwaitTasks(String name, Map<String, String> config, int tasks,
            Duration timeout) {
        startConnector(name, config);
        return awaitRunning(name, tasks, timeout);
    }

    /** Waits until the connector and at least {@code tasks} tasks are RUNNING; fails fast when one FAILED. */
    public ConnectorStateInfo awaitRunning(String name, int tasks, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ConnectorStateInfo status = null;
        while (System.nanoTime() < deadline) {
            try {
                status = connect.herder().connectorStatus(name);
            } catch (org.apache.kafka.connect.errors.NotFoundException e) {
                status = null; // not created yet
            }
            if (status != null) {
                failIfFailed(status);
                List<ConnectorStateInfo.TaskState> states = status.tasks();
                if ("RUNNING".equals(status.connector().state()) && states.size() >= tasks
                        && states.stream().allMatch(t -> "RUNNING".equals(t.state()))) {
                    return status;
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectException("interrupted while waiting for connector " + name, e);
            }
        }
        throw new ConnectException("connector " + name + " did not get " + tasks + " running task(s) within "
                + timeout + "; last status: " + status);
    }

    private static void failIfFailed(ConnectorStateInfo status) {
        if ("FAILED".equals(status.connector().state())) {
            throw new ConnectException("connector " + status.name() + " failed: " + status.connector().trace());
        }
        for (ConnectorStateInfo.TaskState task : status.tasks()) {
            if ("FAILED".equals(task.state())) {
                throw new ConnectException("task " + task.id() + " of connector " + status.name() + " failed: "
                        + task.trace());
            }
        }
    }

    /** The connector's current status as the worker reports it. */
    public ConnectorStateInfo status(String name) {
        return connect.herder().connectorStatus(name);
    }

    /** Names of the connectors on this worker. */
    public List<String> connectors() {
        return List.copyOf(connect.herder().connectors());
    }

    /** Stops and removes a connector; its committed offsets stay in the offsets file. */
    public void stopConnector(String name) {
        FutureCallback<Herder.Created<ConnectorInfo>> done = new FutureCallback<>();
        connect.herder().deleteConnectorConfig(name, done);
        await(done, Duration.ofSeconds(30), "stop connector " + name);
    }

    private static <T> T await(FutureCallback<T> callback, Duration timeout, String what) {
        try {
            return callback.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ConnectException("cannot " + what + ": " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new ConnectException("cannot " + what + " within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted: " + what, e);
        }
    }

    /** Stops the connectors (committing their offsets), the worker and its REST server. */
    @Override
    public void close() {
        connect.stop();
        connect.awaitStop();
        log.info("Connect worker at {} stopped", restUrl);
    }
}
