package io.blastradius.deploy.local;

import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the running stack tells the person in front of it (replay progress, detected outages), as
 * whole lines. Parts may print while the stack is still starting; those lines are held back until
 * the command {@link #attach attaches} its output after the startup summary, so the summary is not
 * torn apart. Without an output (a stack run by a test) up to 10,000 lines are held, older ones go to the log.
 */
public final class StackConsole {
    private static final Logger log = LoggerFactory.getLogger(StackConsole.class);
    private static final int MAX_HELD = 10_000;

    private final Deque<String> held = new ArrayDeque<>();
    private PrintWriter out;

    /** Prints {@code lines} together (no other part's line comes between them). */
    public synchronized void print(List<String> lines) {
        if (out != null) {
            lines.forEach(out::println);
            out.flush();
            return;
        }
        for (String line : lines) {
            if (held.size() == MAX_HELD) {
                log.info("{}", held.removeFirst());
            }
            held.addLast(line);
        }
    }

    public void print(String line) {
        print(List.of(line));
    }

    /** From now on lines go to {@code out}; the lines held so far are printed first. */
    public synchronized void attach(PrintWriter writer) {
        held.forEach(writer::println);
        held.clear();
        writer.flush();
        this.out = writer;
    }

    /** Lines go to the log again (the command's output is about to close). */
    public synchronized void detach() {
        out = null;
    }
}
