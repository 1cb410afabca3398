package io.blastradius.ingest.status.gcp;

import static io.blastradius.ingest.status.Fixtures.ALL;
import static io.blastradius.ingest.status.Fixtures.events;
import static io.blastradius.ingest.status.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blastradius.ingest.status.FeedEvent;
import io.blastradius.ingest.status.FeedFormatException;
import io.blastradius.ingest.status.ParseResult;
import io.blastradius.schemas.ComponentStatus;
import io.blastradius.schemas.StatusEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GcpIncidentsParserTest {
    private final GcpIncidentsParser parser = new GcpIncidentsParser(GcpScopes.defaults());

    private List<StatusEvent> parse(String payload) throws FeedFormatException {
        return events(parser.parse(payload, ALL));
    }

    @Test
    void readsAnOngoingIncidentWithoutEndAsOpenUpdatesOfEachProductInEachLocation() throws Exception {
        List<StatusEvent> run = parse(text("gcp-incidents.json")).stream()
                .filter(e -> e.getIncidentId().equals("Vw3kR8pQz2LmX9tYcB4n")).toList();

        assertThat(run).hasSize(2);
        assertThat(run).allSatisfy(e -> {
            assertThat(e.getSubject()).isEqualTo("gcp/us-central1/cloud-run");
            assertThat(e.getStatus()).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
            assertThat(e.getIncidentStatus()).isEqualTo("service_disruption");
            assertThat(e.getComponent()).isEqualTo("Cloud Run");
            assertThat(e.getUrl()).isEqualTo("https://status.cloud.google.com/incidents/Vw3kR8pQz2LmX9tYcB4n");
            assertThat(e.getTitle()).isEqualTo("Cloud Run deployments failing in us-central1");
        });
        // sorted by "when", oldest first
        assertThat(run).extracting(StatusEvent::getEventTime).containsExactly(
                Instant.parse("2026-03-13T16:41:10Z"), Instant.parse("2026-03-13T18:02:39Z"));
        assertThat(run.get(0).getRawTime()).isEqualTo("2026-03-13T16:41:10+00:00");
    }

    @Test
    void readsAnEndedIncidentInEveryAffectedLocationDownToItsResolution() throws Exception {
        List<StatusEvent> gcs = parse(text("gcp-incidents.json")).stream()
                .filter(e -> e.getIncidentId().equals("aT6yH1uJ9kL3zX5cV7bN")).toList();

        assertThat(gcs).extracting(StatusEvent::getSubject).containsExactly("gcp/europe-west4/gcs",
                "gcp/europe-west1/gcs", "gcp/europe-west4/gcs", "gcp/europe-west1/gcs");
        assertThat(gcs).extracting(StatusEvent::getStatus).containsExactly(ComponentStatus.DEGRADED,
                ComponentStatus.DEGRADED, ComponentStatus.OPERATIONAL, ComponentStatus.OPERATIONAL);
        assertThat(gcs.get(3).getIncidentStatus()).isEqualTo("resolved");
    }

    @Test
    void remembersTheUpdatesOfAFannedOutIncidentByOneKeyPerUpdate() throws Exception {
        ParseResult result = parser.parse(text("gcp-incidents.json"), ALL);
        List<FeedEvent> gcs = result.events().stream()
                .filter(e -> e.event().getIncidentId().equals("aT6yH1uJ9kL3zX5cV7bN")).toList();

        assertThat(gcs.get(0).dedupKey()).isEqualTo(gcs.get(1).dedupKey());
        assertThat(gcs.get(0).dedupKey()).isNotEqualTo(gcs.get(2).dedupKey());
        assertThat(gcs.get(0).event().getEventId()).isNotEqualTo(gcs.get(1).event().getEventId());
    }

    @Test
    void takesAnIncidentThatGotItsEndAsResolvedEvenWithoutAnAvailableUpdate() throws Exception {
        String ended = text("gcp-incidents.json").replace("\"begin\": \"2026-03-13T16:20:00+00:00\",",
                "\"begin\": \"2026-03-13T16:20:00+00:00\",\n    \"end\": \"2026-03-13T19:00:00+00:00\",");
        List<StatusEvent> before = parse(text("gcp-incidents.json")).subList(0, 2);
        List<StatusEvent> after = parse(ended).subList(0, 2);

        assertThat(after.get(1).getStatus()).isEqualTo(ComponentStatus.OPERATIONAL);
        assertThat(after.get(1).getIncidentStatus()).isEqualTo("resolved");
        assertThat(after.get(1).getEventId()).isNotEqualTo(before.get(1).getEventId());
        assertThat(after.get(0).getEventId()).isEqualTo(before.get(0).getEventId());
    }

    @Test
    void treatsANullOrEmptyEndAsOngoing() throws Exception {
        for (String end : List.of("null", "\"\"")) {
            String open = text("gcp-incidents.json").replace("\"end\": \"2026-03-09T09:40:00+00:00\"", "\"end\": " + end)
                    .replace("\"status\": \"AVAILABLE\"", "\"status\": \"SERVICE_OUTAGE\"");
            List<StatusEvent> gcs = parse(open).stream()
                    .filter(e -> e.getIncidentId().equals("aT6yH1uJ9kL3zX5cV7bN")).toList();
            assertThat(gcs.get(3).getStatus()).as("end %s", end).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        }
    }

    @Test
    void fallsBackToTheIncidentsLocationsAndThenToGlobal() throws Exception {
        String json = "[{\"id\":\"i1\",\"number\":\"98765432109876543210987\",\"begin\":\"2026-03-13T10:00:00+00:00\","
                + "\"modified\":\"2026-03-13T10:05:00+00:00\",\"external_desc\":\"IAM errors\","
                + "\"affected_products\":[{\"title\":\"Identity and Access Management\",\"id\":\"adnGEDEcNy5tM5wQLGCz\"},"
                + "{\"title\":\"Google Cloud Spectral Widget\",\"id\":\"zzz\"}],"
                + "\"currently_affected_locations\":[{\"title\":\"Multi-region: us\",\"id\":\"us\"}],"
                + "\"updates\":[{\"created\":\"2026-03-13T10:05:00+00:00\",\"when\":\"2026-03-13T10:05:00+00:00\","
                + "\"text\":\"Investigating.\",\"status\":\"SERVICE_OUTAGE\",\"affected_locations\":[]}]},"
                + "{\"id\":\"i2\",\"begin\":\"2026-03-13T11:00:00+00:00\",\"external_desc\":\"Console\","
                + "\"service_name\":\"Google Cloud Console\",\"service_key\":\"k\",\"affected_products\":[],"
                + "\"updates\":[{\"created\":\"2026-03-13T11:00:00+00:00\",\"when\":\"2026-03-13T11:00:00+00:00\","
                + "\"text\":\"Slow.\",\"status\":\"SERVICE_INFORMATION\"}]}]";

        assertThat(parse(json)).extracting(StatusEvent::getSubject)
                .containsExactly("gcp/us/iam", "gcp/us/spectral-widget", "gcp/global/console");
    }

    @Test
    void rejectsAnIncidentWithoutUsableTimesAndKeepsTheRest() throws Exception {
        String broken = text("gcp-incidents.json").replace("\"when\": \"2026-03-13T16:41:10+00:00\"",
                "\"when\": \"soon-ish\"");

        ParseResult result = parser.parse(broken, ALL);

        assertThat(result.rejected()).singleElement().satisfies(r -> assertThat(r.what()).contains("Vw3kR8pQz2LmX9tYcB4n"));
        assertThat(result.events()).hasSize(4);
    }

    @Test
    void rejectsAPayloadThatIsNoIncidentList() {
        assertThatThrownBy(() -> parser.parse("{\"incidents\":[]}", ALL)).isInstanceOf(FeedFormatException.class);
        String full = text("gcp-incidents.json");
        assertThatThrownBy(() -> parser.parse(full.substring(0, 3000), ALL)).isInstanceOf(FeedFormatException.class);
    }
}
