package io.blastradius.alerts.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.blastradius.alerts.config.DestinationConfig;
import io.blastradius.alerts.pagerduty.PagerDutyEvent.Action;
import io.blastradius.alerts.testing.AlertFixtures;
import io.blastradius.schemas.OutageAlert;
import io.blastradius.schemas.OutageState;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PagerDutyEventTest {
    private static final String KEY = "R0UT1NGKEY00000000000000000000AB";

    private static PagerDutyDestination destination(Map<String, String> extra) {
        Map<String, String> c = new HashMap<>(Map.of("type", "pagerduty", "routing.key", KEY,
                "url", "http://127.0.0.1:9/v2/enqueue"));
        c.putAll(extra);
        return new PagerDutyDestination(new DestinationConfig("pd", c), null, Clock.systemUTC());
    }

    @Test
    void triggersOnConfirmedAndResolvesOnResolvedOnly() {
        List<OutageAlert> alerts = AlertFixtures.lifecycle("o1", "aws/us-east-1");
        PagerDutyDestination pd = destination(Map.of());
        assertThat(alerts.stream().map(pd::action).toList())
                .containsExactly(null, Action.TRIGGER, null, null, Action.RESOLVE);
    }

    @Test
    void sendsUpdatesAsTriggersUnderTheSameKeyWhenAsked() {
        List<OutageAlert> alerts = AlertFixtures.lifecycle("o1", "aws/us-east-1");
        assertThat(alerts.stream().map(destination(Map.of("updates", "true"))::action).toList())
                .containsExactly(null, Action.TRIGGER, Action.TRIGGER, Action.TRIGGER, Action.RESOLVE);
        assertThat(alerts.stream().map(destination(Map.of("acknowledge", "true"))::action).toList())
                .containsExactly(null, Action.TRIGGER, Action.ACKNOWLEDGE, null, Action.RESOLVE);
    }

    @Test
    void doesNotResolveAnOutageThatWasNeverConfirmed() {
        OutageAlert resolved = AlertFixtures.alert("o1", "aws/us-east-1", 2, OutageState.SUSPECTED,
                OutageState.RESOLVED, AlertFixtures.ONSET, 0.2, List.of());
        resolved.getOutage().setConfirmed(null);
        assertThat(destination(Map.of()).action(resolved)).isNull();
    }

    @Test
    void aTriggerCarriesSummarySeveritySourceAndDetails() {
        OutageAlert confirmed = AlertFixtures.lifecycle("aws-use1", "aws/us-east-1").get(1);
        JsonNode event = PagerDutyEvent.of(Action.TRIGGER, KEY, confirmed, "critical", "blastradius",
                "http://127.0.0.1:8080/#/outages/aws-use1");

        assertThat(event.get("routing_key").asText()).isEqualTo(KEY);
        assertThat(event.get("event_action").asText()).isEqualTo("trigger");
        assertThat(event.get("dedup_key").asText()).isEqualTo("blastradius/aws-use1");
        assertThat(event.at("/payload/summary").asText())
                .isEqualTo("[blastradius] CONFIRMED: provider outage of aws/us-east-1: 2 observed, 1 at risk (confidence 0.90)");
        assertThat(event.at("/payload/severity").asText()).isEqualTo("critical");
        assertThat(event.at("/payload/source").asText()).isEqualTo("blastradius");
        assertThat(event.at("/payload/component").asText()).isEqualTo("aws/us-east-1");
        assertThat(event.at("/payload/timestamp").asText()).isEqualTo("2025-10-20T07:03:00Z");
        assertThat(event.at("/payload/custom_details/alert_id").asText()).isEqualTo("aws-use1:2");
        assertThat(event.at("/payload/custom_details/paths/1").asText()).isEqualTo("metamask → infura → aws/us-east-1");
        assertThat(event.at("/links/0/href").asText()).isEqualTo("http://127.0.0.1:8080/#/outages/aws-use1");
    }

    @Test
    void aResolveCarriesOnlyTheKey() {
        JsonNode event = PagerDutyEvent.of(Action.RESOLVE, KEY, AlertFixtures.lifecycle("o1", "aws/us-east-1").get(4),
                "critical", "blastradius", null);
        assertThat(event.size()).isEqualTo(3);
        assertThat(event.get("event_action").asText()).isEqualTo("resolve");
        assertThat(event.get("dedup_key").asText()).isEqualTo("blastradius/o1");
    }
}
