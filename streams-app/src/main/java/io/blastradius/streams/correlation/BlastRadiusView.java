package io.blastradius.streams.correlation;

import java.util.List;

/**
 * Who an outage hits: the services seen failing that its scope explains, and those that depend on
 * the scope but show nothing yet, each with its dependency path and user base.
 */
public record BlastRadiusView(List<Impacted> observed, List<Impacted> atRisk, long observedUsers, long atRiskUsers,
        int secondOrder) {

    /**
     * One service in the blast radius.
     *
     * @param path from the service through intermediaries to the scope
     * @param firstEvidence event time of the first failing evidence, null for at-risk services
     * @param score for observed services their health score, for at-risk ones the chance they are hit
     */
    public record Impacted(String service, String name, List<String> path, String kind, Long firstEvidence,
            double score, long users) {
        public int depth() {
            return path.size() - 1;
        }
    }
}
