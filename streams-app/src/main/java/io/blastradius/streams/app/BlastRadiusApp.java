package io.blastradius.streams.app;

import io.blastradius.schemas.serde.AvroSerdes;
import io.blastradius.schemas.topic.Topics;
import io.blastradius.streams.config.StreamsAppConfig;
import io.blastradius.streams.topology.BlastRadiusTopology;
import io.blastradius.streams.topology.CatalogView;
import io.blastradius.streams.topology.DetectionSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the running topology: builds it from the configuration, starts Kafka Streams with a state
 * listener and an uncaught-exception handler, exposes the instance for interactive queries, and
 * closes it within a bounded time. The topology itself is built by {@link BlastRadiusTopology}.
 */
public final class BlastRadiusApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BlastRadiusApp.class);

    private final StreamsAppConfig config;
    private final AvroSerdes serdes;
    private final CatalogView catalog = new CatalogView();
    private final KafkaStreams streams;
    private volatile KafkaStreams.State state = KafkaStreams.State.CREATED;

    public BlastRadiusApp(StreamsAppConfig config) {
        this(config, (topology, topics) -> { });
    }

    /**
     * As {@link #BlastRadiusApp(StreamsAppConfig)}, with {@code extension} adding named nodes and
     * stores to the topology before it starts (the query service adds its views this way).
     */
    public BlastRadiusApp(StreamsAppConfig config, BiConsumer<Topology, Topics> extension) {
        this.config = config;
        this.serdes = new AvroSerdes(config.serdeConfig());
        Topics topics = Topics.create(config.topicNames(), serdes);
        DetectionSettings settings = config.detectionSettings();
        if (config.alignmentSourcesFromCluster()) {
            settings = settings.withAlignment(settings.alignment().withSources(InputPartitions.count(config, topics)));
        }
        Topology topology = BlastRadiusTopology.build(topics, settings, catalog);
        extension.accept(topology, topics);
        this.streams = new KafkaStreams(topology, config.streamsProperties());
        streams.setStateListener((now, before) -> {
            state = now;
            LOG.info("streams state {} -> {}", before, now);
        });
        streams.setUncaughtExceptionHandler(e -> {
            // state is exactly-once in changelogged stores: a fresh thread resumes from the last commit
            LOG.error("stream thread failed; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    }

    /** Starts processing; returns at once. */
    public void start() {
        streams.start();
    }

    /** Blocks until the instance is RUNNING or {@code timeout} passes; false on timeout or failure. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            KafkaStreams.State s = state;
            if (s == KafkaStreams.State.RUNNING) {
                return true;
            }
            if (s == KafkaStreams.State.ERROR || s == KafkaStreams.State.NOT_RUNNING) {
                return false;
            }
            Thread.sleep(50);
        }
        return false;
    }

    public KafkaStreams.State state() {
        return state;
    }

    /** The Kafka Streams instance, for interactive queries of the named stores. */
    public KafkaStreams streams() {
        return streams;
    }

    /** The dependency catalog as this instance knows it. */
    public CatalogView catalog() {
        return catalog;
    }

    @Override
    public void close() {
        if (!streams.close(config.closeTimeout())) {
            LOG.warn("streams did not close within {}", config.closeTimeout());
        }
        serdes.close();
    }

    /** Runs the application with the properties file given as the only argument, until interrupted. */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: BlastRadiusApp <streams-app.properties>");
            System.exit(2);
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            props.load(in);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (BlastRadiusApp app = new BlastRadiusApp(new StreamsAppConfig(props))) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "blastradius-shutdown"));
            app.start();
            stopped.await();
        }
    }
}
