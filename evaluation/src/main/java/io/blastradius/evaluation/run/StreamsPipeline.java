package io.blastradius.evaluation.run;

import io.blastradius.streams.app.BlastRadiusApp;
import io.blastradius.streams.config.StreamsAppConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Step (c) with the real pipeline: the blastradius Kafka Streams application ({@link BlastRadiusApp}),
 * in this JVM, on the run's topics under the run's application id, with a state directory of its own
 * that is deleted when it stops.
 */
public final class StreamsPipeline implements PipelineLauncher {
    private final Map<String, Object> settings;
    private final Path stateRoot;
    private final Duration startTimeout;

    /**
     * @param settings streams-app settings ({@link StreamsAppConfig} keys: detection tuning, threads,
     *     memory); connection, application id, topic prefix and state directory are set per run
     * @param stateRoot where each run's state directory is made
     */
    public StreamsPipeline(Map<String, ?> settings, Path stateRoot, Duration startTimeout) {
        this.settings = new HashMap<>(settings);
        this.stateRoot = stateRoot;
        this.startTimeout = startTimeout;
    }

    @Override
    public RunningPipeline start(EvaluationStack stack, RunTopics topics) throws Exception {
        Path stateDir = Files.createDirectories(stateRoot).resolve(topics.applicationId());
        Map<String, Object> props = new HashMap<>(settings);
        props.put(StreamsAppConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
        props.put(StreamsAppConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
        props.put(StreamsAppConfig.APPLICATION_ID, topics.applicationId());
        props.put(StreamsAppConfig.TOPIC_PREFIX, topics.prefix());
        props.put(StreamsAppConfig.STATE_DIR, stateDir.toString());
        BlastRadiusApp app = new BlastRadiusApp(new StreamsAppConfig(props));
        app.start();
        if (!app.awaitRunning(startTimeout)) {
            app.close();
            Directories.deleteTree(stateDir);
            throw new IllegalStateException("the streams app " + topics.applicationId() + " did not reach RUNNING within "
                    + startTimeout + " (state " + app.state() + ")");
        }
        return new RunningPipeline() {
            @Override
            public List<String> consumerGroups() {
                return List.of(topics.applicationId());
            }

            @Override
            public void close() {
                app.close();
                Directories.deleteTree(stateDir);
            }
        };
    }
}
