package io.blastradius.deploy.local;

import io.blastradius.ingest.connect.ConnectorConfigFile;
import io.blastradius.ingest.connect.EmbeddedConnectWorker;
import io.blastradius.schemas.topic.TopicNames;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Connector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connectors of one or more connectors files in an in-process Kafka Connect worker, when
 * {@code connectors.config} names them ({@code deploy/config/live-*.properties} are such files; format
 * in {@link ConnectorConfigFile}). The worker writes to the stack's broker with the stack's registry,
 * serves its REST API on 127.0.0.1 at a free port, and keeps source offsets under
 * {@code <data.dir>/connect}, so a restarted stack resumes each connector where it stopped. Off by
 * default: live connectors reach the internet.
 *
 * <p>{@code ${NAME}} placeholders in the files (salts, tokens) are filled from the environment; a
 * variable that is not set stops the stack before any connector starts. Topics follow the stack: a
 * topic key whose value (given or default) is one of the default topic names, such as
 * {@code topic=blastradius.status-events}, is pointed at the topic of the same role under the
 * stack's {@code topics.prefix}; any other topic name is kept as written.
 */
final class ConnectorsPart implements StackPart {
    private static final Logger log = LoggerFactory.getLogger(ConnectorsPart.class);

    private final Map<String, String> environment;
    private EmbeddedConnectWorker worker;

    /** @param environment variables for the {@code ${NAME}} placeholders of the connectors files */
    ConnectorsPart(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String name() {
        return "connect";
    }

    @Override
    public void start(StackContext context) throws IOException {
        LocalStackConfig config = context.config();
        List<Path> files = config.connectorsConfig();
        if (files.isEmpty()) {
            return;
        }
        // read and check every file before anything starts: a bad file starts no connector
        Map<String, Map<String, String>> connectors = forStack(load(files, environment), context.topicNames());
        worker = EmbeddedConnectWorker.start(context.bootstrapServers(), context.registryUrl(),
                config.dataDir().resolve("connect"), Map.of());
        connectors.forEach(worker::startConnector);
        for (String name : connectors.keySet()) {
            worker.awaitRunning(name, 1, config.connectorsStartTimeout());
        }
        String from = files.stream().map(f -> f.getFileName().toString()).collect(Collectors.joining(", "));
        log.info("{} connector(s) from {} running: {}", connectors.size(), files, connectors.keySet());
        context.addEndpoint("connect", worker.restUrl().toString(), "Kafka Connect REST: " + connectors.size()
                + " connector(s) from " + from + " (" + String.join(", ", connectors.keySet()) + ")");
    }

    /** The connectors of every file, placeholders filled; a name used in two files is an error. */
    static Map<String, Map<String, String>> load(List<Path> files, Map<String, String> environment) throws IOException {
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        Map<String, Path> origin = new HashMap<>();
        for (Path file : files) {
            for (Map.Entry<String, Map<String, String>> c : ConnectorConfigFile.load(file).entrySet()) {
                Path first = origin.putIfAbsent(c.getKey(), file);
                if (first != null) {
                    throw new IllegalArgumentException("connector '" + c.getKey() + "' is in both " + first + " and " + file);
                }
                all.put(c.getKey(), c.getValue());
            }
        }
        return ConnectorConfigFile.withEnvironment(all, environment);
    }

    /**
     * The file's connector configs with their topic keys pointed at the stack's topics. Fails with
     * an {@link IllegalArgumentException} naming the connector when its class is not on the classpath.
     */
    static Map<String, Map<String, String>> forStack(Map<String, Map<String, String>> connectors, TopicNames names) {
        Map<String, String> byDefaultName = new HashMap<>();
        List<String> defaults = TopicNames.defaults().all();
        List<String> stack = names.all();
        for (int i = 0; i < defaults.size(); i++) {
            byDefaultName.put(defaults.get(i), stack.get(i));
        }
        Map<String, Map<String, String>> result = new LinkedHashMap<>();
        connectors.forEach((name, props) -> {
            Map<String, String> withTopics = new LinkedHashMap<>(props);
            for (ConfigDef.ConfigKey key : definition(name, props).configKeys().values()) {
                Object given = props.containsKey(key.name) ? props.get(key.name) : key.defaultValue;
                String stackTopic = given instanceof String topic ? byDefaultName.get(topic) : null;
                if (key.type == ConfigDef.Type.STRING && stackTopic != null) {
                    withTopics.put(key.name, stackTopic);
                }
            }
            result.put(name, withTopics);
        });
        return result;
    }

    private static ConfigDef definition(String name, Map<String, String> props) {
        String className = props.get(ConnectorConfigFile.CONNECTOR_CLASS);
        try {
            Class<?> type = Class.forName(className);
            if (!Connector.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException("connector '" + name + "': " + className + " is not a Kafka Connect connector");
            }
            return ((Connector) type.getConstructor().newInstance()).config();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("connector '" + name + "': cannot load " + className + ": " + e, e);
        }
    }

    @Override
    public void stop() {
        if (worker != null) {
            log.info("stopping the Connect worker");
            worker.close();
            worker = null;
        }
    }
}
