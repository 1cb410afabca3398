package io.blastradius.ingest.status.statuspage;

import static io.blastradius.ingest.status.Fixtures.ALL;
import static io.blastradius.ingest.status.Fixtures.events;
import static io.blastradius.ingest.status.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blastradius.ingest.status.FeedFormatException;
import io.blastradius.ingest.status.ParseResult;
import io.blastradius.ingest.status.Subject;
import io.blastradius.schemas.ComponentStatus;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.SubjectType;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatuspageParserTest {
    private final StatuspagePage page = new StatuspagePage("examplechain", URI.create("https://status.examplechain.io"),
            Subject.parse("examplechain"), ComponentMapping.none());
    private final StatuspageParser parser = new StatuspageParser(page);

    private List<StatusEvent> parse(String payload) throws FeedFormatException {
        return events(parser.parse(payload, ALL));
    }

    @Test
    void readsLeafComponentStatesAndSkipsGroupContainers() throws Exception {
        List<StatusEvent> components = parse(text("statuspage-summary.json")).stream()
                .filter(e -> e.getIncidentId() == null).toList();

        assertThat(components).extracting(StatusEvent::getComponentId)
                .containsExactly("b3m1y6tq0zke", "p8w4n2jc5rvd", "r5c9d1kz3ubs", "t1f6j8qh4wxa");
        StatusEvent rest = components.get(0);
        assertThat(rest.getComponent()).isEqualTo("API - REST API (us-east)");
        assertThat(rest.getStatus()).isEqualTo(ComponentStatus.DEGRADED);
        assertThat(rest.getEventTime()).isEqualTo(Instant.parse("2026-03-14T16:41:58.280Z"));
        assertThat(rest.getRawTime()).isEqualTo("2026-03-14T09:41:58.280-07:00");
        assertThat(rest.getSource()).isEqualTo("statuspage:x7k2p9q4m1zt");
        assertThat(rest.getSubject()).isEqualTo("examplechain");
        assertThat(rest.getSubjectType()).isEqualTo(SubjectType.SERVICE);
        assertThat(components.get(2).getStatus()).isEqualTo(ComponentStatus.MAINTENANCE);
    }

    @Test
    void readsEachIncidentUpdateAtItsDisplayTimeWithTheComponentTransitionItRecords() throws Exception {
        List<StatusEvent> updates = parse(text("statuspage-summary.json")).stream()
                .filter(e -> "q2m7v0x4hc8j".equals(e.getIncidentId())).toList();

        assertThat(updates).extracting(StatusEvent::getUpdateId).containsExactly("z9k4t1w6pn3c", "h6c2y8b0qr5e");
        StatusEvent first = updates.get(1);
        assertThat(first.getIncidentStatus()).isEqualTo("investigating");
        assertThat(first.getStatus()).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
        // back-dated: shown at 09:10 local although written at 09:18:40
        assertThat(first.getEventTime()).isEqualTo(Instant.parse("2026-03-14T16:10:00Z"));
        assertThat(first.getTitle()).isEqualTo("Elevated error rates on REST API");
        assertThat(first.getBody()).isEqualTo(
                "We are investigating elevated 5xx responses on the REST API in us-east.\n\nWebSocket clients are not affected.");
        assertThat(first.getUrl()).isEqualTo("https://stspg.io/k3j9w2q7zx1m");
        assertThat(first.getComponentId()).isEqualTo("b3m1y6tq0zke");
        assertThat(updates.get(0).getStatus()).isEqualTo(ComponentStatus.DEGRADED);
        assertThat(updates.get(0).getIncidentStatus()).isEqualTo("identified");
    }

    @Test
    void readsMaintenancesAndIgnoresTheNoComponentsPlaceholder() throws Exception {
        List<StatusEvent> maintenance = parse(text("statuspage-summary.json")).stream()
                .filter(e -> "m4n8s2d6fk0w".equals(e.getIncidentId())).toList();

        assertThat(maintenance).hasSize(2);
        assertThat(maintenance.get(0).getStatus()).isEqualTo(ComponentStatus.MAINTENANCE);
        // the announcement names no component ("No components were affected..."): the maintenance's
        // own component is used, with no state claimed for the present
        assertThat(maintenance.get(1).getIncidentStatus()).isEqualTo("scheduled");
        assertThat(maintenance.get(1).getComponentId()).isEqualTo("r5c9d1kz3ubs");
        assertThat(maintenance.get(1).getStatus()).isEqualTo(ComponentStatus.UNKNOWN);
    }

    @Test
    void readsAResolvedIncidentWithoutComponentsAsUpdatesOfThePageSubject() throws Exception {
        List<StatusEvent> updates = parse(text("statuspage-incidents.json"));

        assertThat(updates).extracting(StatusEvent::getIncidentStatus)
                .containsExactly("resolved", "monitoring", "investigating");
        assertThat(updates).allSatisfy(e -> assertThat(e.getSubject()).isEqualTo("examplechain"));
        assertThat(updates.get(0).getStatus()).isEqualTo(ComponentStatus.OPERATIONAL);
        // impact "none" during a real incident: an open incident is still at least degraded
        assertThat(updates.get(2).getStatus()).isEqualTo(ComponentStatus.DEGRADED);
        assertThat(updates).extracting(StatusEvent::getEventId).doesNotHaveDuplicates();
    }

    @Test
    void givesTheSameIdsOnEveryReadAndANewIdToAnEditedUpdateOfTheSameIncident() throws Exception {
        String original = text("statuspage-incidents.json");
        String edited = original
                .replace("Funds are safe.", "Funds are safe. Bitcoin deposits are not affected.")
                .replace("\"updated_at\": \"2026-03-02T03:35:44.118-08:00\"",
                        "\"updated_at\": \"2026-03-02T06:10:00.000-08:00\"");

        List<StatusEvent> first = parse(original);
        List<StatusEvent> again = parse(original);
        List<StatusEvent> afterEdit = parse(edited);

        assertThat(again).extracting(StatusEvent::getEventId)
                .containsExactlyElementsOf(first.stream().map(StatusEvent::getEventId).toList());
        StatusEvent before = first.get(2);
        StatusEvent after = afterEdit.get(2);
        assertThat(after.getIncidentId()).isEqualTo(before.getIncidentId());
        assertThat(after.getUpdateId()).isEqualTo(before.getUpdateId());
        assertThat(after.getEventId()).isNotEqualTo(before.getEventId());
        assertThat(after.getBody()).endsWith("Bitcoin deposits are not affected.");
        assertThat(afterEdit.get(0).getEventId()).isEqualTo(first.get(0).getEventId());
    }

    @Test
    void mapsTheComponentsOfAProviderPageToProviderScopes() throws Exception {
        StatuspagePage cloudflare = new StatuspagePage("cloudflare", URI.create("https://www.cloudflarestatus.com"),
                Subject.parse("cloudflare/global"),
                ComponentMapping.parse("REST API*=cloudflare/global/cdn;Withdrawals=cloudflare/global/workers-kv;"
                        + "API=cloudflare/global/api"));
        List<StatusEvent> events = events(new StatuspageParser(cloudflare).parse(text("statuspage-summary.json"), ALL));

        StatusEvent rest = events.stream().filter(e -> "b3m1y6tq0zke".equals(e.getComponentId())
                && e.getIncidentId() != null).findFirst().orElseThrow();
        assertThat(rest.getSubject()).isEqualTo("cloudflare/global/cdn");
        assertThat(rest.getSubjectType()).isEqualTo(SubjectType.PROVIDER);
        assertThat(rest.getProvider()).isEqualTo("cloudflare");
        assertThat(rest.getRegion()).isEqualTo("global");
        assertThat(rest.getProviderService()).isEqualTo("cdn");
        // a child of the "API" group without a rule of its own falls to the group's rule
        StatusEvent ws = events.stream().filter(e -> "p8w4n2jc5rvd".equals(e.getComponentId())).findFirst().orElseThrow();
        assertThat(ws.getSubject()).isEqualTo("cloudflare/global/api");
        StatusEvent legacy = events.stream().filter(e -> "t1f6j8qh4wxa".equals(e.getComponentId())).findFirst().orElseThrow();
        assertThat(legacy.getSubject()).isEqualTo("cloudflare/global");
    }

    @Test
    void rejectsAnUpdateWithAnUnreadableTimestampAndKeepsTheRest() throws Exception {
        String broken = text("statuspage-incidents.json").replace("\"display_at\": \"2026-03-02T04:58:12.330-08:00\"",
                "\"display_at\": \"the day after\"");

        ParseResult result = parser.parse(broken, ALL);

        assertThat(result.events()).hasSize(2);
        assertThat(result.rejected()).singleElement().satisfies(r -> {
            assertThat(r.what()).contains("u2i8o4p0a6s3");
            assertThat(r.reason()).contains("the day after");
        });
    }

    @Test
    void rejectsTruncatedOrForeignDocumentsAsAWhole() {
        String full = text("statuspage-summary.json");
        assertThatThrownBy(() -> parser.parse(full.substring(0, full.length() / 2), ALL))
                .isInstanceOf(FeedFormatException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> parser.parse(full + "}", ALL)).isInstanceOf(FeedFormatException.class);
        assertThatThrownBy(() -> parser.parse("{\"status\":\"ok\"}", ALL))
                .isInstanceOf(FeedFormatException.class).hasMessageContaining("no 'page'");
        assertThatThrownBy(() -> parser.parse("[]", ALL)).isInstanceOf(FeedFormatException.class);
        assertThatThrownBy(() -> parser.parse("", ALL)).isInstanceOf(FeedFormatException.class);
    }

    @Test
    void findsTheApiUnderThePageAddress() {
        assertThat(page.summaryUrl()).isEqualTo(URI.create("https://status.examplechain.io/api/v2/summary.json"));
        StatuspagePage withApi = new StatuspagePage("x", URI.create("https://s.example/api/v2/"), Subject.parse("x"), null);
        assertThat(withApi.incidentsUrl()).isEqualTo(URI.create("https://s.example/api/v2/incidents.json"));
    }
}
