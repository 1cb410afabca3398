package io.blastradius.embedded.kafka;

import io.blastradius.embedded.Loopback;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka cluster inside this JVM: one KRaft node that is broker and controller,
 * listening on 127.0.0.1 only.
 *
 * <p>The data directory is formatted on first use and reused afterwards with its cluster id, so a
 * broker started again on the same directory has the same topics and records. Ports may change
 * between runs: the quorum is configured statically ({@code controller.quorum.voters}), not stored in
 * the metadata log.
 *
 * <p>Defaults fit one node: replication factor and min ISR 1 everywhere (internal topics included,
 * so exactly_once_v2 works), single-partition internal topics, no initial rebalance delay, a 2 MiB
 * log cleaner buffer (the default takes 128 MiB of heap), and no topic auto-creation: topics are
 * created on purpose, as in production.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String META_PROPERTIES = "meta.properties";
    /** Attempts when ports were picked here and another process took one before the broker bound it. */
    private static final int BIND_ATTEMPTS = 3;
    /** Kafka's lock file in every log directory. */
    private static final String LOCK_FILE = ".lock";
    /** Data directories of the brokers running in this JVM. */
    private static final Set<Path> IN_USE = ConcurrentHashMap.newKeySet();

    private final BrokerSettings settings;
    private final KafkaRaftServer server;
    private final String clusterId;
    private final int port;
    private final int controllerPort;
    private final Path claimed;
    private volatile boolean closed;

    private EmbeddedKafkaBroker(BrokerSettings settings, KafkaRaftServer server, String clusterId, int port,
            int controllerPort, Path claimed) {
        this.claimed = claimed;
        this.settings = settings;
        this.server = server;
        this.clusterId = clusterId;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /**
     * Formats the data directory if it is new, starts the node and returns once it serves clients.
     *
     * @throws IllegalStateException if the broker cannot start (the cause says why)
     */
    public static EmbeddedKafkaBroker start(BrokerSettings settings) {
        Path dir = claim(settings.dataDir());
        try {
            return start(settings, dir);
        } catch (RuntimeException e) {
            IN_USE.remove(dir);
            throw e;
        }
    }

    private static EmbeddedKafkaBroker start(BrokerSettings settings, Path claimed) {
        String clusterId = formatIfNew(settings.dataDir());
        boolean pickPorts = settings.port() == 0 || settings.controllerPort() == 0;
        for (int attempt = 1; ; attempt++) {
            int port = settings.port() != 0 ? settings.port() : Loopback.freePort();
            int controllerPort = settings.controllerPort() != 0 ? settings.controllerPort() : freePortOtherThan(port);
            KafkaRaftServer server = new KafkaRaftServer(
                    KafkaConfig.fromProps(brokerProperties(settings, port, controllerPort), false), Time.SYSTEM);
            long started = System.nanoTime();
            try {
                server.startup();
            } catch (RuntimeException e) {
                stopQuietly(server, settings.shutdownTimeout());
                if (pickPorts && attempt < BIND_ATTEMPTS && causedByBindFailure(e)) {
                    log.warn("port {} or {} was taken before the broker bound it; trying other ports", port, controllerPort);
                    continue;
                }
                throw new IllegalStateException("Kafka broker in " + settings.dataDir() + " failed to start on "
                        + Loopback.HOST + ":" + port + " (controller " + controllerPort + "): " + rootCause(e), e);
            }
            log.info("Kafka broker (cluster {}) started in {} ms on {}:{}, data in {}", clusterId,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), Loopback.HOST, port, settings.dataDir());
            return new EmbeddedKafkaBroker(settings, server, clusterId, port, controllerPort, claimed);
        }
    }

    /**
     * Refuses a data directory another broker uses, before Kafka finds out: Kafka treats a locked
     * log directory as fatal and exits the JVM. Brokers of this JVM are tracked here (probing their
     * lock file from the same JVM would release it: POSIX locks belong to the process); brokers of
     * other processes are found by trying Kafka's own lock file.
     */
    private static Path claim(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        if (!IN_USE.add(dir)) {
            throw new IllegalStateException("Kafka data directory " + dir + " is in use by another broker in this JVM");
        }
        Path lockFile = dir.resolve(LOCK_FILE);
        if (Files.exists(lockFile)) {
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    IN_USE.remove(dir);
                    throw new IllegalStateException("Kafka data directory " + dir
                            + " is in use by another process (is another blastradius running on it?)");
                }
                lock.release();
            } catch (IOException e) {
                IN_USE.remove(dir);
                throw new UncheckedIOException("cannot check the lock of " + lockFile, e);
            }
        }
        return dir;
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return Loopback.HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    /** The cluster id written when the data directory was formatted; stable across restarts. */
    public String clusterId() {
        return clusterId;
    }

    public Path dataDir() {
        return settings.dataDir();
    }

    /**
     * Stops the node, waiting at most the configured shutdown timeout. Idempotent. A broker that does
     * not stop in time is logged and left behind: better than hanging a build or a Ctrl-C.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long started = System.nanoTime();
        if (stopQuietly(server, settings.shutdownTimeout())) {
            log.info("Kafka broker on {} stopped in {} ms", bootstrapServers(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            IN_USE.remove(claimed); // a broker that did not stop may still hold the directory
        }
    }

    /** The broker configuration for one start; overrides from the settings win. */
    static Properties brokerProperties(BrokerSettings settings, int port, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + Loopback.HOST + ":" + controllerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("listeners", "PLAINTEXT://" + Loopback.HOST + ":" + port + "," + CONTROLLER_LISTENER + "://"
                + Loopback.HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + Loopback.HOST + ":" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", settings.dataDir().toAbsolutePath().toString());
        p.put("metadata.log.dir", settings.dataDir().toAbsolutePath().toString());

        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
        p.put("auto.create.topics.enable", "false");
        p.putAll(settings.overrides());
        return p;
    }

    /** Formats {@code dataDir} unless it already holds a formatted node; returns the cluster id either way. */
    private static String formatIfNew(Path dataDir) {
        Path meta = dataDir.resolve(META_PROPERTIES);
        try {
            if (Files.exists(meta)) {
                Properties existing = new Properties();
                try (InputStream in = Files.newInputStream(meta)) {
                    existing.load(in);
                }
                String id = existing.getProperty("cluster.id");
                if (id == null || id.isBlank()) {
                    throw new IllegalStateException(meta + " has no cluster.id; is " + dataDir + " a Kafka log directory?");
                }
                log.info("reusing Kafka data directory {} (cluster {})", dataDir, id);
                return id;
            }
            Files.createDirectories(dataDir);
            try (var entries = Files.list(dataDir)) {
                List<Path> present = entries.limit(3).toList();
                if (!present.isEmpty()) {
                    throw new IllegalStateException("will not format " + dataDir + ": it is not empty and holds no "
                            + META_PROPERTIES + " (found " + present + ")");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka data directory " + dataDir, e);
        }
        String clusterId = Uuid.randomUuid().toString();
        String dir = dataDir.toAbsolutePath().toString();
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(new LogOutputStream(), true, StandardCharsets.UTF_8))
                .setNodeId(NODE_ID)
                .setClusterId(clusterId)
                .setDirectories(List.of(dir))
                .setMetadataLogDirectory(dir)
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION);
        try {
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka data directory " + dataDir + ": " + e.getMessage(), e);
        }
        log.info("formatted Kafka data directory {} (cluster {})", dataDir, clusterId);
        return clusterId;
    }

    private static int freePortOtherThan(int taken) {
        int port;
        do {
            port = Loopback.freePort();
        } while (port == taken);
        return port;
    }

    /** The message that says what went wrong: Kafka wraps a bind failure three levels deep. */
    private static String rootCause(Throwable e) {
        String message = e.getMessage();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getCause() instanceof BindException) {
                return t.getMessage();
            }
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message;
    }

    private static boolean causedByBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    /** Shuts {@code server} down on another thread, waiting at most {@code timeout}; true if it stopped. */
    private static boolean stopQuietly(KafkaRaftServer server, Duration timeout) {
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
            server.shutdown();
            server.awaitShutdown();
        }, runnable -> {
            Thread t = new Thread(runnable, "embedded-kafka-shutdown");
            t.setDaemon(true);
            t.start();
        });
        try {
            stopped.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            log.error("Kafka broker did not stop within {}; leaving it behind", timeout);
        } catch (ExecutionException e) {
            log.error("Kafka broker shutdown failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("interrupted while waiting for the Kafka broker to stop");
        }
        return false;
    }

    /** Sends the formatter's console output to the log, line by line. */
    private static final class LogOutputStream extends OutputStream {
        private final StringBuilder line = new StringBuilder();

        @Override
        public void write(int b) {
            if (b == '\n') {
                flushLine();
            } else {
                line.append((char) b);
            }
        }

        @Override
        public void flush() {
            flushLine();
        }

        private void flushLine() {
            if (line.length() > 0) {
                log.debug("format: {}", line);
                line.setLength(0);
            }
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaBroker[" + bootstrapServers() + ", cluster " + clusterId + ", " + settings.dataDir() + "]";
    }

    /** Read-only view of the settings this broker started with. */
    public BrokerSettings settings() {
        return settings;
    }
}
