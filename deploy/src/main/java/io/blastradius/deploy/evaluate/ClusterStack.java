package io.blastradius.deploy.evaluate;

import io.blastradius.deploy.local.LocalStack;
import io.blastradius.deploy.local.LocalStackConfig;
import io.blastradius.embedded.topic.TopicProvisioner;
import io.blastradius.evaluation.run.Directories;
import io.blastradius.evaluation.run.EvaluationStack;
import io.blastradius.schemas.topic.TopicNames.TopicDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The stack an evaluation runs on: a broker and registry started for it in this JVM (on free loopback
 * ports, data in a temporary directory removed afterwards), or an existing cluster and registry that
 * are left as they were.
 */
public final class ClusterStack implements EvaluationStack {
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(60);

    private final String bootstrapServers;
    private final String registryUrl;
    private final Admin admin;
    private final AutoCloseable owned;
    private final Path dataDir;

    private ClusterStack(String bootstrapServers, String registryUrl, AutoCloseable owned, Path dataDir) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.owned = owned;
        this.dataDir = dataDir;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** Starts the embedded broker and registry (the benchmarks run on it too). */
    public static ClusterStack embedded() throws IOException {
        Path dataDir = Files.createTempDirectory("blastradius-evaluate-");
        LocalStack stack = LocalStack.infrastructure(new LocalStackConfig(Map.of(
                LocalStackConfig.DATA_DIR, dataDir.toString(),
                LocalStackConfig.KAFKA_PORT, "0",
                LocalStackConfig.KAFKA_CONTROLLER_PORT, "0",
                LocalStackConfig.REGISTRY_PORT, "0")));
        try {
            stack.start();
        } catch (RuntimeException e) {
            Directories.deleteTree(dataDir);
            throw e;
        }
        return new ClusterStack(stack.context().bootstrapServers(), stack.context().registryUrl(), stack, dataDir);
    }

    /** An existing cluster and registry. */
    public static ClusterStack existing(String bootstrapServers, String registryUrl) {
        return new ClusterStack(bootstrapServers, registryUrl, null, null);
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public String schemaRegistryUrl() {
        return registryUrl;
    }

    @Override
    public void ensureTopics(List<TopicDefinition> definitions) {
        new TopicProvisioner(admin, ADMIN_TIMEOUT).ensure(definitions);
    }

    @Override
    public void close() throws Exception {
        admin.close(ADMIN_TIMEOUT);
        if (owned != null) {
            owned.close();
        }
        if (dataDir != null) {
            Directories.deleteTree(dataDir);
        }
    }
}
