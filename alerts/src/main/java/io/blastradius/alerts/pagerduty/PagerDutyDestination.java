package io.blastradius.alerts.pagerduty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blastradius.alerts.config.DestinationConfig;
import io.blastradius.alerts.config.DestinationType;
import io.blastradius.alerts.delivery.Destination;
import io.blastradius.alerts.delivery.HttpPoster;
import io.blastradius.alerts.delivery.Outcome;
import io.blastradius.alerts.pagerduty.PagerDutyEvent.Action;
import io.blastradius.alerts.text.AlertText;
import io.blastradius.schemas.OutageAlert;
import java.time.Clock;
import java.util.Map;

/**
 * The PagerDuty Events API v2 ({@code POST /v2/enqueue}). CONFIRMED triggers; RESOLVED resolves
 * (when the outage was ever confirmed: otherwise no incident was opened); with {@code updates},
 * ACKNOWLEDGED and RECOVERING trigger again under the same dedup key, which PagerDuty folds into the
 * open incident; with {@code acknowledge}, ACKNOWLEDGED acknowledges instead. SUSPECTED sends
 * nothing. PagerDuty answers 202; 400 is refused for good, 429 and 5xx are retried.
 *
 * <p>A copy of a trigger sent again (at-least-once) lands on the same open incident. What dedup
 * cannot absorb: a trigger sent again <em>after</em> its outage's resolve opens a new incident;
 * per-outage ordering prevents that within a run, and after a crash it needs the crash to fall
 * between the resolve's delivery and the next offset commit (at most {@code commit.interval.ms}).
 */
public final class PagerDutyDestination implements Destination {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final HttpPoster poster;
    private final String routingKey;
    private final String severity;
    private final String source;
    private final boolean updates;
    private final boolean acknowledge;
    private final String dashboardUrl;

    public PagerDutyDestination(DestinationConfig config, String dashboardUrl, Clock clock) {
        this.name = config.name();
        this.poster = new HttpPoster(config.url(), config.timeout(), config.headers(), clock);
        this.routingKey = config.routingKey();
        this.severity = config.severity();
        this.source = config.source();
        this.updates = config.updates();
        this.acknowledge = config.acknowledge();
        this.dashboardUrl = dashboardUrl;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DestinationType type() {
        return DestinationType.PAGERDUTY;
    }

    /** The event action for {@code alert}, or null when PagerDuty gets nothing for it. */
    Action action(OutageAlert alert) {
        return switch (alert.getState()) {
            case SUSPECTED -> null;
            case CONFIRMED -> Action.TRIGGER;
            case ACKNOWLEDGED -> acknowledge ? Action.ACKNOWLEDGE : updates ? Action.TRIGGER : null;
            case RECOVERING -> updates ? Action.TRIGGER : null;
            case RESOLVED -> alert.getOutage().getConfirmed() != null ? Action.RESOLVE : null;
        };
    }

    @Override
    public Outcome deliver(OutageAlert alert, int attempt) throws InterruptedException {
        Action action = action(alert);
        if (action == null) {
            return new Outcome.Skipped("no PagerDuty event for " + alert.getState());
        }
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(PagerDutyEvent.of(action, routingKey, alert, severity, source,
                    AlertText.dashboardLink(dashboardUrl, alert.getOutageId())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a PagerDuty event is a plain JSON tree", e);
        }
        return poster.post(body, Map.of());
    }
}
