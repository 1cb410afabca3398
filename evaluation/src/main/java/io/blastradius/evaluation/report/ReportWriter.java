package io.blastradius.evaluation.report;

import io.blastradius.evaluation.score.ScenarioScore;
import io.blastradius.evaluation.score.SuiteScore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a suite's report into a directory: {@code scorecard.txt} (the table, then a line per outage
 * and false alarm),
 * {@code scorecard.json} (every number) and {@code <scenario>/timelines/*.svg}.
 */
public final class ReportWriter {
    public static final String TABLE_FILE = "scorecard.txt";
    public static final String JSON_FILE = "scorecard.json";

    private final Timelines timelines;

    /** @param timelines how pictures are drawn, or null to draw none */
    public ReportWriter(Timelines timelines) {
        this.timelines = timelines;
    }

    /**
     * One scored scenario with where its signals can be read (null for none), notes gathered so far, and
     * the name of its directory in the report (null: derived from the scenario name).
     */
    public record ScenarioRun(ScenarioScore score, SignalSource signals, List<String> notes, String directory) {
        public ScenarioRun {
            notes = List.copyOf(notes);
        }

        public ScenarioRun(ScenarioScore score, SignalSource signals, List<String> notes) {
            this(score, signals, notes, null);
        }
    }

    /** Writes everything and returns the table. */
    public String write(Path dir, List<ScenarioRun> runs) throws IOException {
        Files.createDirectories(dir);
        SuiteScore suite = SuiteScore.of(runs.stream().map(ScenarioRun::score).toList());
        List<ScenarioNotes> notes = new ArrayList<>();
        List<String> used = new ArrayList<>();
        for (ScenarioRun run : runs) {
            String name = run.directory() != null ? run.directory() : Timelines.fileSafe(run.score().scenario());
            String unique = name;
            for (int n = 2; used.contains(unique); n++) {
                unique = name + "-" + n;
            }
            used.add(unique);
            ScenarioNotes drawn = timelines == null ? ScenarioNotes.NONE
                    : timelines.write(run.score(), run.signals(), dir.resolve(unique).resolve("timelines"), dir);
            List<String> all = new ArrayList<>(run.notes());
            all.addAll(drawn.notes());
            notes.add(new ScenarioNotes(drawn.timelines(), all));
        }
        String table = ScorecardTable.render(suite);
        Files.writeString(dir.resolve(TABLE_FILE), table + "\n" + ScorecardTable.details(suite), StandardCharsets.UTF_8);
        ScorecardJson.write(dir.resolve(JSON_FILE), suite, notes);
        return table;
    }
}
