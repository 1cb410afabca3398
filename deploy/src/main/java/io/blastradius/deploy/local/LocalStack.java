package io.blastradius.deploy.local;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole of blastradius on one machine: parts started in order, stopped in reverse.
 *
 * <p>{@link #create(LocalStackConfig)} assembles the standard stack: the broker, the registry, the
 * topics, the streams app with its query service and dashboard, (when {@code connectors.config}
 * names a file) a Connect worker with that file's connectors, the scenario replay and the console
 * that prints outages. New parts are added to {@link #standardParts()} after the parts they need.
 */
public final class LocalStack implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private final List<StackPart> parts;
    private final StackContext context;
    private final Deque<StackPart> attempted = new ArrayDeque<>();
    private Duration startupTime;
    private boolean closed;

    public LocalStack(LocalStackConfig config, List<StackPart> parts) {
        this.parts = List.copyOf(parts);
        this.context = new StackContext(config);
    }

    /** The standard stack for {@code config}. */
    public static LocalStack create(LocalStackConfig config) {
        return new LocalStack(config, standardParts());
    }

    /** The parts of the standard stack, in start order. */
    public static List<StackPart> standardParts() {
        List<StackPart> parts = new ArrayList<>(infrastructureParts());
        parts.add(new TopicsPart());
        parts.add(new StreamsAppPart());
        parts.add(new ConnectorsPart(System.getenv())); // does nothing unless connectors.config is set
        parts.add(new AlertsPart(System.getenv())); // does nothing unless alerts.config is set
        parts.add(new ReplayPart());
        parts.add(new OutageConsolePart());
        return parts;
    }

    /**
     * Just the broker and the registry, for commands that bring their own topics and applications
     * (the evaluation runs each scenario on topics of its own).
     */
    public static LocalStack infrastructure(LocalStackConfig config) {
        return new LocalStack(config, infrastructureParts());
    }

    private static List<StackPart> infrastructureParts() {
        return List.of(new KafkaPart(), new RegistryPart());
    }

    /**
     * Prepares every part in order, then starts every part in order. If one fails, the parts
     * already begun are stopped (in reverse) and the failure is thrown, naming the part.
     */
    public synchronized LocalStack start() {
        if (closed) {
            throw new IllegalStateException("this stack was closed; create a new one");
        }
        long started = System.nanoTime();
        for (StackPart part : parts) {
            attempted.push(part);
            run(part, "prepare", () -> part.prepare(context));
        }
        for (StackPart part : parts) {
            long partStarted = System.nanoTime();
            run(part, "start", () -> part.start(context));
            log.info("{} up in {} ms", part.name(), (System.nanoTime() - partStarted) / 1_000_000);
        }
        startupTime = Duration.ofNanos(System.nanoTime() - started);
        return this;
    }

    private interface Step {
        void run() throws Exception;
    }

    private void run(StackPart part, String what, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.error("part '{}' failed to {}; stopping the parts already begun", part.name(), what);
            close();
            throw new IllegalStateException("the local stack could not " + what + " its " + part.name() + " part: "
                    + e.getMessage(), e);
        }
    }

    /** The part of type {@code type} in this stack, if there is one. */
    public <T extends StackPart> Optional<T> part(Class<T> type) {
        return parts.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    public StackContext context() {
        return context;
    }

    /** How long {@link #start()} took, or null before it finished. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Stops every part that was prepared, newest first. Idempotent; a failing stop does not stop the others. */
    @Override
    public synchronized void close() {
        closed = true;
        while (!attempted.isEmpty()) {
            StackPart part = attempted.pop();
            try {
                part.stop();
            } catch (RuntimeException e) {
                log.error("stopping part '{}' failed", part.name(), e);
            }
        }
    }
}
