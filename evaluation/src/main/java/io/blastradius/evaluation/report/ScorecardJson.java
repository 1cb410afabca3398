package io.blastradius.evaluation.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blastradius.evaluation.score.Detection;
import io.blastradius.evaluation.score.DetectionResult;
import io.blastradius.evaluation.score.Durations;
import io.blastradius.evaluation.score.Mean;
import io.blastradius.evaluation.score.Metrics;
import io.blastradius.evaluation.score.OutageResult;
import io.blastradius.evaluation.score.Ratio;
import io.blastradius.evaluation.score.ScenarioScore;
import io.blastradius.evaluation.score.SuiteScore;
import io.blastradius.evaluation.truth.TrueOutage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The scorecard as JSON: every number of the table and the per-outage and per-detection detail behind
 * it. Ratios carry their counts, durations are seconds, undefined values are {@code null}. Field
 * meanings: {@code docs/evaluation.md}.
 */
public final class ScorecardJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ScorecardJson() {
    }

    public static void write(Path file, SuiteScore suite, List<ScenarioNotes> notes) throws IOException {
        JSON.writeValue(file.toFile(), tree(suite, notes));
    }

    public static ObjectNode tree(SuiteScore suite, List<ScenarioNotes> notes) {
        ObjectNode root = JSON.createObjectNode();
        root.put("definitions", "docs/evaluation.md");
        metrics(root.putObject("totals"), suite.totals());
        ArrayNode scenarios = root.putArray("scenarios");
        for (int i = 0; i < suite.scenarios().size(); i++) {
            scenario(scenarios.addObject(), suite.scenarios().get(i), i < notes.size() ? notes.get(i) : ScenarioNotes.NONE);
        }
        return root;
    }

    private static void scenario(ObjectNode node, ScenarioScore score, ScenarioNotes notes) {
        node.put("scenario", score.scenario());
        node.put("world", score.truth().world());
        if (score.truth().seed() != null) {
            node.put("seed", score.truth().seed());
        } else {
            node.putNull("seed");
        }
        time(node, "start", score.truth().start());
        time(node, "end", score.truth().end());
        metrics(node.putObject("metrics"), score.metrics());
        ArrayNode outages = node.putArray("outages");
        score.outages().forEach(o -> outage(outages.addObject(), o, notes));
        ArrayNode detections = node.putArray("detections");
        score.detections().forEach(d -> detection(detections.addObject(), d, notes));
        strings(node, "notes", notes.notes());
    }

    static void metrics(ObjectNode node, Metrics m) {
        Metrics.Detections d = m.detection();
        ObjectNode det = node.putObject("detection");
        det.put("trueOutages", d.trueOutages());
        det.put("detections", d.detections());
        det.put("matchedDetections", d.matchedDetections());
        det.put("detectedOutages", d.detectedOutages());
        det.put("duplicateDetections", d.duplicateDetections());
        det.put("falseAlarms", d.falseAlarms());
        det.put("simulatedDays", d.simulatedDays());
        ratio(det, "precision", d.precision());
        ratio(det, "recall", d.recall());
        if (d.falseAlarmsPerDay().isPresent()) {
            det.put("falseAlarmsPerDay", d.falseAlarmsPerDay().getAsDouble());
        } else {
            det.putNull("falseAlarmsPerDay");
        }

        Metrics.Attributions a = m.attribution();
        ObjectNode att = node.putObject("attribution");
        ratio(att, "provider", a.provider());
        ratio(att, "region", a.region());
        ratio(att, "providerService", a.service());
        ratio(att, "scope", a.scope());
        att.put("judged", a.judged());
        att.put("judgedOnUnmatchedDetection", a.loose());

        Metrics.Timing t = m.timing();
        ObjectNode timing = node.putObject("timing");
        durations(timing, "timeToDetect", t.timeToDetect());
        durations(timing, "lead", t.lead());
        timing.put("detectedWithAck", t.detectedWithAck());
        timing.put("detectedBeforeAck", t.detectedBeforeAck());
        timing.put("silentOutages", t.silentOutages());
        timing.put("detectedWhileSilent", t.detectedWhileSilent());

        Metrics.BlastRadius b = m.blastRadius();
        ObjectNode br = node.putObject("blastRadius");
        blastRadiusQuality(br, b.finalPrecision(), b.finalRecall(), b.everPrecision(), b.everRecall(),
                b.precisionOverTime(), b.recallOverTime());
        durations(br, "listingDelay", b.listingDelay());
        br.put("hitServices", b.hitServices());
        br.put("listed", b.listed());
        br.put("anticipated", b.anticipated());
    }

    private static void outage(ObjectNode node, OutageResult o, ScenarioNotes notes) {
        TrueOutage t = o.truth();
        node.put("id", t.id());
        node.put("scope", t.scope().toString());
        time(node, "onset", t.onset());
        time(node, "acknowledged", t.acknowledged());
        time(node, "end", t.end());
        node.put("silentProvider", t.silent());
        node.put("detected", o.detected());
        strings(node, "matchedDetections", o.matchedDetections());
        seconds(node, "timeToDetectSeconds", o.timeToDetect());
        seconds(node, "leadSeconds", o.lead());
        if (o.attribution() == null) {
            node.putNull("attribution");
        } else {
            OutageResult.Attribution a = o.attribution();
            ObjectNode att = node.putObject("attribution");
            att.put("detection", a.detectionId());
            att.put("matched", a.strict());
            att.put("said", a.said().toString());
            att.put("expected", a.expected().toString());
            att.put("provider", a.provider());
            att.put("region", a.region());
            att.put("providerService", a.service());
        }
        if (o.blastRadius() == null) {
            node.putNull("blastRadius");
        } else {
            OutageResult.BlastRadiusResult b = o.blastRadius();
            ObjectNode br = node.putObject("blastRadius");
            strings(br, "hit", new TreeSet<>(b.truth()));
            strings(br, "finalObserved", new TreeSet<>(b.finalObserved()));
            strings(br, "everObserved", new TreeSet<>(b.everObserved()));
            blastRadiusQuality(br, b.finalPrecision(), b.finalRecall(), b.everPrecision(), b.everRecall(),
                    b.precisionOverTime(), b.recallOverTime());
            ObjectNode delays = br.putObject("listingDelaySeconds");
            b.listingDelay().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> delays.put(e.getKey(), e.getValue().toMillis() / 1000.0));
            strings(br, "neverListed", b.neverListed());
            strings(br, "anticipated", b.anticipated());
        }
        node.put("timeline", notes.timelines().get(ScenarioNotes.outageKey(t.id())));
    }

    private static void detection(ObjectNode node, DetectionResult r, ScenarioNotes notes) {
        Detection d = r.detection();
        node.put("outageId", d.outageId());
        node.put("scope", d.firstScope().toString());
        strings(node, "scopes", d.scopes().stream().map(Object::toString).toList());
        time(node, "detected", d.detected());
        time(node, "resolved", d.resolved());
        node.put("furthestState", d.furthestState().name());
        node.put("versions", d.versions().size());
        node.put("matchedOutage", r.matchedOutage());
        node.put("falseAlarm", r.falseAlarm());
        strings(node, "explanations", r.explanations());
        strings(node, "finalObserved", new TreeSet<>(d.finalObserved()));
        ArrayNode transitions = node.putArray("transitions");
        for (Detection.Transition t : d.transitions()) {
            ObjectNode tn = transitions.addObject();
            tn.put("from", t.from() == null ? null : t.from().name());
            tn.put("to", t.to().name());
            time(tn, "at", t.at());
            tn.put("reason", t.reason());
        }
        node.put("timeline", notes.timelines().get(ScenarioNotes.detectionKey(d.outageId())));
    }

    /** The same six figures for one outage and for a scenario or suite. */
    private static void blastRadiusQuality(ObjectNode node, Ratio finalPrecision, Ratio finalRecall,
                                           Ratio everPrecision, Ratio everRecall, Mean precisionOverTime,
                                           Mean recallOverTime) {
        ratio(node, "finalPrecision", finalPrecision);
        ratio(node, "finalRecall", finalRecall);
        ratio(node, "everPrecision", everPrecision);
        ratio(node, "everRecall", everRecall);
        mean(node, "precisionOverTime", precisionOverTime);
        mean(node, "recallOverTime", recallOverTime);
    }

    private static void ratio(ObjectNode node, String field, Ratio r) {
        ObjectNode n = node.putObject(field);
        if (r.defined()) {
            n.put("value", r.value().getAsDouble());
        } else {
            n.putNull("value");
        }
        n.put("numerator", r.numerator());
        n.put("denominator", r.denominator());
    }

    private static void mean(ObjectNode node, String field, Mean m) {
        ObjectNode n = node.putObject(field);
        if (m.value().isPresent()) {
            n.put("value", m.value().getAsDouble());
        } else {
            n.putNull("value");
        }
        n.put("count", m.count());
    }

    private static void durations(ObjectNode node, String field, Durations d) {
        ObjectNode n = node.putObject(field + "Seconds");
        n.put("count", d.count());
        seconds(n, "median", d.median());
        seconds(n, "p95", d.p95());
        seconds(n, "min", d.min());
        seconds(n, "max", d.max());
        ArrayNode values = n.putArray("values");
        d.values().forEach(v -> values.add(v.toMillis() / 1000.0));
    }

    private static void seconds(ObjectNode node, String field, Optional<Duration> d) {
        seconds(node, field, d.orElse(null));
    }

    private static void seconds(ObjectNode node, String field, Duration d) {
        if (d == null) {
            node.putNull(field);
        } else {
            node.put(field, d.toMillis() / 1000.0);
        }
    }

    private static void time(ObjectNode node, String field, Instant t) {
        node.put(field, t == null ? null : t.toString());
    }

    private static void strings(ObjectNode node, String field, Collection<String> values) {
        ArrayNode array = node.putArray(field);
        values.forEach(array::add);
    }
}
