package io.blastradius.deploy.local;

import io.blastradius.schemas.serde.AvroSerdeConfig;
import io.blastradius.schemas.topic.TopicNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the parts of a {@link LocalStack} share: the configuration, the topic names, and what
 * running parts offer to later ones (the broker's address, the registry's URL, endpoints to print).
 */
public final class StackContext {
    private final LocalStackConfig config;
    private final List<Endpoint> endpoints = new ArrayList<>();
    private final List<String> pipelineGroups = new ArrayList<>();
    private final StackConsole console = new StackConsole();
    private volatile String bootstrapServers;
    private volatile String registryUrl;

    /** An address a user can point a tool at, e.g. {@code kafka 127.0.0.1:9092 (bootstrap.servers)}. */
    public record Endpoint(String name, String address, String use) {}

    StackContext(LocalStackConfig config) {
        this.config = config;
    }

    public LocalStackConfig config() {
        return config;
    }

    public TopicNames topicNames() {
        return config.topicNames();
    }

    /** The broker's {@code bootstrap.servers}; fails if no part published it yet. */
    public String bootstrapServers() {
        if (bootstrapServers == null) {
            throw new IllegalStateException("no broker is running yet: the kafka part must start before this one");
        }
        return bootstrapServers;
    }

    /** The registry's Confluent-compatible URL; fails if no part published it yet. */
    public String registryUrl() {
        if (registryUrl == null) {
            throw new IllegalStateException("no registry is running yet: the registry part must start before this one");
        }
        return registryUrl;
    }

    /** Serde configuration for the stack's registry (the keys of {@link AvroSerdeConfig}). */
    public Map<String, Object> serdeConfig() {
        return Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl());
    }

    public void publishBootstrapServers(String servers) {
        this.bootstrapServers = servers;
    }

    public void publishRegistryUrl(String url) {
        this.registryUrl = url;
    }

    /** Where parts print what the person running the stack should see. */
    public StackConsole console() {
        return console;
    }

    /** Announces the consumer group of a pipeline reading the input topics (the streams app's application id). */
    public synchronized void addPipelineGroup(String groupId) {
        pipelineGroups.add(groupId);
    }

    /** The consumer groups of the pipelines started so far, to wait until they have consumed what was published. */
    public synchronized List<String> pipelineGroups() {
        return List.copyOf(pipelineGroups);
    }

    public synchronized void addEndpoint(String name, String address, String use) {
        endpoints.add(new Endpoint(name, address, use));
    }

    public synchronized List<Endpoint> endpoints() {
        return List.copyOf(endpoints);
    }
}
