package io.blastradius.evaluation.run;

import io.blastradius.schemas.topic.TopicNames;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The topics of one scenario run (every topic of the design under {@code prefix}) and the pipeline's
 * application id there. Every run gets its own prefix, so scenarios of a suite (and parallel runs on a
 * shared cluster) never see each other's records.
 */
public record RunTopics(String prefix, String applicationId) {
    public RunTopics {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(applicationId, "applicationId");
    }

    public TopicNames names() {
        return TopicNames.withPrefix(prefix);
    }

    /**
     * How the run's topics are created: as in a deployment, except that the outage topic keeps every
     * version instead of being compacted. The scorer reads a detection's history from it after the
     * run; compaction would have dropped early versions by then (under exactly-once the first commit
     * marker, stamped with the wall clock, rolls the segment holding the first event-time-stamped
     * versions, and the cleaner then keeps only the last of them), so the first listing of services
     * in the blast radius would depend on when the cleaner ran.
     */
    public List<TopicNames.TopicDefinition> definitions(int partitions) {
        String outages = names().outages();
        return names().definitions(partitions).stream()
                .map(d -> d.name().equals(outages)
                        ? new TopicNames.TopicDefinition(d.name(), d.partitions(),
                                Map.of("cleanup.policy", "delete", "retention.ms", "-1"))
                        : d)
                .toList();
    }

    /** The three signal streams. */
    public List<String> signals() {
        TopicNames names = names();
        return List.of(names.statusEvents(), names.socialSignals(), names.probeResults());
    }
}
