package io.blastradius.embedded.registry;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * Main class of the registry's child JVM: exits that JVM (running its shutdown hooks, so the
 * registry closes its database) as soon as the parent goes away, then hands over to the real main
 * class. The parent holds the write end of the child's stdin; when the parent dies, however it dies
 * (even SIGKILL), the pipe closes and {@code System.in} reads end-of-file. That way no registry is
 * ever orphaned by a killed build or a crashed stack.
 *
 * <p>Uses only the JDK: it runs on the registry's classpath, not ours.
 */
public final class ParentWatchdog {
    private ParentWatchdog() {
    }

    /** {@code args[0]} is the main class to run, the rest its arguments. */
    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: ParentWatchdog <main class> [args...]");
        }
        Thread watchdog = new Thread(ParentWatchdog::exitWhenStdinCloses, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            Class.forName(args[0]).getMethod("main", String[].class)
                    .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void exitWhenStdinCloses() {
        InputStream in = System.in;
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // the parent never writes; anything read is ignored
            }
        } catch (IOException e) {
            // a broken pipe means the same thing as end-of-file
        }
        System.err.println("parent process gone; stopping");
        System.exit(0);
    }
}
