package io.blastradius.evaluation.report;

import io.blastradius.evaluation.score.DetectionResult;
import io.blastradius.evaluation.score.Durations;
import io.blastradius.evaluation.score.Metrics;
import io.blastradius.evaluation.score.OutageResult;
import io.blastradius.evaluation.score.ScenarioScore;
import io.blastradius.evaluation.score.SuiteScore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The scorecard as a fixed-width text table: one row per scenario and a totals row. */
public final class ScorecardTable {
    private record Column(String header, Function<Metrics, String> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("outages", m -> Integer.toString(m.detection().trueOutages())),
            new Column("detections", m -> Integer.toString(m.detection().detections())),
            new Column("dup", m -> Integer.toString(m.detection().duplicateDetections())),
            new Column("FA", m -> Integer.toString(m.detection().falseAlarms())),
            new Column("FA/day", m -> m.detection().falseAlarmsPerDay().isPresent()
                    ? String.format(Locale.ROOT, "%.2f", m.detection().falseAlarmsPerDay().getAsDouble()) : "n/a"),
            new Column("precision", m -> m.detection().precision().format()),
            new Column("recall", m -> m.detection().recall().format()),
            new Column("provider", m -> m.attribution().provider().format()),
            new Column("region", m -> m.attribution().region().format()),
            new Column("service", m -> m.attribution().service().format()),
            new Column("TTD p50", m -> Durations.format(m.timing().timeToDetect().median())),
            new Column("TTD p95", m -> Durations.format(m.timing().timeToDetect().p95())),
            new Column("lead p50", m -> Durations.format(m.timing().lead().median())),
            new Column("<ack", m -> m.timing().detectedWithAck() == 0 ? "n/a"
                    : m.timing().detectedBeforeAck() + "/" + m.timing().detectedWithAck()),
            new Column("BR prec", m -> m.blastRadius().finalPrecision().format()),
            new Column("BR rec", m -> m.blastRadius().finalRecall().format()),
            new Column("BR rec(t)", m -> m.blastRadius().recallOverTime().format()),
            new Column("listed p50", m -> Durations.format(m.blastRadius().listingDelay().median())));

    private ScorecardTable() {
    }

    public static String render(SuiteScore suite) {
        List<String[]> rows = new ArrayList<>();
        for (ScenarioScore s : suite.scenarios()) {
            rows.add(row(s.scenario(), s.metrics()));
        }
        String[] totals = row("TOTAL", suite.totals());
        String[] header = new String[COLUMNS.size() + 1];
        header[0] = "scenario";
        for (int i = 0; i < COLUMNS.size(); i++) {
            header[i + 1] = COLUMNS.get(i).header();
        }
        int[] widths = new int[header.length];
        List<String[]> all = new ArrayList<>(rows);
        all.add(header);
        all.add(totals);
        for (String[] r : all) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, header, widths);
        rule(out, widths);
        rows.forEach(r -> line(out, r, widths));
        if (suite.scenarios().size() != 1) {
            rule(out, widths);
            line(out, totals, widths);
        }
        return out.toString();
    }

    /**
     * One line per true outage and per false alarm of each scenario: what the table sums up, for
     * finding the outage behind a bad number.
     */
    public static String details(SuiteScore suite) {
        StringBuilder out = new StringBuilder();
        for (ScenarioScore s : suite.scenarios()) {
            out.append(s.scenario()).append('\n');
            for (OutageResult o : s.outages()) {
                out.append("  outage ").append(o.truth().id()).append(" (").append(o.truth().scope()).append("): ");
                if (!o.detected()) {
                    out.append("MISSED");
                } else {
                    out.append("detected +").append(Durations.format(o.timeToDetect()));
                    if (o.lead() != null) {
                        out.append(o.lead().isNegative() ? ", " + Durations.format(o.lead().negated()) + " after the ack"
                                : ", " + Durations.format(o.lead()) + " before the ack");
                    } else {
                        out.append(", provider silent");
                    }
                    if (o.matchedDetections().size() > 1) {
                        out.append(", ").append(o.matchedDetections().size()).append(" detections");
                    }
                }
                if (o.attribution() != null) {
                    OutageResult.Attribution a = o.attribution();
                    out.append("; said ").append(a.said()).append(" for ").append(a.expected())
                            .append(a.strict() ? "" : " (unmatched detection)")
                            .append(" [provider ").append(yes(a.provider())).append(", region ").append(yes(a.region()))
                            .append(", service ").append(yes(a.service())).append(']');
                }
                if (o.blastRadius() != null) {
                    out.append("; blast radius precision ").append(o.blastRadius().finalPrecision().format())
                            .append(" recall ").append(o.blastRadius().finalRecall().format());
                }
                out.append('\n');
            }
            for (DetectionResult d : s.detections()) {
                if (d.falseAlarm()) {
                    out.append("  false alarm ").append(d.detection().outageId()).append(" (")
                            .append(d.detection().firstScope()).append(") at ").append(d.detection().detected());
                    if (!d.explanations().isEmpty()) {
                        out.append(": ").append(String.join("; ", d.explanations()));
                    }
                    out.append('\n');
                }
            }
        }
        return out.toString();
    }

    private static String yes(boolean right) {
        return right ? "right" : "WRONG";
    }

    private static String[] row(String name, Metrics m) {
        String[] row = new String[COLUMNS.size() + 1];
        row[0] = name;
        for (int i = 0; i < COLUMNS.size(); i++) {
            row[i + 1] = COLUMNS.get(i).value().apply(m);
        }
        return row;
    }

    private static void line(StringBuilder out, String[] cells, int[] widths) {
        for (int i = 0; i < cells.length; i++) {
            if (i == 0) {
                out.append(String.format("%-" + widths[i] + "s", cells[i]));
            } else {
                out.append("  ").append(String.format("%" + widths[i] + "s", cells[i]));
            }
        }
        out.append('\n');
    }

    private static void rule(StringBuilder out, int[] widths) {
        int total = widths[0];
        for (int i = 1; i < widths.length; i++) {
            total += 2 + widths[i];
        }
        out.append("-".repeat(total)).append('\n');
    }
}
