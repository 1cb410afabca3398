package io.blastradius.evaluation.score;

import io.blastradius.evaluation.score.OutageResult.Attribution;
import io.blastradius.evaluation.score.OutageResult.BlastRadiusResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Every number of a scorecard, for one scenario or pooled over a suite. Built only from per-outage and
 * per-detection results, so a suite total is the same computation over the union (counts and samples
 * pooled, never an average of scenario averages). Definitions: {@code docs/evaluation.md}.
 */
public record Metrics(Detections detection, Attributions attribution, Timing timing, BlastRadius blastRadius) {

    public static Metrics of(List<OutageResult> outages, List<DetectionResult> detections, Duration span) {
        return new Metrics(Detections.of(outages, detections, span), Attributions.of(outages), Timing.of(outages),
                BlastRadius.of(outages));
    }

    /**
     * Detection counts and rates.
     *
     * @param matchedDetections detections that match a true outage (duplicates included)
     * @param duplicateDetections matched detections beyond the first of each outage
     * @param precision matched detections / detections
     * @param recall true outages with a matching detection / true outages
     * @param falseAlarmsPerDay false alarms / simulated days; empty for a zero-length span
     */
    public record Detections(int trueOutages, int detections, int matchedDetections, int detectedOutages,
                             int duplicateDetections, int falseAlarms, double simulatedDays, Ratio precision,
                             Ratio recall, OptionalDouble falseAlarmsPerDay) {

        static Detections of(List<OutageResult> outages, List<DetectionResult> detections, Duration span) {
            int matched = (int) detections.stream().filter(d -> !d.falseAlarm()).count();
            int detected = (int) outages.stream().filter(OutageResult::detected).count();
            int falseAlarms = detections.size() - matched;
            double days = span.toMillis() / 86_400_000.0;
            return new Detections(outages.size(), detections.size(), matched, detected, matched - detected,
                    falseAlarms, days, Ratio.of(matched, detections.size()), Ratio.of(detected, outages.size()),
                    days > 0 ? OptionalDouble.of(falseAlarms / days) : OptionalDouble.empty());
        }
    }

    /**
     * Attribution accuracy per part over the outages that had an answer.
     *
     * @param judged outages with an answer (a matching detection, or an unmatched one in their span)
     * @param loose of those, outages judged on an unmatched detection
     */
    public record Attributions(Ratio provider, Ratio region, Ratio service, Ratio scope, int judged, int loose) {
        static Attributions of(List<OutageResult> outages) {
            List<Attribution> judged = outages.stream().map(OutageResult::attribution).filter(Objects::nonNull).toList();
            int n = judged.size();
            return new Attributions(
                    Ratio.of(judged.stream().filter(Attribution::provider).count(), n),
                    Ratio.of(judged.stream().filter(Attribution::region).count(), n),
                    Ratio.of(judged.stream().filter(Attribution::service).count(), n),
                    Ratio.of(judged.stream().filter(Attribution::scope).count(), n),
                    n, (int) judged.stream().filter(a -> !a.strict()).count());
        }
    }

    /**
     * Time to detect and lead over the provider's acknowledgment, over detected outages.
     *
     * @param detectedWithAck detected outages the provider acknowledged (the lead sample size)
     * @param detectedBeforeAck of those, detected strictly before the acknowledgment
     * @param silentOutages true outages the provider never acknowledged
     * @param detectedWhileSilent of those, detected ones
     */
    public record Timing(Durations timeToDetect, Durations lead, int detectedWithAck, int detectedBeforeAck,
                         int silentOutages, int detectedWhileSilent) {
        static Timing of(List<OutageResult> outages) {
            List<Duration> ttd = new ArrayList<>();
            List<Duration> lead = new ArrayList<>();
            int beforeAck = 0;
            int silent = 0;
            int detectedSilent = 0;
            for (OutageResult o : outages) {
                if (o.truth().silent()) {
                    silent++;
                    detectedSilent += o.detected() ? 1 : 0;
                }
                if (o.timeToDetect() != null) {
                    ttd.add(o.timeToDetect());
                }
                if (o.lead() != null) {
                    lead.add(o.lead());
                    beforeAck += o.lead().isNegative() || o.lead().isZero() ? 0 : 1;
                }
            }
            return new Timing(new Durations(ttd), new Durations(lead), lead.size(), beforeAck, silent, detectedSilent);
        }
    }

    /**
     * Blast-radius quality over detected outages, micro-averaged (intersections and set sizes summed
     * over outages); the over-time figures are means of the per-outage means.
     *
     * @param hitServices services truly hit, summed over detected outages
     * @param listed of those, listed as observed at some point
     * @param anticipated of those, listed at risk before they were hit
     */
    public record BlastRadius(Ratio finalPrecision, Ratio finalRecall, Ratio everPrecision, Ratio everRecall,
                              Mean precisionOverTime, Mean recallOverTime, Durations listingDelay, int hitServices,
                              int listed, int anticipated) {
        static BlastRadius of(List<OutageResult> outages) {
            Ratio finalPrecision = Ratio.of(0, 0);
            Ratio finalRecall = Ratio.of(0, 0);
            Ratio everPrecision = Ratio.of(0, 0);
            Ratio everRecall = Ratio.of(0, 0);
            Mean precisionOverTime = Mean.NONE;
            Mean recallOverTime = Mean.NONE;
            List<Duration> delays = new ArrayList<>();
            int hit = 0;
            int anticipated = 0;
            for (OutageResult o : outages) {
                BlastRadiusResult b = o.blastRadius();
                if (b == null) {
                    continue;
                }
                finalPrecision = finalPrecision.plus(b.finalPrecision());
                finalRecall = finalRecall.plus(b.finalRecall());
                everPrecision = everPrecision.plus(b.everPrecision());
                everRecall = everRecall.plus(b.everRecall());
                precisionOverTime = b.precisionOverTime().value().isPresent()
                        ? precisionOverTime.plus(b.precisionOverTime().value().getAsDouble()) : precisionOverTime;
                recallOverTime = b.recallOverTime().value().isPresent()
                        ? recallOverTime.plus(b.recallOverTime().value().getAsDouble()) : recallOverTime;
                delays.addAll(b.listingDelay().values());
                hit += b.truth().size();
                anticipated += b.anticipated().size();
            }
            return new BlastRadius(finalPrecision, finalRecall, everPrecision, everRecall, precisionOverTime,
                    recallOverTime, new Durations(delays), hit, delays.size(), anticipated);
        }
    }
}
