package io.blastradius.embedded.topic;

import io.blastradius.schemas.topic.TopicNames.TopicDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates topics from their definitions, idempotently: missing topics are created; topics that
 * already exist get their configs set to the definition's (so a topic created earlier with the
 * default time retention is switched to keep-forever before a replay lands in it). Partition counts
 * of existing topics are never changed, since that would move keys between partitions; a mismatch
 * is logged.
 */
public final class TopicProvisioner {
    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private final Admin admin;
    private final Duration timeout;

    /**
     * @param admin a client of the target cluster; not closed here
     * @param timeout bound of each admin round trip
     */
    public TopicProvisioner(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** What {@link #ensure} did. */
    public record Result(List<String> created, List<String> existing) {
        public Result {
            created = List.copyOf(created);
            existing = List.copyOf(existing);
        }
    }

    /**
     * Makes every topic in {@code definitions} exist with its configs.
     *
     * @throws IllegalStateException when the cluster refuses or does not answer in time
     */
    public Result ensure(Collection<TopicDefinition> definitions) {
        List<NewTopic> wanted = new ArrayList<>();
        for (TopicDefinition d : definitions) {
            wanted.add(new NewTopic(d.name(), Optional.of(d.partitions()), Optional.empty()).configs(d.configs()));
        }
        CreateTopicsResult result = admin.createTopics(wanted);
        List<String> created = new ArrayList<>();
        List<String> existing = new ArrayList<>();
        for (TopicDefinition d : definitions) {
            try {
                await(result.values().get(d.name()));
                created.add(d.name());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + d.name() + ": " + e.getCause().getMessage(),
                            e.getCause());
                }
                existing.add(d.name());
            }
        }
        // the controller has the topics now; wait until the broker serves them, so callers can use them at once
        awaitVisible(definitions.stream().map(TopicDefinition::name).toList());
        if (!created.isEmpty()) {
            awaitLeaders(created);
        }
        if (!existing.isEmpty()) {
            reconcile(definitions.stream().filter(d -> existing.contains(d.name())).toList());
        }
        log.info("topics created: {}; already there: {}", created, existing);
        return new Result(created, existing);
    }

    private void reconcile(List<TopicDefinition> definitions) {
        Map<ConfigResource, Collection<AlterConfigOp>> ops = new HashMap<>();
        for (TopicDefinition d : definitions) {
            ops.put(new ConfigResource(ConfigResource.Type.TOPIC, d.name()), d.configs().entrySet().stream()
                    .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                    .toList());
        }
        try {
            await(admin.incrementalAlterConfigs(ops).all());
            awaitConfigs(definitions);
            Map<String, TopicDescription> described =
                    await(admin.describeTopics(definitions.stream().map(TopicDefinition::name).toList()).allTopicNames());
            for (TopicDefinition d : definitions) {
                int actual = described.get(d.name()).partitions().size();
                if (actual != d.partitions()) {
                    log.warn("topic {} has {} partitions, its definition says {}; left as is (changing it would move keys)",
                            d.name(), actual, d.partitions());
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot reconcile existing topics " + ops.keySet() + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    private void awaitVisible(List<String> names) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                await(admin.describeTopics(names).allTopicNames());
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("topics " + names + " did not become visible: "
                            + e.getCause().getMessage(), e.getCause());
                }
                pause();
            }
        }
    }

    /**
     * Waits until the leader of every partition of {@code names} answers a list-offsets request,
     * that is until the broker has opened the partitions, not just learned of them. A producer that
     * writes into a partition the broker has not opened yet gets NOT_LEADER_OR_FOLLOWER for its first
     * request while a later in-flight request can succeed; the first then fails its retries with
     * OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery timeout (KAFKA-15591) and its records are lost.
     */
    private void awaitLeaders(List<String> names) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                for (TopicDescription d : await(admin.describeTopics(names).allTopicNames()).values()) {
                    for (TopicPartitionInfo p : d.partitions()) {
                        partitions.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
                    }
                }
                await(admin.listOffsets(partitions).all());
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("partitions of " + names + " got no serving leader: "
                            + e.getCause().getMessage(), e.getCause());
                }
                pause();
            }
        }
    }

    /** Waits until the broker reports every definition's configs (config changes reach it asynchronously). */
    private void awaitConfigs(List<TopicDefinition> definitions) throws ExecutionException {
        List<ConfigResource> resources = definitions.stream()
                .map(d -> new ConfigResource(ConfigResource.Type.TOPIC, d.name())).toList();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<ConfigResource, Config> actual = await(admin.describeConfigs(resources).all());
            List<String> pending = definitions.stream()
                    .filter(d -> !matches(actual.get(new ConfigResource(ConfigResource.Type.TOPIC, d.name())), d.configs()))
                    .map(TopicDefinition::name).toList();
            if (pending.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("configs of " + pending + " were not applied within " + timeout);
            }
            pause();
        }
    }

    private static boolean matches(Config actual, Map<String, String> wanted) {
        return wanted.entrySet().stream().allMatch(e -> actual.get(e.getKey()) != null
                && e.getValue().equals(actual.get(e.getKey()).value()));
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning topics", e);
        }
    }

    private <T> T await(KafkaFuture<T> future) throws ExecutionException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the cluster did not answer within " + timeout + " while provisioning topics", e);
        }
    }
}
