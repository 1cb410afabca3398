package io.blastradius.ingest.status.azure;

import static io.blastradius.ingest.status.Fixtures.ALL;
import static io.blastradius.ingest.status.Fixtures.events;
import static io.blastradius.ingest.status.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blastradius.ingest.status.FeedFormatException;
import io.blastradius.ingest.status.OpenIncident;
import io.blastradius.ingest.status.ParseResult;
import io.blastradius.schemas.ComponentStatus;
import io.blastradius.schemas.StatusEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AzureStatusRssParserTest {
    static final String EMPTY = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss xmlns:a10=\"http://www.w3.org/2005/Atom\" "
            + "version=\"2.0\"><channel><title>Azure Status</title><link>https://azure.status.microsoft/en-us/status/</link>"
            + "<description>Azure Status</description><language>en-US</language>"
            + "<lastBuildDate>Fri, 13 Mar 2026 19:30:00 Z</lastBuildDate></channel></rss>";

    private final AzureStatusRssParser parser = new AzureStatusRssParser(AzureScopes.defaults());

    @Test
    void readsAnOpenIncidentWithItsServiceAndRegionFromCategoriesAndTitle() throws Exception {
        List<StatusEvent> events = events(parser.parse(text("azure-status-rss.xml"), ALL));

        StatusEvent vnet = events.get(0);
        assertThat(vnet.getSubject()).isEqualTo("azure/westeurope/virtual-network");
        assertThat(vnet.getStatus()).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
        assertThat(vnet.getIncidentId()).isEqualTo("T9XK-4P8");
        assertThat(vnet.getIncidentStatus()).isEqualTo("investigating");
        assertThat(vnet.getEventTime()).isEqualTo(Instant.parse("2026-03-13T18:20:00Z"));
        assertThat(vnet.getRawTime()).isEqualTo("Fri, 13 Mar 2026 18:20:00 Z");
        assertThat(vnet.getBody()).startsWith("Impact Statement: Starting at 16:05 UTC").doesNotContain("<p>");
        // the item's link points at an internal host: never trusted
        assertThat(vnet.getUrl()).isEqualTo("https://azure.status.microsoft/en-us/status");
    }

    @Test
    void readsAResolvedIncidentForEachOfItsCatalogServices() throws Exception {
        List<StatusEvent> vm = events(parser.parse(text("azure-status-rss.xml"), ALL)).subList(1, 2);

        // "Virtual Machines/VM Scale Sets": both are the catalog's vm, one subject
        assertThat(vm).extracting(StatusEvent::getSubject).containsExactly("azure/eastus2/vm");
        assertThat(vm).allSatisfy(e -> {
            assertThat(e.getStatus()).isEqualTo(ComponentStatus.OPERATIONAL);
            assertThat(e.getIncidentStatus()).isEqualTo("resolved");
            assertThat(e.getTitle()).startsWith("Virtual Machines/VM Scale Sets - East US 2");
        });
    }

    @Test
    void listsOnlyUnresolvedIncidentsAsOpen() throws Exception {
        ParseResult result = parser.parse(text("azure-status-rss.xml"), ALL);

        assertThat(result.openIncidents()).get().satisfies(open ->
                assertThat(open).extracting(OpenIncident::incidentId).containsExactly("T9XK-4P8"));
        assertThat(result.feedTime()).get().satisfies(t ->
                assertThat(t.instant()).isEqualTo(Instant.parse("2026-03-13T18:25:00Z")));
    }

    @Test
    void readsAnEmptyChannelAsHealthyWithNothingOpen() throws Exception {
        ParseResult result = parser.parse(EMPTY, ALL);

        assertThat(result.events()).isEmpty();
        assertThat(result.rejected()).isEmpty();
        assertThat(result.openIncidents()).contains(List.of());
    }

    @Test
    void neverReadsAnHtmlPageOrAForeignFeedAsHealthy() {
        assertThatThrownBy(() -> parser.parse("<!DOCTYPE html><html><body>Azure</body></html>", ALL))
                .isInstanceOf(FeedFormatException.class);
        assertThatThrownBy(() -> parser.parse("<html><head><title>Azure Status</title></head><body/></html>", ALL))
                .isInstanceOf(FeedFormatException.class).hasMessageContaining("<html>");
        assertThatThrownBy(() -> parser.parse(EMPTY.replace("Azure Status", "Login"), ALL))
                .isInstanceOf(FeedFormatException.class).hasMessageContaining("Login");
        assertThatThrownBy(() -> parser.parse(EMPTY.substring(0, 120), ALL)).isInstanceOf(FeedFormatException.class);
        assertThatThrownBy(() -> parser.parse("", ALL)).isInstanceOf(FeedFormatException.class);
    }

    @Test
    void keepsAPartlyResolvedIncidentOpenAndReadsRegionsFromTheTitleWithoutCategoriesOrGuid() throws Exception {
        String feed = EMPTY.replace("</channel>", "<item><title>Azure Front Door - West Europe, North Europe - Resolved in "
                + "North Europe. Impact continues in West Europe</title><description>Mitigation in progress.</description>"
                + "<pubDate>Fri, 13 Mar 2026 19:10:00 Z</pubDate></item></channel>");

        ParseResult result = parser.parse(feed, ALL);

        assertThat(events(result)).extracting(StatusEvent::getSubject)
                .containsExactly("azure/westeurope/front-door", "azure/northeurope/front-door");
        assertThat(events(result)).allSatisfy(e -> assertThat(e.getStatus()).isEqualTo(ComponentStatus.PARTIAL_OUTAGE));
        assertThat(events(result).get(0).getIncidentId()).isEqualTo("title:azure front door - west europe, north europe");
        assertThat(result.openIncidents()).get().satisfies(open -> assertThat(open).hasSize(1));
    }

    @Test
    void identifiesAnUpdateOfAnItemEditedInPlaceByItsNewPubDate() throws Exception {
        String later = text("azure-status-rss.xml").replace("<pubDate>Fri, 13 Mar 2026 18:20:00 Z</pubDate>",
                "<pubDate>Fri, 13 Mar 2026 19:05:00 Z</pubDate>").replace("We are investigating a possible issue",
                "We have identified an issue");
        StatusEvent before = events(parser.parse(text("azure-status-rss.xml"), ALL)).get(0);
        StatusEvent after = events(parser.parse(later, ALL)).get(0);

        assertThat(after.getIncidentId()).isEqualTo(before.getIncidentId());
        assertThat(after.getUpdateId()).isNotEqualTo(before.getUpdateId());
        assertThat(after.getEventId()).isNotEqualTo(before.getEventId());
    }
}
