package io.blastradius.alerts.testing;

import io.blastradius.alerts.testing.Receiver.Answer;
import io.blastradius.alerts.testing.Receiver.Request;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A webhook receiver that honours {@code Idempotency-Key}: the first accepted request with a key
 * takes effect, later ones with the same key are acknowledged and counted as duplicates. Failures
 * injected by {@link #failWith} take no effect. (Slack-like receivers use it too, keyed by their
 * own rule.)
 */
public final class IdempotentReceiver implements AutoCloseable {
    private final Receiver receiver;
    private final Function<Request, String> key;
    private final List<Request> effects = new ArrayList<>();
    private final Map<String, Integer> seen = new HashMap<>();
    private volatile Function<Request, Answer> failures = r -> null;
    private final Answer success;

    /** Keyed by the Idempotency-Key header, answering 200. */
    public IdempotentReceiver() throws IOException {
        this(r -> r.header("Idempotency-Key"), Answer.status(200, "ok"));
    }

    public IdempotentReceiver(Function<Request, String> key, Answer success) throws IOException {
        this.key = key;
        this.success = success;
        this.receiver = new Receiver().answer(this::answer);
    }

    public URI url() {
        return receiver.url("/hook");
    }

    public Receiver receiver() {
        return receiver;
    }

    public IdempotentReceiver failWith(Function<Request, Answer> failures) {
        this.failures = failures;
        return this;
    }

    /** Requests that took effect, in order. */
    public synchronized List<Request> effects() {
        return List.copyOf(effects);
    }

    /** Accepted requests that repeated a key already taken. */
    public synchronized int duplicates() {
        return seen.values().stream().mapToInt(n -> n - 1).sum();
    }

    private Answer answer(Request request) {
        Answer failure = failures.apply(request);
        if (failure != null) {
            return failure;
        }
        String k = key.apply(request);
        synchronized (this) {
            if (seen.merge(k == null ? "" : k, 1, Integer::sum) == 1) {
                effects.add(request);
            }
            notifyAll();
        }
        return success;
    }

    /** Waits until {@code count} requests took effect. */
    public List<Request> awaitEffects(int count, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (effects.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + count + " effects within " + timeout + ", got " + effects.size());
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return List.copyOf(effects);
        }
    }

    @Override
    public void close() {
        receiver.close();
    }
}
