package io.blastradius.alerts.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blastradius.alerts.config.DestinationConfig;
import io.blastradius.alerts.config.DestinationType;
import io.blastradius.alerts.delivery.Destination;
import io.blastradius.alerts.delivery.HttpPoster;
import io.blastradius.alerts.delivery.Outcome;
import io.blastradius.alerts.text.AlertText;
import io.blastradius.schemas.OutageAlert;
import java.time.Clock;
import java.util.Map;

/**
 * A Slack incoming webhook ({@link SlackMessage}). Slack answers 200 {@code ok}; 400
 * {@code invalid_payload}, 403, 404 {@code no_service} and 410 {@code channel_is_archived} are
 * refused for good (dead-lettered), 429 with {@code Retry-After} and 5xx retried. Incoming webhooks
 * have no idempotency key: a copy sent again after a crash shows twice in the channel (the
 * subscriber commits every second to keep that window short).
 */
public final class SlackDestination implements Destination {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final HttpPoster poster;
    private final String dashboardUrl;

    public SlackDestination(DestinationConfig config, String dashboardUrl, Clock clock) {
        this.name = config.name();
        this.poster = new HttpPoster(config.url(), config.timeout(), config.headers(), clock);
        this.dashboardUrl = dashboardUrl;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DestinationType type() {
        return DestinationType.SLACK;
    }

    @Override
    public Outcome deliver(OutageAlert alert, int attempt) throws InterruptedException {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(SlackMessage.of(alert, AlertText.dashboardLink(dashboardUrl,
                    alert.getOutageId())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Slack message is a plain JSON tree", e);
        }
        return poster.post(body, Map.of());
    }
}
