package io.blastradius.alerts.pagerduty;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blastradius.alerts.text.AlertText;
import io.blastradius.schemas.Outage;
import io.blastradius.schemas.OutageAlert;
import io.blastradius.schemas.OutageState;

/**
 * PagerDuty Events API v2 events for an outage's lifecycle. Every event of one outage carries the
 * same {@code dedup_key} ({@link #dedupKey}), so PagerDuty keeps one incident per outage: the
 * CONFIRMED trigger opens it, later triggers (updates) add to it, RESOLVED resolves it.
 */
public final class PagerDutyEvent {
    private static final int MAX_SUMMARY = 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The event actions of the Events API v2. */
    public enum Action { TRIGGER, ACKNOWLEDGE, RESOLVE }

    private PagerDutyEvent() {
    }

    /** {@code blastradius/<outageId>}: one PagerDuty alert (and incident) per outage. */
    public static String dedupKey(String outageId) {
        return "blastradius/" + outageId;
    }

    /**
     * The event body.
     *
     * @param severity critical, error, warning or info
     * @param source the payload's source
     * @param dashboardLink a link to the outage, or null
     */
    public static ObjectNode of(Action action, String routingKey, OutageAlert alert, String severity, String source,
            String dashboardLink) {
        ObjectNode event = JSON.createObjectNode();
        event.put("routing_key", routingKey);
        event.put("event_action", action.name().toLowerCase(java.util.Locale.ROOT));
        event.put("dedup_key", dedupKey(alert.getOutageId()));
        if (action != Action.TRIGGER) {
            return event; // acknowledge and resolve need only the key
        }
        Outage outage = alert.getOutage();
        ObjectNode payload = event.putObject("payload");
        String summary = "[blastradius] " + AlertText.headline(alert) + ": " + AlertText.radiusCounts(outage)
                + " (confidence " + AlertText.confidence(outage) + ")";
        payload.put("summary", summary.length() > MAX_SUMMARY ? summary.substring(0, MAX_SUMMARY) : summary);
        payload.put("source", source);
        payload.put("severity", alert.getState() == OutageState.RECOVERING && "critical".equals(severity)
                ? "warning" : severity);
        payload.put("timestamp", alert.getAt().toString());
        payload.put("component", outage.getScope());
        payload.put("group", outage.getProvider());
        payload.put("class", "provider-outage");
        ObjectNode details = payload.putObject("custom_details");
        details.put("alert_id", alert.getAlertId());
        details.put("outage_id", alert.getOutageId());
        details.put("state", alert.getState().name());
        details.put("previous_state", alert.getPreviousState() == null ? null : alert.getPreviousState().name());
        details.put("reason", alert.getReason());
        details.put("scope", outage.getScope());
        details.put("confidence", outage.getConfidence());
        details.put("onset", outage.getOnset().toString());
        details.put("since_onset", AlertText.sinceOnset(alert));
        details.put("observed_services", outage.getBlastRadius().getImpact().getObservedServices());
        details.put("at_risk_services", outage.getBlastRadius().getImpact().getAtRiskServices());
        details.put("observed_users", outage.getBlastRadius().getImpact().getObservedUsers());
        ArrayNode paths = details.putArray("paths");
        AlertText.paths(outage, 5).forEach(paths::add);
        details.put("evidence", outage.getEvidence().getSummary());
        event.put("client", "blastradius");
        if (dashboardLink != null) {
            event.put("client_url", dashboardLink);
            event.putArray("links").addObject().put("href", dashboardLink).put("text", "blastradius dashboard");
        }
        return event;
    }
}
