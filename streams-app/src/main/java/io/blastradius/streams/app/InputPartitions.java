package io.blastradius.streams.app;

import io.blastradius.schemas.topic.Topics;
import io.blastradius.streams.config.StreamsAppConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many tasks the input sub-topology runs: the largest partition count of the three input
 * topics. The health and correlation stages wait for that many upstream tasks before deciding a minute.
 */
final class InputPartitions {
    private static final Logger LOG = LoggerFactory.getLogger(InputPartitions.class);
    private static final long TIMEOUT_MS = 30_000;

    private InputPartitions() {
    }

    static int count(StreamsAppConfig config, Topics topics) {
        List<String> inputs = List.of(topics.probeResults().name(), topics.socialSignals().name(), topics.statusEvents().name());
        try (Admin admin = Admin.create(config.adminProperties())) {
            Map<String, TopicDescription> described = admin.describeTopics(inputs).allTopicNames()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            int max = described.values().stream().mapToInt(d -> d.partitions().size()).max().orElse(1);
            LOG.info("health and correlation wait for {} upstream tasks (partitions of {})", max, inputs);
            return max;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the partitions of " + inputs, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the partition count of the input topics " + inputs + " (set "
                    + StreamsAppConfig.ALIGNMENT_SOURCES + " to skip the lookup): " + e.getMessage(), e);
        }
    }
}
