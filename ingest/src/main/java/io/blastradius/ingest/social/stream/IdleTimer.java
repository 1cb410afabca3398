package io.blastradius.ingest.social.stream;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Declares a connection dead when nothing arrives for a while: {@link #touch()} on every byte or
 * message, and {@code onIdle} runs once (typically closing the connection, which unblocks the reader)
 * when the silence lasts longer than the timeout. Heartbeats count as activity.
 */
public final class IdleTimer implements AutoCloseable {
    private static final ScheduledExecutorService CHECKS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "blastradius-idle-timer");
        t.setDaemon(true);
        return t;
    });

    private final long timeoutNanos;
    private final Runnable onIdle;
    private final AtomicBoolean fired = new AtomicBoolean();
    private final ScheduledFuture<?> check;
    private volatile long last = System.nanoTime();

    public IdleTimer(Duration timeout, Runnable onIdle) {
        this.timeoutNanos = timeout.toNanos();
        this.onIdle = onIdle;
        long period = Math.max(10, Math.min(1_000, timeout.toMillis() / 4));
        this.check = CHECKS.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    public void touch() {
        last = System.nanoTime();
    }

    /** True once the timeout fired. */
    public boolean fired() {
        return fired.get();
    }

    private void check() {
        if (System.nanoTime() - last > timeoutNanos && fired.compareAndSet(false, true)) {
            check.cancel(false);
            onIdle.run();
        }
    }

    @Override
    public void close() {
        check.cancel(false);
    }
}
