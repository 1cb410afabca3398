package io.blastradius.evaluation.report;

import io.blastradius.evaluation.score.Detection;
import io.blastradius.evaluation.score.Durations;
import io.blastradius.evaluation.signal.SignalSeries;
import io.blastradius.evaluation.signal.SignalWindow;
import io.blastradius.evaluation.truth.TrueOutage;
import io.blastradius.schemas.ComponentStatus;
import io.blastradius.schemas.OutageState;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Draws one timeline as a self-contained SVG (no scripts, no external references): the truth span and
 * phases, the pipeline's detections with their lifecycle, the three signals around them (probe failure
 * ratio, complaint volume, status events) and the services hit against those listed. Every piece of
 * text, much of it untrusted (status titles, ids), is escaped.
 */
public final class TimelineSvg {
    private static final int WIDTH = 1100;
    private static final int LEFT = 170;
    private static final int RIGHT = 20;
    private static final int PLOT = WIDTH - LEFT - RIGHT;
    private static final int MAX_DETECTION_ROWS = 12;
    private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAYS = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final List<Duration> TICKS = List.of(Duration.ofMinutes(5), Duration.ofMinutes(10),
            Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(3),
            Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(7));
    private static final Map<OutageState, String> STATE_COLORS = Map.of(
            OutageState.SUSPECTED, "#f0ad4e", OutageState.CONFIRMED, "#d9534f", OutageState.ACKNOWLEDGED, "#a94442",
            OutageState.RECOVERING, "#5bc0de", OutageState.RESOLVED, "#999999");
    private static final Map<ComponentStatus, String> STATUS_COLORS = Map.of(
            ComponentStatus.OPERATIONAL, "#5cb85c", ComponentStatus.DEGRADED, "#f0ad4e",
            ComponentStatus.PARTIAL_OUTAGE, "#e67e22", ComponentStatus.MAJOR_OUTAGE, "#d9534f",
            ComponentStatus.MAINTENANCE, "#5bc0de", ComponentStatus.UNKNOWN, "#999999");

    /**
     * What one picture shows.
     *
     * @param truth the true outage, or null for a false alarm
     * @param detections detections to draw, those the picture is about first
     * @param focus how many of the first detections the picture is about (their listed services are
     *     drawn against the truth); the others only fired inside the window
     * @param signals the signal series, or null when no signal streams were available
     */
    public record Model(String title, String subtitle, SignalWindow window, TrueOutage truth,
                        List<Detection> detections, int focus, SignalSeries signals) {
        public Model {
            detections = List.copyOf(detections);
            focus = Math.min(focus, detections.size());
        }

        /** A picture about all of {@code detections}. */
        public Model(String title, String subtitle, SignalWindow window, TrueOutage truth, List<Detection> detections,
                     SignalSeries signals) {
            this(title, subtitle, window, truth, detections, detections.size(), signals);
        }
    }

    private final Model model;
    private final long from;
    private final long until;
    private final StringBuilder svg = new StringBuilder();
    private final List<String> overlays = new ArrayList<>();
    private int y;

    private TimelineSvg(Model model) {
        this.model = model;
        this.from = model.window().from().toEpochMilli();
        this.until = model.window().until().toEpochMilli();
    }

    public static String render(Model model) {
        return new TimelineSvg(model).draw();
    }

    private String draw() {
        y = 20;
        text(10, y, "title", model.title());
        y += 18;
        text(10, y, "sub", model.subtitle());
        y += 22;
        int plotTop = y;
        truthLane();
        detectionLane();
        probeLane();
        complaintLane();
        statusLane();
        servicesLane();
        int plotBottom = y;
        markers(plotTop, plotBottom);
        axis(plotBottom);
        y += 40;

        StringBuilder out = new StringBuilder();
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(y)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(y)
                .append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
        out.append("<style>.title{font-size:15px;font-weight:bold}.sub{fill:#444}.lane{fill:#333;font-weight:bold}"
                + ".small{font-size:9px;fill:#555}.grid{stroke:#ddd;stroke-width:1}</style>\n");
        out.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        out.append(svg);
        overlays.forEach(out::append);
        out.append("</svg>\n");
        return out.toString();
    }

    private void truthLane() {
        laneLabel("truth", y + 12);
        TrueOutage truth = model.truth();
        if (truth == null) {
            text(LEFT, y + 12, "small", "no true outage: a false alarm");
            y += 24;
            return;
        }
        rect(truth.onset(), truth.end(), y, 12, "#d9534f", 0.35,
                truth.id() + " " + truth.scope() + " " + truth.onset() + " .. " + truth.end());
        text(x(truth.onset()) + 3, y + 10, "small", truth.scope().toString());
        y += 16;
        for (TrueOutage.Phase p : truth.phases()) {
            rect(p.from(), p.until(), y, 9, "#d9534f", 0.6, p.scope() + " " + p.from() + " .. " + p.until());
            text(x(p.from()) + 3, y + 8, "small", p.scope().toString());
            y += 11;
        }
        y += 8;
    }

    private void detectionLane() {
        laneLabel("pipeline", y + 12);
        List<Detection> detections = model.detections();
        if (detections.isEmpty()) {
            text(LEFT, y + 12, "small", "no detection");
            y += 24;
            return;
        }
        for (Detection d : detections.subList(0, Math.min(MAX_DETECTION_ROWS, detections.size()))) {
            List<Detection.Transition> steps = d.transitions().isEmpty()
                    ? List.of(new Detection.Transition(null, OutageState.SUSPECTED, d.detected(), "detected"))
                    : d.transitions();
            for (int i = 0; i < steps.size(); i++) {
                Detection.Transition step = steps.get(i);
                if (step.to() == OutageState.RESOLVED) {
                    break;
                }
                Instant end = i + 1 < steps.size() ? steps.get(i + 1).at()
                        : d.resolved() != null ? d.resolved() : model.window().until();
                rect(step.at(), end, y, 10, STATE_COLORS.get(step.to()), 0.9,
                        d.outageId() + " " + step.to() + " at " + step.at() + ": " + step.reason());
            }
            line(x(d.detected()), y - 1, x(d.detected()), y + 11, "#000", 2, null);
            text(x(d.detected()) + 4, y + 20, "small", d.firstScope() + "  (" + d.outageId() + ")");
            y += 24;
        }
        if (detections.size() > MAX_DETECTION_ROWS) {
            text(LEFT, y + 8, "small", "+" + (detections.size() - MAX_DETECTION_ROWS) + " more detections not drawn");
            y += 14;
        }
        text(LEFT, y + 8, "small", "suspected / confirmed / acknowledged / recovering (colour bands)");
        y += 16;
    }

    private void probeLane() {
        int height = 70;
        laneLabel("probe failure ratio", y + 12);
        frame(height);
        SignalSeries s = model.signals();
        if (s == null) {
            noSignals(height);
            return;
        }
        double[] ratio = s.probeFailureRatio();
        StringBuilder path = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < ratio.length; i++) {
            if (Double.isNaN(ratio[i])) {
                pen = false;
                continue;
            }
            double px = bucketX(i);
            double py = y + height - ratio[i] * height;
            path.append(pen ? " L" : " M").append(fmt(px)).append(' ').append(fmt(py));
            pen = true;
        }
        if (path.length() > 0) {
            svg.append("<path d=\"").append(path.toString().trim())
                    .append("\" fill=\"none\" stroke=\"#c0392b\" stroke-width=\"1.5\"/>\n");
        }
        valueLabel(y + 8, "1.0");
        valueLabel(y + height, "0");
        y += height + 14;
    }

    private void complaintLane() {
        int height = 50;
        laneLabel("complaints", y + 12);
        frame(height);
        SignalSeries s = model.signals();
        if (s == null) {
            noSignals(height);
            return;
        }
        double[] volume = s.complaints();
        double max = 0;
        for (double v : volume) {
            max = Math.max(max, v);
        }
        double barWidth = Math.max(1, (double) PLOT / volume.length - 0.5);
        for (int i = 0; i < volume.length && max > 0; i++) {
            if (volume[i] > 0) {
                double h = volume[i] / max * height;
                svg.append("<rect x=\"").append(fmt(bucketX(i))).append("\" y=\"").append(fmt(y + height - h))
                        .append("\" width=\"").append(fmt(barWidth)).append("\" height=\"").append(fmt(h))
                        .append("\" fill=\"#8e44ad\"/>\n");
            }
        }
        valueLabel(y + 8, String.format(Locale.ROOT, "%.1f", max));
        text(LEFT, y + height + 11, "small", "sum of complaint scores per " + Durations.format(s.window().bucket()));
        y += height + 16;
    }

    private void statusLane() {
        int height = 20;
        laneLabel("status events", y + 12);
        SignalSeries s = model.signals();
        if (s == null) {
            noSignals(height);
            return;
        }
        for (SignalSeries.StatusMark mark : s.statusEvents()) {
            double cx = x(mark.at());
            svg.append("<circle cx=\"").append(fmt(cx)).append("\" cy=\"").append(y + 10).append("\" r=\"4\" fill=\"")
                    .append(STATUS_COLORS.get(mark.status())).append("\"><title>")
                    .append(escape(mark.at() + " " + mark.subject() + " " + mark.status() + ": " + mark.title()))
                    .append("</title></circle>\n");
        }
        if (s.statusEvents().isEmpty()) {
            text(LEFT, y + 14, "small", "none");
        }
        if (s.droppedStatusEvents() > 0) {
            text(LEFT + PLOT - 160, y + 14, "small", "+" + s.droppedStatusEvents() + " more not drawn");
        }
        y += height + 10;
    }

    private void servicesLane() {
        int height = 50;
        laneLabel("services hit / listed", y + 12);
        frame(height);
        SignalWindow w = model.window();
        int n = w.buckets();
        int[] hit = new int[n];
        int[] listed = new int[n];
        int max = 1;
        for (int i = 0; i < n; i++) {
            Instant at = w.bucketStart(i);
            if (model.truth() != null) {
                Set<String> failing = new HashSet<>();
                model.truth().hit().stream().filter(h -> h.failingAt(at)).forEach(h -> failing.add(h.service()));
                hit[i] = failing.size();
            }
            Set<String> observed = new HashSet<>();
            model.detections().subList(0, model.focus()).forEach(d -> observed.addAll(d.observedAt(at)));
            listed[i] = observed.size();
            max = Math.max(max, Math.max(hit[i], listed[i]));
        }
        // listed under, truth dashed on top: where they agree both stay visible
        steps(listed, max, height, "#2c7fb8", null);
        steps(hit, max, height, "#d9534f", "5 3");
        valueLabel(y + 8, Integer.toString(max));
        text(LEFT, y + height + 11, "small", model.truth() == null ? "blue: listed as observed by this detection" : "red dashed: truly failing, blue: listed as observed by the detection(s) above");
        y += height + 16;
    }

    private void steps(int[] values, int max, int height, String color, String dash) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            double py = y + height - (double) values[i] / max * height;
            path.append(i == 0 ? "M" : " L").append(fmt(bucketX(i))).append(' ').append(fmt(py));
            path.append(" L").append(fmt(bucketX(i + 1))).append(' ').append(fmt(py));
        }
        svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(color)
                .append("\" stroke-width=\"1.5\"").append(dash == null ? "" : " stroke-dasharray=\"" + dash + "\"")
                .append("/>\n");
    }

    /** Vertical lines across every lane: onset and end of the truth, the acknowledgment, each detection. */
    private void markers(int top, int bottom) {
        TrueOutage truth = model.truth();
        if (truth != null) {
            overlayLine(truth.onset(), top, bottom, "#d9534f", "4 2", "onset " + truth.onset());
            if (truth.acknowledged() != null) {
                overlayLine(truth.acknowledged(), top, bottom, "#27ae60", "6 3", "provider acknowledged "
                        + truth.acknowledged());
                overlays.add(textElement(x(truth.acknowledged()) + 3, top - 4, "small", "ack"));
            } else {
                overlays.add(textElement(LEFT + PLOT - 120, top - 4, "small", "provider silent"));
            }
        }
        if (model.focus() > 0) {
            Detection first = model.detections().get(0);
            overlayLine(first.detected(), top, bottom, "#000", "2 2", "detected " + first.detected());
        }
    }

    private void axis(int top) {
        line(LEFT, top, LEFT + PLOT, top, "#333", 1, null);
        Duration span = Duration.ofMillis(until - from);
        Duration tick = TICKS.stream().filter(t -> span.dividedBy(t) <= 12).findFirst().orElse(span.dividedBy(10));
        DateTimeFormatter format = span.compareTo(Duration.ofHours(20)) > 0 ? DAYS : HOURS;
        long step = tick.toMillis();
        for (long t = Math.floorDiv(from, step) * step + step; t < until; t += step) {
            double px = x(Instant.ofEpochMilli(t));
            line(px, top, px, top + 5, "#333", 1, null);
            text(px - 15, top + 17, "small", format.format(Instant.ofEpochMilli(t)));
        }
        text(LEFT, top + 32, "small", "UTC, event time; window " + model.window().from() + " .. "
                + model.window().until());
        y = top;
    }

    // --- primitives -------------------------------------------------------------------------------------

    private double x(Instant t) {
        double f = (double) (t.toEpochMilli() - from) / (until - from);
        return LEFT + Math.max(0, Math.min(1, f)) * PLOT;
    }

    private double bucketX(int i) {
        return x(model.window().bucketStart(i));
    }

    private void laneLabel(String label, int baseline) {
        text(10, baseline, "lane", label);
    }

    /** A scale value, right-aligned against the plot's left edge. */
    private void valueLabel(double baseline, String value) {
        svg.append("<text x=\"").append(LEFT - 4).append("\" y=\"").append(fmt(baseline))
                .append("\" class=\"small\" text-anchor=\"end\">").append(escape(value)).append("</text>\n");
    }

    private void frame(int height) {
        line(LEFT, y + height, LEFT + PLOT, y + height, "#ccc", 1, null);
        line(LEFT, y, LEFT, y + height, "#ccc", 1, null);
    }

    private void noSignals(int height) {
        text(LEFT + 5, y + height / 2 + 4, "small", "no signal data for this run");
        y += height + 14;
    }

    private void rect(Instant a, Instant b, int top, int height, String color, double opacity, String title) {
        double x0 = x(a);
        double width = Math.max(1.5, x(b) - x0);
        svg.append("<rect x=\"").append(fmt(x0)).append("\" y=\"").append(top).append("\" width=\"").append(fmt(width))
                .append("\" height=\"").append(height).append("\" fill=\"").append(color).append("\" fill-opacity=\"")
                .append(fmt(opacity)).append("\"><title>").append(escape(title)).append("</title></rect>\n");
    }

    private void line(double x1, double y1, double x2, double y2, String color, double width, String dash) {
        svg.append(lineElement(x1, y1, x2, y2, color, width, dash, null));
    }

    private void overlayLine(Instant t, int top, int bottom, String color, String dash, String title) {
        double px = x(t);
        overlays.add(lineElement(px, top, px, bottom, color, 1.2, dash, title));
    }

    private static String lineElement(double x1, double y1, double x2, double y2, String color, double width,
                                      String dash, String title) {
        StringBuilder s = new StringBuilder("<line x1=\"").append(fmt(x1)).append("\" y1=\"").append(fmt(y1))
                .append("\" x2=\"").append(fmt(x2)).append("\" y2=\"").append(fmt(y2)).append("\" stroke=\"")
                .append(color).append("\" stroke-width=\"").append(fmt(width)).append('"');
        if (dash != null) {
            s.append(" stroke-dasharray=\"").append(dash).append('"');
        }
        if (title == null) {
            return s.append("/>\n").toString();
        }
        return s.append("><title>").append(escape(title)).append("</title></line>\n").toString();
    }

    private void text(double px, double py, String cssClass, String content) {
        svg.append(textElement(px, py, cssClass, content));
    }

    private static String textElement(double px, double py, String cssClass, String content) {
        return "<text x=\"" + fmt(px) + "\" y=\"" + fmt(py) + "\" class=\"" + cssClass + "\">" + escape(content)
                + "</text>\n";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Escapes text for XML content and attribute values; drops characters XML 1.0 cannot hold. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    boolean legal = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
                    if (legal) {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}
