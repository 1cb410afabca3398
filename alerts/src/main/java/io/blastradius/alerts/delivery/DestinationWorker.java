package io.blastradius.alerts.delivery;

import io.blastradius.schemas.AlertDeadLetter;
import io.blastradius.schemas.OutageAlert;
import io.blastradius.schemas.OutageState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts to one destination, independently of every other destination: its own threads,
 * its own queue. Alerts of one outage form a lane and go one at a time, in the order read, so a
 * later transition never reaches the destination before an earlier one, even while the earlier one
 * is being retried; different outages' lanes go in parallel (up to the destination's concurrency).
 * A retry waits on a timer, not on a thread. An alert the destination refuses, or that still fails
 * when the {@link RetryPolicy} gives up, is written to the dead-letter sink; then the lane moves on.
 *
 * <p>Each alert's {@code done} callback runs once it has a final outcome (delivered, skipped,
 * dead-lettered, or a duplicate of one delivered before); only then may its offset be committed.
 */
public final class DestinationWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DestinationWorker.class);
    private static final int REMEMBERED_OUTAGES = 10_000;

    /** An alert read at {@code partition}/{@code offset}, to be delivered; {@code done} when it has a final outcome. */
    public record Job(OutageAlert alert, TopicPartition partition, long offset, long readNanos, Runnable done) {}

    private static final class Attempted {
        final Job job;
        int attempts;
        Instant firstAttempt;
        volatile boolean cancelled;

        Attempted(Job job) {
            this.job = job;
        }
    }

    private static final class Lane {
        final String outageId;
        final ArrayDeque<Attempted> queue = new ArrayDeque<>();
        Attempted inFlight;

        Lane(String outageId) {
            this.outageId = outageId;
        }
    }

    private final Destination destination;
    private final RetryPolicy policy;
    private final DeadLetterSink deadLetters;
    private final String subscriberGroup;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor executor;
    private final Map<String, Lane> lanes = new HashMap<>();
    // highest sequence delivered per outage in this run: a redelivered alert (after a rebalance) is not sent twice
    private final Map<String, Integer> delivered = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > REMEMBERED_OUTAGES;
        }
    };
    private final AtomicInteger pending = new AtomicInteger();
    private final DeliveryStats stats = new DeliveryStats();
    private volatile boolean closing;

    public DestinationWorker(Destination destination, int concurrency, RetryPolicy policy, DeadLetterSink deadLetters,
            String subscriberGroup, Clock clock) {
        this.destination = destination;
        this.policy = policy;
        this.deadLetters = deadLetters;
        this.subscriberGroup = subscriberGroup;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "alerts-" + destination.name() + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = new ScheduledThreadPoolExecutor(concurrency, factory);
        this.executor.setRemoveOnCancelPolicy(true);
    }

    public Destination destination() {
        return destination;
    }

    /** Queues {@code job} behind the alerts of the same outage already queued here. */
    public void submit(Job job) {
        if (closing) {
            throw new IllegalStateException("destination " + destination.name() + " is stopping");
        }
        pending.incrementAndGet();
        synchronized (this) {
            String outageId = job.alert().getOutageId();
            Lane lane = lanes.get(outageId);
            if (lane == null) {
                lane = new Lane(outageId);
                lanes.put(outageId, lane);
                lane.queue.add(new Attempted(job));
                Lane first = lane;
                executor.execute(() -> attempt(first));
            } else {
                lane.queue.add(new Attempted(job));
            }
        }
    }

    /** An alert read again after a restart that this destination was done with before it: counted, not sent. */
    public void doneBeforeRestart() {
        stats.duplicates.increment();
    }

    /** Alerts queued or under way here. */
    public int pending() {
        return pending.get();
    }

    public DeliveryStats.Snapshot stats() {
        return stats.snapshot();
    }

    /**
     * Drops the alerts of {@code partitions} (their next owner reads them again) and waits, at most
     * {@code wait}, for an attempt under way on one of them to end, so that the new owner's delivery
     * of an outage cannot overtake this one's.
     */
    public void revoke(Collection<TopicPartition> partitions, Duration wait) throws InterruptedException {
        Set<TopicPartition> revoked = new HashSet<>(partitions);
        synchronized (this) {
            for (Lane lane : lanes.values()) {
                for (Attempted a : lane.queue) {
                    if (revoked.contains(a.job.partition())) {
                        a.cancelled = true;
                    }
                }
            }
            long deadline = System.nanoTime() + wait.toNanos();
            while (lanes.values().stream().anyMatch(l -> l.inFlight != null && l.inFlight.cancelled)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    log.warn("destination {}: an attempt for a revoked partition is still under way", destination.name());
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    private void attempt(Lane lane) {
        Attempted a;
        synchronized (this) {
            a = lane.queue.peek();
            if (a == null) {
                lanes.remove(lane.outageId);
                return;
            }
            if (a.cancelled || closing && executor.isShutdown()) {
                dropHead(lane);
                return;
            }
            lane.inFlight = a;
        }
        OutageAlert alert = a.job.alert();
        Integer last;
        synchronized (delivered) {
            last = delivered.get(alert.getOutageId());
        }
        if (last != null && alert.getSequence() <= last) {
            stats.duplicates.increment();
            finish(lane, a);
            return;
        }
        if (a.attempts == 0) {
            a.firstAttempt = clock.instant();
        }
        a.attempts++;
        Outcome outcome;
        try {
            outcome = destination.deliver(alert, a.attempts);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            release(lane);
            return; // stopping: not done, so read and delivered again after the restart
        } catch (RuntimeException e) {
            log.error("destination {}: delivering {} failed unexpectedly", destination.name(), alert.getAlertId(), e);
            outcome = new Outcome.Retry(e.toString(), null, null);
        }
        try {
            handle(lane, a, outcome);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            release(lane);
        }
    }

    private void handle(Lane lane, Attempted a, Outcome outcome) throws InterruptedException {
        OutageAlert alert = a.job.alert();
        if (outcome instanceof Outcome.Delivered || outcome instanceof Outcome.Skipped) {
            synchronized (delivered) {
                delivered.merge(alert.getOutageId(), alert.getSequence(), Math::max);
            }
            if (outcome instanceof Outcome.Delivered) {
                stats.delivered.increment();
                stats.latencyNanos.add(System.nanoTime() - a.job.readNanos());
                log.debug("destination {}: delivered {} ({})", destination.name(), alert.getAlertId(), alert.getState());
            } else {
                stats.skipped.increment();
            }
            finish(lane, a);
        } else if (outcome instanceof Outcome.Refused refused) {
            log.warn("destination {}: {} refused: {}", destination.name(), alert.getAlertId(), refused.error());
            deadLetter(a, refused.error(), refused.status(), true);
            finish(lane, a);
        } else if (outcome instanceof Outcome.Retry retry) {
            if (a.cancelled) {
                synchronized (this) {
                    dropHead(lane);
                }
                return;
            }
            Duration elapsed = Duration.between(a.firstAttempt, clock.instant());
            Duration delay = policy.nextDelay(a.attempts, elapsed, retry.retryAfter(),
                    alert.getState() == OutageState.RESOLVED);
            if (delay == null) {
                log.warn("destination {}: giving up on {} after {} attempts: {}", destination.name(),
                        alert.getAlertId(), a.attempts, retry.error());
                deadLetter(a, retry.error(), retry.status(), false);
                finish(lane, a);
                return;
            }
            stats.retried.increment();
            log.info("destination {}: attempt {} of {} failed ({}); again in {} ms", destination.name(), a.attempts,
                    alert.getAlertId(), retry.error(), delay.toMillis());
            synchronized (this) {
                lane.inFlight = null;
                notifyAll();
                if (!executor.isShutdown()) {
                    executor.schedule(() -> attempt(lane), delay.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    private void deadLetter(Attempted a, String error, Integer status, boolean permanent) throws InterruptedException {
        Job job = a.job;
        deadLetters.write(AlertDeadLetter.newBuilder()
                .setAlert(job.alert())
                .setDestination(destination.name())
                .setDestinationType(destination.type().id())
                .setSubscriberGroup(subscriberGroup)
                .setAttempts(a.attempts)
                .setFirstAttemptAt(a.firstAttempt == null ? clock.instant() : a.firstAttempt)
                .setFailedAt(clock.instant())
                .setLastStatus(status)
                .setLastError(error)
                .setPermanent(permanent)
                .setSourceTopic(job.partition().topic())
                .setPartition(job.partition().partition())
                .setOffset(job.offset())
                .build());
        stats.deadLettered.increment();
    }

    /** The head of the lane has its final outcome: tell the tracker, go on with the lane's next alert. */
    private void finish(Lane lane, Attempted a) {
        if (!a.cancelled) {
            a.job.done().run();
        }
        synchronized (this) {
            dropHead(lane);
        }
    }

    // with the monitor held
    private void dropHead(Lane lane) {
        lane.queue.poll();
        lane.inFlight = null;
        pending.decrementAndGet();
        notifyAll();
        if (lane.queue.isEmpty()) {
            lanes.remove(lane.outageId);
        } else if (!executor.isShutdown()) {
            executor.execute(() -> attempt(lane));
        }
    }

    private void release(Lane lane) {
        synchronized (this) {
            lane.inFlight = null;
            notifyAll();
        }
    }

    /**
     * Stops taking alerts and gives those queued until {@code timeout} to reach a final outcome
     * (retries included); what is left is dropped here and delivered after the restart.
     */
    public void close(Duration timeout) {
        closing = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (pending.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (pending.get() > 0) {
            log.warn("destination {}: {} alert(s) not delivered before the shutdown timeout; they are delivered again "
                    + "after the restart", destination.name(), pending.get());
        }
        abort();
    }

    /** Stops at once, as if the process died: nothing more is delivered or marked done. */
    public void abort() {
        closing = true;
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("destination {}: a delivery thread did not stop within 5 s", destination.name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        destination.close();
    }

    @Override
    public void close() {
        close(Duration.ZERO);
    }
}
