package io.blastradius.evaluation.report;

import io.blastradius.evaluation.score.ScenarioScore;
import io.blastradius.evaluation.score.SuiteScore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a suite's report into a directory: {@code scorecard.txt} (the table, then a line per outage
 * and false alarm), {@code scorecard.json} (every number) and {@code <scenario>/timelines/*.svg}.
 * Timelines can be drawn scenario by scenario as runs finish ({@link #draw}), while their signal
 * streams still exist, and the summary written at the end ({@link #summarize}).
 */
public final class ReportWriter {
    public static final String TABLE_FILE = "scorecard.txt";
    public static final String JSON_FILE = "scorecard.json";

    private final Timelines timelines;
    private final Set<String> directories = new HashSet<>();

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

    /** A scenario's score with its pictures and notes, ready for the summary. */
    public record Drawn(ScenarioScore score, ScenarioNotes notes) {
    }

    /** Draws the timelines of one scenario into {@code dir/<scenario>/timelines}. */
    public Drawn draw(Path dir, ScenarioRun run) throws IOException {
        String name = run.directory() != null ? run.directory() : Timelines.fileSafe(run.score().scenario());
        String unique = name;
        for (int n = 2; !directories.add(unique); n++) {
            unique = name + "-" + n;
        }
        ScenarioNotes drawn = timelines == null ? ScenarioNotes.NONE
                : timelines.write(run.score(), run.signals(), dir.resolve(unique).resolve("timelines"), dir);
        List<String> notes = new ArrayList<>(run.notes());
        notes.addAll(drawn.notes());
        return new Drawn(run.score(), new ScenarioNotes(drawn.timelines(), notes));
    }

    /** Writes the table and the JSON of every drawn scenario and returns the table. */
    public String summarize(Path dir, List<Drawn> drawn) throws IOException {
        Files.createDirectories(dir);
        SuiteScore suite = SuiteScore.of(drawn.stream().map(Drawn::score).toList());
        String table = ScorecardTable.render(suite);
        Files.writeString(dir.resolve(TABLE_FILE), table + "\n" + ScorecardTable.details(suite), StandardCharsets.UTF_8);
        ScorecardJson.write(dir.resolve(JSON_FILE), suite, drawn.stream().map(Drawn::notes).toList());
        return table;
    }

    /** Draws every scenario, then writes the summary; returns the table. */
    public String write(Path dir, List<ScenarioRun> runs) throws IOException {
        List<Drawn> drawn = new ArrayList<>();
        for (ScenarioRun run : runs) {
            drawn.add(draw(dir, run));
        }
        return summarize(dir, drawn);
    }
}
