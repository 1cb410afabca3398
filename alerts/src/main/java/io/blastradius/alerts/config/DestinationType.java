package io.blastradius.alerts.config;

import java.util.Locale;

/** The kinds of destination a subscriber delivers to. */
public enum DestinationType {
    /** A generic JSON webhook: the JSON form of the alert, optionally HMAC-signed. */
    WEBHOOK,
    /** A Slack incoming webhook: a Block Kit message. */
    SLACK,
    /** The PagerDuty Events API v2: trigger, (acknowledge,) resolve under one dedup key per outage. */
    PAGERDUTY,
    /** The subscriber's own JSON alert topic (json.topic.enabled); not configurable as a destination. */
    JSON_TOPIC;

    /** The name used in configuration and dead letters: {@code webhook}, {@code slack}, {@code pagerduty}, {@code json-topic}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static DestinationType parse(String id) {
        for (DestinationType t : values()) {
            if (t.id().equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException(id);
    }
}
