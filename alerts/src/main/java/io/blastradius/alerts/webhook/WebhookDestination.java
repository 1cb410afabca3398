package io.blastradius.alerts.webhook;

import io.blastradius.alerts.config.DestinationConfig;
import io.blastradius.alerts.config.DestinationType;
import io.blastradius.alerts.delivery.Destination;
import io.blastradius.alerts.delivery.HttpPoster;
import io.blastradius.alerts.delivery.Outcome;
import io.blastradius.alerts.json.AlertJson;
import io.blastradius.alerts.text.AlertText;
import io.blastradius.schemas.OutageAlert;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A generic JSON webhook: POSTs the JSON form of the alert ({@link AlertJson}). Every request
 * carries {@code Idempotency-Key} (the alert id, {@code <outageId>:<sequence>}, the same on every
 * retry and after a restart) so a receiver can drop the copies at-least-once delivery may bring,
 * and {@code X-Blastradius-Delivery-Attempt}; with a secret, also the HMAC headers of
 * {@link WebhookSignature}, computed per attempt so the timestamp is fresh.
 */
public final class WebhookDestination implements Destination {
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
    public static final String ALERT_ID_HEADER = "X-Blastradius-Alert-Id";
    public static final String ATTEMPT_HEADER = "X-Blastradius-Delivery-Attempt";

    private final String name;
    private final HttpPoster poster;
    private final byte[] secret;
    private final String dashboardUrl;
    private final Clock clock;

    public WebhookDestination(DestinationConfig config, String dashboardUrl, Clock clock) {
        this.name = config.name();
        this.poster = new HttpPoster(config.url(), config.timeout(), config.headers(), clock);
        this.secret = config.secret();
        this.dashboardUrl = dashboardUrl;
        this.clock = clock;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DestinationType type() {
        return DestinationType.WEBHOOK;
    }

    @Override
    public Outcome deliver(OutageAlert alert, int attempt) throws InterruptedException {
        byte[] body = AlertJson.toJson(alert, AlertText.dashboardLink(dashboardUrl, alert.getOutageId()));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(IDEMPOTENCY_KEY_HEADER, alert.getAlertId());
        headers.put(ALERT_ID_HEADER, alert.getAlertId());
        headers.put(ATTEMPT_HEADER, Integer.toString(attempt));
        if (secret != null) {
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            headers.put(WebhookSignature.TIMESTAMP_HEADER, timestamp);
            headers.put(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, body));
        }
        return poster.post(body, headers);
    }
}
