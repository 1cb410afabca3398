package io.blastradius.deploy.local;

import io.blastradius.ingest.simulate.KafkaOutput;
import io.blastradius.ingest.simulate.Pacer;
import io.blastradius.ingest.simulate.SignalOutput;
import io.blastradius.ingest.simulate.Simulator;
import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.SocialSignal;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a replay (see {@link ReplayPart}): the simulator's signals through a {@link KafkaOutput},
 * the ordinary traffic before {@code pacedFrom} at full speed, then a wait for the pipeline to catch
 * up, then the rest paced, with an hourly event-time mark on the console. Interrupting the thread
 * stops it after the record in hand.
 */
final class Replay implements SignalOutput {
    private static final Logger log = LoggerFactory.getLogger(Replay.class);
    private static final String INDENT = " ".repeat(13);
    private static final long HOUR = 3_600_000L;

    /** Waits until the pipeline has consumed what was published; false if it gave up waiting. */
    @FunctionalInterface
    interface CatchUp {
        boolean await() throws InterruptedException;
    }

    /** Thrown through the simulator to end the run when the thread is interrupted. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("replay stopped", null, false, false);
        }
    }

    private final Simulator simulator;
    private final Topics topics;
    private final Map<String, Object> producerConfig;
    private final Pacer pacer;
    private final long pacedFrom;
    private final long resumeAfter;
    private final StackConsole console;
    private final CatchUp catchUp;
    private final String speed;
    private KafkaOutput out;
    private boolean paced;
    private long published;
    private long nextMark;
    private long warmStarted;

    Replay(Simulator simulator, Topics topics, Map<String, Object> producerConfig, String speed, Instant pacedFrom,
            Instant resumeAfter, StackConsole console, CatchUp catchUp) {
        this.simulator = simulator;
        this.topics = topics;
        this.producerConfig = producerConfig;
        this.speed = speed.trim().toLowerCase(Locale.ROOT).replaceFirst("x$", "");
        this.pacer = Pacer.parse(speed);
        this.pacedFrom = pacedFrom.toEpochMilli();
        this.resumeAfter = resumeAfter == null ? Long.MIN_VALUE : resumeAfter.toEpochMilli();
        this.console = console;
        this.catchUp = catchUp;
    }

    void run() {
        long started = System.nanoTime();
        warmStarted = started;
        Instant start = simulator.plan().start();
        if (start.toEpochMilli() < pacedFrom && resumeAfter < pacedFrom) {
            console.print(INDENT + "ordinary traffic " + ReplayPart.CLOCK.format(Instant.ofEpochMilli(Math.max(start.toEpochMilli(),
                    resumeAfter))) + " → " + ReplayPart.CLOCK.format(Instant.ofEpochMilli(pacedFrom))
                    + " at full speed: the pipeline learns its baselines from it ...");
        }
        // the producer itself does not pace: the warm-up goes out at full speed, admit() paces the rest
        KafkaOutput kafka = KafkaOutput.create(topics, producerConfig, Pacer.asFastAsPossible());
        out = kafka;
        try {
            Simulator.Counts counts = simulator.run(this);
            console.print(String.format(Locale.ROOT, "replay done: %,d signals up to %s (event time) in %s", published,
                    ReplayPart.CLOCK.format(simulator.plan().end()), OutageLines.duration(Duration.ofNanos(System.nanoTime() - started))));
            log.info("replay of {} done: {} signals generated, {} published", simulator.plan().scenario(), counts.total(), published);
        } catch (Stopped e) {
            log.info("replay stopped after {} signals", published);
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                log.info("replay stopped after {} signals", published);
            } else {
                log.error("the replay failed", e);
                console.print("replay FAILED: " + e.getMessage());
            }
        } finally {
            // the producer's close would give up half-way on a pending interrupt; flush first, then restore it
            boolean interrupted = Thread.interrupted();
            try {
                kafka.close();
            } catch (RuntimeException e) {
                log.warn("closing the replay's producer: {}", e.getMessage());
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void status(StatusEvent event) {
        if (admit(event.getEventTime())) {
            out.status(event);
        }
    }

    @Override
    public void social(SocialSignal signal) {
        if (admit(signal.getCreatedAt())) {
            out.social(signal);
        }
    }

    @Override
    public void probe(ProbeResult result) {
        if (admit(result.getStartedAt())) {
            out.probe(result);
        }
    }

    /** Whether to publish a signal of {@code eventTime}; blocks until it is due. */
    private boolean admit(Instant eventTime) {
        if (Thread.currentThread().isInterrupted()) {
            throw new Stopped();
        }
        long t = eventTime.toEpochMilli();
        if (t <= resumeAfter) {
            return false;
        }
        if (t >= pacedFrom) {
            if (!paced) {
                startPacing(eventTime);
            }
            // at full speed the marks would scroll past faster than anyone reads them
            if (t >= nextMark && !pacer.unpaced()) {
                console.print(String.format(Locale.ROOT, "%s  · event time, %,d signals published", ReplayPart.CLOCK.format(
                        Instant.ofEpochMilli(t - Math.floorMod(t, HOUR))), published));
                nextMark = t - Math.floorMod(t, HOUR) + HOUR;
            }
            pacer.await(eventTime);
        }
        published++;
        return true;
    }

    private void startPacing(Instant from) {
        paced = true;
        nextMark = from.toEpochMilli() - Math.floorMod(from.toEpochMilli(), HOUR) + HOUR;
        if (published > 0) {
            String took = OutageLines.duration(Duration.ofNanos(System.nanoTime() - warmStarted));
            if (pacer.unpaced()) {
                console.print(String.format(Locale.ROOT, "%s%,d signals published in %s", INDENT, published, took));
            } else {
                long caughtUp = System.nanoTime();
                boolean done;
                try {
                    done = catchUp.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Stopped();
                }
                console.print(String.format(Locale.ROOT, "%s%,d signals published in %s; the pipeline %s %s", INDENT, published,
                        took, done ? "consumed them in" : "is still behind after", OutageLines.duration(
                                Duration.ofNanos(System.nanoTime() - caughtUp))));
            }
        }
        String first = simulator.plan().outages().stream().map(o -> o.onset()).filter(o -> !o.isBefore(from))
                .min(Instant::compareTo).map(o -> ", first outage at " + ReplayPart.CLOCK.format(o)).orElse("");
        console.print(String.format(Locale.ROOT, "%sreplaying %s → %s at %s%s", INDENT, ReplayPart.CLOCK.format(from),
                ReplayPart.CLOCK.format(simulator.plan().end()), pacer.unpaced() ? "full speed" : speed(), first));
        pacer.start(from);
    }

    /** {@code 60} reads as {@code 60×}; {@code realtime} as is. */
    private String speed() {
        return speed.matches("[0-9.]+") ? speed + "×" : speed;
    }
}
