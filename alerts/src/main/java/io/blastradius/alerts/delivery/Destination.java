package io.blastradius.alerts.delivery;

import io.blastradius.alerts.config.DestinationType;
import io.blastradius.schemas.OutageAlert;

/**
 * Somewhere alerts go: a webhook, a Slack channel, a PagerDuty service, the JSON topic. A
 * destination makes one attempt per call and says how it went; retries, ordering and dead letters
 * are the {@link DestinationWorker}'s.
 */
public interface Destination extends AutoCloseable {

    /** The name in the configuration. */
    String name();

    DestinationType type();

    /**
     * One attempt to deliver {@code alert}. Never throws for a delivery failure: the outcome says
     * what happened. Blocks for at most the destination's timeout.
     *
     * @param attempt 1 for the first attempt of this alert, then 2, 3, ...
     * @throws InterruptedException when the worker is being stopped
     */
    Outcome deliver(OutageAlert alert, int attempt) throws InterruptedException;

    @Override
    default void close() {
    }
}
