package io.blastradius.evaluation.score;

import io.blastradius.evaluation.truth.TrueOutage;
import io.blastradius.schemas.scope.ScopeId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the pipeline did on one true outage.
 *
 * @param matchedDetections ids of the detections counted for this outage, earliest first
 * @param attribution what the pipeline said the scope was, judged per part; null when it said nothing
 *     during the outage
 * @param timeToDetect {@code detected - onset} of the first matching detection; null when undetected
 * @param lead {@code acknowledged - detected}; null when undetected or the provider stayed silent
 * @param blastRadius the blast radius against the services truly hit; null when undetected
 */
public record OutageResult(
        TrueOutage truth,
        List<String> matchedDetections,
        Attribution attribution,
        Duration timeToDetect,
        Duration lead,
        BlastRadiusResult blastRadius) {

    public OutageResult {
        matchedDetections = List.copyOf(matchedDetections);
    }

    public boolean detected() {
        return !matchedDetections.isEmpty();
    }

    /**
     * The scope a detection announced, judged against the phase in effect when it was detected.
     *
     * @param detectionId the detection judged: the first matching one, else ({@code strict = false}) the
     *     earliest unmatched detection inside the outage's span, one naming the outage's provider first
     * @param expected the phase scope it is judged against
     */
    public record Attribution(String detectionId, boolean strict, ScopeId said, ScopeId expected,
                              boolean provider, boolean region, boolean service) {
        /** All three parts right. */
        public boolean scope() {
            return provider && region && service;
        }
    }

    /**
     * The services the pipeline listed as observed for this outage (over its matching detections)
     * against the services truly hit.
     *
     * @param listingDelay per hit service that was ever listed: first listing ({@code updatedAt} of the
     *     first version naming it) minus the service's truth {@code from}
     * @param anticipated hit services listed at risk before their truth {@code from}
     * @param precisionOverTime mean over checkpoints of |listed ∩ hit| / |listed|
     * @param recallOverTime mean over checkpoints of |listed ∩ failing now| / |failing now|
     */
    public record BlastRadiusResult(
            Set<String> truth,
            Set<String> finalObserved,
            Set<String> everObserved,
            Map<String, Duration> listingDelay,
            List<String> neverListed,
            List<String> anticipated,
            Mean precisionOverTime,
            Mean recallOverTime) {

        public BlastRadiusResult {
            truth = Set.copyOf(truth);
            finalObserved = Set.copyOf(finalObserved);
            everObserved = Set.copyOf(everObserved);
            listingDelay = Map.copyOf(listingDelay);
            neverListed = List.copyOf(neverListed);
            anticipated = List.copyOf(anticipated);
        }

        public Ratio finalPrecision() {
            return Ratio.of(intersection(finalObserved), finalObserved.size());
        }

        public Ratio finalRecall() {
            return Ratio.of(intersection(finalObserved), truth.size());
        }

        public Ratio everPrecision() {
            return Ratio.of(intersection(everObserved), everObserved.size());
        }

        public Ratio everRecall() {
            return Ratio.of(intersection(everObserved), truth.size());
        }

        private long intersection(Set<String> listed) {
            return listed.stream().filter(truth::contains).count();
        }
    }
}
