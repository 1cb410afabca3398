package io.blastradius.alerts.testing;

import io.blastradius.alerts.config.DestinationConfig;
import io.blastradius.alerts.delivery.DeadLetterSink;
import io.blastradius.alerts.delivery.Destination;
import io.blastradius.alerts.delivery.DestinationWorker;
import io.blastradius.alerts.delivery.RetryPolicy;
import io.blastradius.alerts.webhook.WebhookDestination;
import io.blastradius.schemas.AlertDeadLetter;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Destinations and workers with quick retries, for tests. */
public final class Destinations {
    private Destinations() {
    }

    /** Settings of a webhook at {@code url} retrying fast: 20 ms backoff doubling to 200 ms, 2 s timeout. */
    public static Map<String, String> fastWebhook(URI url) {
        Map<String, String> c = new HashMap<>();
        c.put("type", "webhook");
        c.put("url", url.toString());
        c.put("timeout.ms", "2000");
        c.put("retry.initial.backoff.ms", "20");
        c.put("retry.max.backoff.ms", "200");
        c.put("retry.max.attempts", "6");
        c.put("retry.budget.ms", "60000");
        return c;
    }

    public static DestinationConfig config(String name, Map<String, String> settings) {
        return new DestinationConfig(name, settings);
    }

    public static WebhookDestination webhook(String name, Map<String, String> settings) {
        return new WebhookDestination(config(name, settings), null, Clock.systemUTC());
    }

    public static DestinationWorker worker(Destination destination, DestinationConfig config, DeadLetterSink sink) {
        return new DestinationWorker(destination, config.concurrency(), new RetryPolicy(config.retry(),
                new Random(7)), sink, "test-group", Clock.systemUTC());
    }

    /** Dead letters kept in memory. */
    public static final class MemorySink implements DeadLetterSink {
        private final List<AlertDeadLetter> letters = new ArrayList<>();

        @Override
        public synchronized void write(AlertDeadLetter letter) {
            letters.add(letter);
        }

        public synchronized List<AlertDeadLetter> letters() {
            return List.copyOf(letters);
        }
    }
}
