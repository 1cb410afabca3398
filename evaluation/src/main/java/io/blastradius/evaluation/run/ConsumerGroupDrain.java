package io.blastradius.evaluation.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step (d) of a run: waits until the pipeline has consumed everything, judged by offsets rather than
 * by sleeping: every partition of the input topics is committed up to its end offset by one of the
 * pipeline's consumer groups, and so is every partition each group reads besides (its repartition
 * topics, named {@code <application id>-...-repartition} by Kafka Streams, and whatever else it has
 * committed). With exactly-once processing the outputs are committed with those offsets; with
 * at-least-once they are flushed before them, so once drained the output topics are complete.
 */
public final class ConsumerGroupDrain {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerGroupDrain.class);

    private final Admin admin;
    private final Duration pollInterval;
    private final Duration timeout;

    public ConsumerGroupDrain(Admin admin, Duration pollInterval, Duration timeout) {
        this.admin = admin;
        this.pollInterval = pollInterval;
        this.timeout = timeout;
    }

    /** Returns once drained; throws a {@link TimeoutException} naming the lagging partitions otherwise. */
    public void await(Collection<String> groups, Collection<String> inputTopics)
            throws TimeoutException, InterruptedException, ExecutionException {
        Instant deadline = Instant.now().plus(timeout);
        Map<TopicPartition, Long> lag = lag(groups, inputTopics);
        while (!lag.isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new TimeoutException("the pipeline (groups " + groups + ") did not consume everything within "
                        + timeout + "; remaining lag per partition: " + lag);
            }
            LOG.debug("waiting for the pipeline, lag {}", lag);
            Thread.sleep(pollInterval.toMillis());
            lag = lag(groups, inputTopics);
        }
    }

    /** Partitions not yet consumed to their end, with how many records remain. */
    Map<TopicPartition, Long> lag(Collection<String> groups, Collection<String> inputTopics)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, Map<TopicPartition, Long>> committed = new HashMap<>();
        Set<String> topics = new HashSet<>(inputTopics);
        Set<String> existing = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        for (String group : groups) {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            Map<TopicPartition, OffsetAndMetadata> raw = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            raw.forEach((tp, om) -> {
                if (om != null) {
                    offsets.put(tp, om.offset());
                    topics.add(tp.topic());
                }
            });
            committed.put(group, offsets);
            existing.stream().filter(t -> t.startsWith(group + "-") && t.endsWith("-repartition")).forEach(topics::add);
        }
        Map<TopicPartition, Long> ends = endOffsets(topics);
        Map<TopicPartition, Long> lag = new HashMap<>();
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            TopicPartition tp = end.getKey();
            if (end.getValue() == 0) {
                continue;
            }
            boolean input = inputTopics.contains(tp.topic());
            long best = -1;
            List<Long> behind = new ArrayList<>();
            for (String group : groups) {
                Long offset = committed.get(group).get(tp);
                boolean readsIt = offset != null || tp.topic().startsWith(group + "-");
                if (offset != null) {
                    best = Math.max(best, offset);
                }
                if (readsIt && !input && (offset == null || offset < end.getValue())) {
                    behind.add(end.getValue() - (offset == null ? 0 : offset));
                }
            }
            if (input && best < end.getValue()) {
                lag.put(tp, end.getValue() - Math.max(0, best));
            } else if (!behind.isEmpty()) {
                lag.put(tp, behind.stream().mapToLong(Long::longValue).max().orElseThrow());
            }
        }
        return lag;
    }

    private Map<TopicPartition, Long> endOffsets(Set<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        described.values().forEach(d -> d.partitions()
                .forEach(p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResultInfo> result = admin.listOffsets(request).all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> ends = new HashMap<>();
        result.forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }
}
