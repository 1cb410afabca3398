package io.blastradius.alerts.delivery;

import static io.blastradius.alerts.testing.Destinations.config;
import static io.blastradius.alerts.testing.Destinations.fastWebhook;
import static io.blastradius.alerts.testing.Destinations.webhook;
import static io.blastradius.alerts.testing.Destinations.worker;
import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.alerts.testing.AlertFixtures;
import io.blastradius.alerts.testing.Destinations.MemorySink;
import io.blastradius.alerts.testing.Receiver;
import io.blastradius.alerts.testing.Receiver.Answer;
import io.blastradius.alerts.testing.Receiver.Request;
import io.blastradius.schemas.AlertDeadLetter;
import io.blastradius.schemas.OutageAlert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DestinationWorkerTest {
    private static final TopicPartition TP = new TopicPartition("alerts", 0);
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final MemorySink sink = new MemorySink();
    private final Map<Long, Boolean> done = new ConcurrentHashMap<>();
    private final AtomicInteger offsets = new AtomicInteger();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private Receiver receiver() throws Exception {
        Receiver r = new Receiver();
        closeables.add(r);
        return r;
    }

    private DestinationWorker worker(String name, Map<String, String> settings) {
        DestinationWorker w = io.blastradius.alerts.testing.Destinations.worker(webhook(name, settings),
                config(name, settings), sink);
        closeables.add(w);
        return w;
    }

    private void submit(DestinationWorker worker, OutageAlert alert) {
        long offset = offsets.getAndIncrement();
        worker.submit(new DestinationWorker.Job(alert, TP, offset, System.nanoTime(), () -> done.put(offset, true)));
    }

    private void awaitDone(int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (done.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + done.size() + " of " + count + " alerts done");
            }
            Thread.sleep(10);
        }
    }

    private static List<String> ids(List<Request> requests) {
        return requests.stream().map(r -> r.header("Idempotency-Key")).toList();
    }

    @Test
    void deliversEachAlertOnceWithItsIdAsIdempotencyKey() throws Exception {
        Receiver receiver = receiver();
        DestinationWorker worker = worker("ok", fastWebhook(receiver.url("/hook")));
        List<OutageAlert> alerts = AlertFixtures.lifecycle("aws-use1-1", "aws/us-east-1");
        alerts.forEach(a -> submit(worker, a));

        awaitDone(5);
        assertThat(ids(receiver.requests())).containsExactly("aws-use1-1:1", "aws-use1-1:2", "aws-use1-1:3",
                "aws-use1-1:4", "aws-use1-1:5");
        assertThat(receiver.requests()).allSatisfy(r -> {
            assertThat(r.header("Content-Type")).isEqualTo("application/json");
            assertThat(r.header("X-Blastradius-Delivery-Attempt")).isEqualTo("1");
        });
        assertThat(worker.stats().delivered()).isEqualTo(5);
        assertThat(sink.letters()).isEmpty();
    }

    @Test
    void deadLettersARejectedAlertAtOnceAndGoesOnWithTheNext() throws Exception {
        Receiver receiver = receiver().answer(r -> r.text().contains("\"sequence\":2")
                ? Answer.status(400, "bad payload") : Answer.status(200));
        DestinationWorker worker = worker("strict", fastWebhook(receiver.url("/hook")));
        AlertFixtures.lifecycle("o1", "aws/us-east-1").subList(0, 3).forEach(a -> submit(worker, a));

        awaitDone(3);
        assertThat(ids(receiver.requests())).containsExactly("o1:1", "o1:2", "o1:3");
        assertThat(sink.letters()).singleElement().satisfies(l -> {
            assertThat(l.getAlert().getAlertId()).isEqualTo("o1:2");
            assertThat(l.getDestination()).isEqualTo("strict");
            assertThat(l.getDestinationType()).isEqualTo("webhook");
            assertThat(l.getAttempts()).isEqualTo(1);
            assertThat(l.getPermanent()).isTrue();
            assertThat(l.getLastStatus()).isEqualTo(400);
            assertThat(l.getLastError()).contains("HTTP 400").contains("bad payload");
            assertThat(l.getSourceTopic()).isEqualTo("alerts");
            assertThat(l.getOffset()).isEqualTo(1);
        });
    }

    @Test
    void retriesAServerErrorUntilTheDestinationRecovers() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Receiver receiver = receiver().answer(r -> calls.incrementAndGet() <= 3 ? Answer.status(500, "oops")
                : Answer.status(204));
        DestinationWorker worker = worker("flaky", fastWebhook(receiver.url("/hook")));
        submit(worker, AlertFixtures.lifecycle("o1", "aws/us-east-1").get(0));

        awaitDone(1);
        List<Request> requests = receiver.requests();
        assertThat(requests).hasSize(4);
        assertThat(ids(requests)).containsOnly("o1:1");
        assertThat(requests.stream().map(r -> r.header("X-Blastradius-Delivery-Attempt")))
                .containsExactly("1", "2", "3", "4");
        assertThat(worker.stats().retried()).isEqualTo(3);
        assertThat(sink.letters()).isEmpty();
    }

    @Test
    void retriesATimeoutAndDoesNotRetryBeforeTheBackoff() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Receiver receiver = receiver().answer(r -> calls.incrementAndGet() == 1 ? Answer.hang() : Answer.status(200));
        Map<String, String> settings = fastWebhook(receiver.url("/hook"));
        settings.put("timeout.ms", "300");
        DestinationWorker worker = worker("slow-once", settings);
        submit(worker, AlertFixtures.lifecycle("o1", "aws/us-east-1").get(0));

        awaitDone(1);
        List<Request> requests = receiver.requests();
        assertThat(requests).hasSize(2);
        // the second attempt comes after the 300 ms timeout plus at least half the 20 ms backoff
        assertThat(requests.get(1).receivedNanos() - requests.get(0).receivedNanos())
                .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(310));
        assertThat(sink.letters()).isEmpty();
    }

    @Test
    void waitsAsLongAsRetryAfterSaysOnA429() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Receiver receiver = receiver().answer(r -> calls.incrementAndGet() == 1 ? Answer.rateLimited(1)
                : Answer.status(200));
        DestinationWorker worker = worker("limited", fastWebhook(receiver.url("/hook")));
        submit(worker, AlertFixtures.lifecycle("o1", "aws/us-east-1").get(0));

        awaitDone(1);
        List<Request> requests = receiver.requests();
        assertThat(requests).hasSize(2);
        // the backoff alone would be 10-20 ms
        assertThat(requests.get(1).receivedNanos() - requests.get(0).receivedNanos())
                .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(1_000));
    }

    @Test
    void deadLettersAnAlertThatStillFailsWhenTheAttemptsRunOut() throws Exception {
        Receiver receiver = receiver().answer(r -> Answer.status(503, "down for maintenance"));
        Map<String, String> settings = fastWebhook(receiver.url("/hook"));
        settings.put("retry.max.attempts", "3");
        DestinationWorker worker = worker("down", settings);
        List<OutageAlert> alerts = AlertFixtures.lifecycle("o1", "aws/us-east-1");
        submit(worker, alerts.get(0));
        submit(worker, alerts.get(3));

        awaitDone(2);
        assertThat(receiver.requests()).hasSize(6);
        assertThat(sink.letters()).extracting(l -> l.getAlert().getAlertId()).containsExactly("o1:1", "o1:4");
        AlertDeadLetter letter = sink.letters().get(1);
        assertThat(letter.getAttempts()).isEqualTo(3);
        assertThat(letter.getPermanent()).isFalse();
        assertThat(letter.getLastStatus()).isEqualTo(503);
        assertThat(letter.getLastError()).contains("down for maintenance");
        assertThat(letter.getAlert().getState().name()).isEqualTo("RECOVERING");
    }

    @Test
    void keepsTryingAResolvePastTheAttemptsUntilTheDestinationTakesIt() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Receiver receiver = receiver().answer(r -> calls.incrementAndGet() <= 6 ? Answer.status(503) : Answer.status(202));
        Map<String, String> settings = fastWebhook(receiver.url("/hook"));
        settings.put("retry.max.attempts", "3");
        DestinationWorker worker = worker("flaky", settings);
        submit(worker, AlertFixtures.lifecycle("o1", "aws/us-east-1").get(4));

        awaitDone(1);
        assertThat(ids(receiver.requests())).hasSize(7).containsOnly("o1:5");
        assertThat(sink.letters()).isEmpty();
        assertThat(worker.stats().delivered()).isEqualTo(1);
    }

    @Test
    void deadLettersAResolveOnlyWhenItsOwnLongerBudgetRunsOut() throws Exception {
        Receiver receiver = receiver().answer(r -> Answer.status(503, "down for maintenance"));
        Map<String, String> settings = fastWebhook(receiver.url("/hook"));
        settings.put("retry.max.attempts", "3");
        settings.put("retry.budget.ms", "100");
        settings.put("retry.resolve.budget.ms", "1500");
        DestinationWorker worker = worker("down", settings);
        submit(worker, AlertFixtures.lifecycle("o1", "aws/us-east-1").get(4));

        awaitDone(1);
        AlertDeadLetter letter = sink.letters().get(0);
        assertThat(letter.getAlert().getState().name()).isEqualTo("RESOLVED");
        assertThat(letter.getAttempts()).isGreaterThan(3).isEqualTo(receiver.requests().size());
        assertThat(Duration.between(letter.getFirstAttemptAt(), letter.getFailedAt()))
                .as("well past the 100 ms budget of other alerts, up to the resolve's 1.5 s (plus the last answer)")
                .isBetween(Duration.ofMillis(1000), Duration.ofMillis(3500));
    }

    @Test
    void deadLettersWhenRetryAfterReachesPastTheBudget() throws Exception {
        Receiver receiver = receiver().answer(r -> Answer.rateLimited(3600));
        Map<String, String> settings = fastWebhook(receiver.url("/hook"));
        settings.put("retry.budget.ms", "5000");
        DestinationWorker worker = worker("limited", settings);
        submit(worker, AlertFixtures.lifecycle("o1", "aws/us-east-1").get(0));

        awaitDone(1);
        assertThat(receiver.requests()).hasSize(1);
        assertThat(sink.letters()).singleElement().satisfies(l -> assertThat(l.getLastStatus()).isEqualTo(429));
    }

    @Test
    void keepsOneOutagesTransitionsInOrderWhileAnEarlierOneIsRetried() throws Exception {
        AtomicInteger firstAttempts = new AtomicInteger();
        Receiver receiver = receiver().answer(r -> r.header("Idempotency-Key").equals("o1:1")
                && firstAttempts.incrementAndGet() <= 3 ? Answer.status(502) : Answer.status(200));
        DestinationWorker worker = worker("ordered", fastWebhook(receiver.url("/hook")));
        AlertFixtures.lifecycle("o1", "aws/us-east-1").forEach(a -> submit(worker, a));

        awaitDone(5);
        List<String> accepted = new ArrayList<>();
        for (Request r : receiver.requests()) {
            if (!(r.header("Idempotency-Key").equals("o1:1") && Integer.parseInt(r.header("X-Blastradius-Delivery-Attempt")) <= 3)) {
                accepted.add(r.header("Idempotency-Key"));
            }
        }
        assertThat(accepted).containsExactly("o1:1", "o1:2", "o1:3", "o1:4", "o1:5");
        assertThat(ids(receiver.requests()).subList(0, 4)).containsOnly("o1:1");
    }

    @Test
    void deliversOtherOutagesWhileOneIsBeingRetried() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Receiver receiver = receiver().answer(r -> r.header("Idempotency-Key").startsWith("stuck:")
                && release.getCount() > 0 ? Answer.status(503) : Answer.status(200));
        DestinationWorker worker = worker("mixed", fastWebhook(receiver.url("/hook")));
        submit(worker, AlertFixtures.lifecycle("stuck", "aws/us-east-1").get(0));
        AlertFixtures.lifecycle("fine", "gcp/global").forEach(a -> submit(worker, a));

        awaitDone(5);
        assertThat(done).doesNotContainKey(0L);
        release.countDown();
        awaitDone(6);
        assertThat(sink.letters()).isEmpty();
    }

    @Test
    void aSlowDestinationDoesNotHoldUpAFastOne() throws Exception {
        CountDownLatch slowRelease = new CountDownLatch(1);
        Receiver slow = receiver().answer(r -> {
            try {
                slowRelease.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Answer.status(200);
        });
        Receiver fast = receiver();
        Map<String, String> slowSettings = fastWebhook(slow.url("/hook"));
        slowSettings.put("timeout.ms", "60000");
        DestinationWorker slowWorker = worker("slow", slowSettings);
        DestinationWorker fastWorker = worker("fast", fastWebhook(fast.url("/hook")));
        List<OutageAlert> alerts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            alerts.addAll(AlertFixtures.lifecycle("o" + i, "aws/us-east-1"));
        }
        for (OutageAlert a : alerts) {
            submit(slowWorker, a);
            submit(fastWorker, a);
        }

        fast.await(50, WAIT);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (fastWorker.pending() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(fastWorker.pending()).isZero();
        assertThat(slowWorker.pending()).isEqualTo(50);
        assertThat(slow.requests()).hasSizeLessThanOrEqualTo(4); // its concurrency: 4 outages at a time
        slowRelease.countDown();
        slow.await(50, WAIT);
        awaitDone(100);
    }

    @Test
    void doesNotSendAnAlertAgainThatWasDeliveredEarlierInThisRun() throws Exception {
        Receiver receiver = receiver();
        DestinationWorker worker = worker("once", fastWebhook(receiver.url("/hook")));
        List<OutageAlert> alerts = AlertFixtures.lifecycle("o1", "aws/us-east-1");
        submit(worker, alerts.get(0));
        submit(worker, alerts.get(1));
        awaitDone(2);
        submit(worker, alerts.get(0)); // read again after a rebalance, say

        awaitDone(3);
        assertThat(ids(receiver.requests())).containsExactly("o1:1", "o1:2");
        assertThat(worker.stats().duplicates()).isEqualTo(1);
    }
}
