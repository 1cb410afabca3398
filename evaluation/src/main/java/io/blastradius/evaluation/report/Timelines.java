package io.blastradius.evaluation.report;

import io.blastradius.evaluation.score.Detection;
import io.blastradius.evaluation.score.DetectionResult;
import io.blastradius.evaluation.score.Durations;
import io.blastradius.evaluation.score.OutageResult;
import io.blastradius.evaluation.score.ScenarioScore;
import io.blastradius.evaluation.signal.SignalCollector;
import io.blastradius.evaluation.signal.SignalWindow;
import io.blastradius.evaluation.truth.TrueOutage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Draws the timeline pictures of a scenario: one per true outage and one per false alarm. The signal
 * streams are read once for all of them.
 */
public final class Timelines {
    private static final Duration FALSE_ALARM_MARGIN = Duration.ofHours(2);
    private static final Duration MAX_FALSE_ALARM_WINDOW = Duration.ofDays(3);

    private final int maxFalseAlarmPictures;

    /** @param maxFalseAlarmPictures false alarms drawn per scenario; the rest are listed in the notes */
    public Timelines(int maxFalseAlarmPictures) {
        this.maxFalseAlarmPictures = maxFalseAlarmPictures;
    }

    /**
     * Writes the pictures of {@code score} into {@code dir} and returns their paths relative to
     * {@code root} (the report directory), keyed as in {@link ScenarioNotes}.
     *
     * @param signals the run's signal streams, or null to draw without them
     */
    public ScenarioNotes write(ScenarioScore score, SignalSource signals, Path dir, Path root) throws IOException {
        record Planned(String key, String file, TimelineSvg.Model model) {
        }
        List<Detection> all = score.detections().stream().map(DetectionResult::detection).toList();
        SignalCollector collector = new SignalCollector();
        List<Planned> planned = new ArrayList<>();
        Set<String> files = new HashSet<>();
        List<String> notes = new ArrayList<>();

        for (OutageResult o : score.outages()) {
            TrueOutage t = o.truth();
            List<Detection> matched = all.stream().filter(d -> o.matchedDetections().contains(d.outageId())).toList();
            Instant last = t.end();
            for (Detection d : matched) {
                last = later(last, d.resolved() != null ? d.resolved() : d.detected());
            }
            Duration span = Duration.between(t.onset(), last);
            Duration margin = clamp(span.dividedBy(8), Duration.ofMinutes(30), Duration.ofHours(6));
            Set<String> services = new HashSet<>(t.hitServices());
            matched.forEach(d -> services.addAll(d.everObserved()));
            String key = "outage-" + fileSafe(t.id());
            SignalWindow window = SignalWindow.of(t.onset().minus(margin), last.plus(margin), t.scope(), services);
            String title = "True outage " + t.id() + ": " + t.scope();
            String subtitle = outageVerdict(o);
            planned.add(new Planned(ScenarioNotes.outageKey(t.id()), unique(files, key),
                    new TimelineSvg.Model(title, subtitle, window, t, inWindow(matched, all, window), matched.size(),
                            null)));
            collector.add(ScenarioNotes.outageKey(t.id()), window);
        }

        List<DetectionResult> falseAlarms = score.detections().stream().filter(DetectionResult::falseAlarm).toList();
        for (int i = 0; i < falseAlarms.size(); i++) {
            Detection d = falseAlarms.get(i).detection();
            if (i >= maxFalseAlarmPictures) {
                notes.add((falseAlarms.size() - maxFalseAlarmPictures) + " false alarms not drawn (limit "
                        + maxFalseAlarmPictures + " per scenario)");
                break;
            }
            Instant end = d.resolved() != null && d.resolved().isAfter(d.detected()) ? d.resolved() : d.detected();
            Instant until = end.plus(FALSE_ALARM_MARGIN);
            Instant from = d.detected().minus(FALSE_ALARM_MARGIN);
            if (Duration.between(from, until).compareTo(MAX_FALSE_ALARM_WINDOW) > 0) {
                until = from.plus(MAX_FALSE_ALARM_WINDOW);
            }
            SignalWindow window = SignalWindow.of(from, until, d.firstScope(), d.everObserved());
            TrueOutage during = score.truth().outages().stream().filter(t -> t.spans(d.detected())).findFirst()
                    .orElse(null);
            String title = "False alarm " + d.outageId() + ": " + d.firstScope();
            List<String> why = falseAlarms.get(i).explanations();
            String subtitle = "detected " + d.detected() + ", matches no true outage"
                    + (why.isEmpty() ? "" : "; " + String.join("; ", why));
            String key = ScenarioNotes.detectionKey(d.outageId());
            planned.add(new Planned(key, unique(files, "false-alarm-" + fileSafe(d.outageId())),
                    new TimelineSvg.Model(title, subtitle, window, during, inWindow(List.of(d), all, window), 1, null)));
            collector.add(key, window);
        }

        if (signals != null && !collector.isEmpty()) {
            signals.replay(collector);
        } else if (signals == null) {
            notes.add("no signal streams available: timelines drawn without probe, complaint and status lanes");
        }
        Files.createDirectories(dir);
        Map<String, String> written = new LinkedHashMap<>();
        for (Planned p : planned) {
            TimelineSvg.Model m = p.model();
            TimelineSvg.Model withSignals = new TimelineSvg.Model(m.title(), m.subtitle(), m.window(), m.truth(),
                    m.detections(), m.focus(), signals == null ? null : collector.get(p.key()));
            Path file = dir.resolve(p.file() + ".svg");
            Files.writeString(file, TimelineSvg.render(withSignals), StandardCharsets.UTF_8);
            written.put(p.key(), root.relativize(file).toString().replace('\\', '/'));
        }
        return new ScenarioNotes(written, notes);
    }

    private static String outageVerdict(OutageResult o) {
        TrueOutage t = o.truth();
        String ack = t.silent() ? "provider silent" : "provider ack at " + t.acknowledged();
        if (!o.detected()) {
            return "MISSED; onset " + t.onset() + ", " + ack;
        }
        String lead = o.lead() == null ? "" : o.lead().isNegative() ? ", " + Durations.format(o.lead().negated())
                + " after the ack" : ", " + Durations.format(o.lead()) + " before the ack";
        return "detected " + Durations.format(o.timeToDetect()) + " after onset" + lead + "; " + ack + "; "
                + o.matchedDetections().size() + " matching detection(s)";
    }

    /** The matched detections first, then any other detection that fired inside the window. */
    private static List<Detection> inWindow(List<Detection> first, List<Detection> all, SignalWindow window) {
        List<Detection> result = new ArrayList<>(first);
        for (Detection d : all) {
            if (!result.contains(d) && !d.detected().isBefore(window.from()) && d.detected().isBefore(window.until())) {
                result.add(d);
            }
        }
        return result;
    }

    static String fileSafe(String id) {
        String safe = id.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.length() > 80 ? safe.substring(0, 80) : safe;
    }

    private static String unique(Set<String> taken, String name) {
        String candidate = name;
        for (int n = 2; !taken.add(candidate); n++) {
            candidate = name + "-" + n;
        }
        return candidate;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Duration clamp(Duration d, Duration min, Duration max) {
        return d.compareTo(min) < 0 ? min : d.compareTo(max) > 0 ? max : d;
    }
}
