package io.blastradius.evaluation.run;

import io.blastradius.schemas.topic.TopicNames;
import java.util.List;
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

    /** The three signal streams. */
    public List<String> signals() {
        TopicNames names = names();
        return List.of(names.statusEvents(), names.socialSignals(), names.probeResults());
    }
}
