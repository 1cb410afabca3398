package io.blastradius.deploy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** The {@code blastradius} command line run in-process, with what it printed kept for the test to read. */
public final class CliRun {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs {@code args} with {@code environment} as the process environment; the exit code. */
    public int run(Map<String, String> environment, String... args) {
        CommandLine cli = BlastradiusCli.commandLine(environment);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** Forgets what was printed so far, for the next run's output alone. */
    public void clear() {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
    }

    /** Standard output so far. */
    public String out() {
        return out.toString();
    }

    /** Standard error so far. */
    public String err() {
        return err.toString();
    }
}
