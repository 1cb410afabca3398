package io.blastradius.evaluation.run;

import io.blastradius.schemas.topic.TopicNames;
import java.util.List;

/**
 * The topics of one scenario run and the pipeline's application id there. Every run gets its own
 * topic prefix, so scenarios of a suite (and parallel runs on a shared cluster) never see each other's
 * records.
 */
public record RunTopics(TopicNames names, String applicationId) {
    /** The three signal streams. */
    public List<String> signals() {
        return List.of(names.statusEvents(), names.socialSignals(), names.probeResults());
    }
}
