package io.blastradius.ingest.status.aws;

import static io.blastradius.ingest.status.Fixtures.ALL;
import static io.blastradius.ingest.status.Fixtures.events;
import static io.blastradius.ingest.status.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blastradius.ingest.http.ScriptedHttpServer;
import io.blastradius.ingest.status.FeedFormatException;
import io.blastradius.ingest.status.ParseResult;
import io.blastradius.schemas.ComponentStatus;
import io.blastradius.schemas.StatusEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AwsHealthRssParserTest {
    private final AwsHealthRssParser parser = new AwsHealthRssParser("ec2-us-east-1", AwsScopes.defaults());

    private List<StatusEvent> parse(String payload) throws FeedFormatException {
        return events(parser.parse(payload, ALL));
    }

    @Test
    void readsEveryItemAsAnUpdateOfTheServiceRegionScopeTimedByItsGuid() throws Exception {
        List<StatusEvent> events = parse(text("aws-health-rss.xml"));

        assertThat(events).hasSize(5);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.getSubject()).isEqualTo("aws/us-east-1/ec2");
            assertThat(e.getProvider()).isEqualTo("aws");
            assertThat(e.getRegion()).isEqualTo("us-east-1");
            assertThat(e.getProviderService()).isEqualTo("ec2");
            assertThat(e.getSource()).isEqualTo("aws-health");
        });
        // oldest first; PST and PDT items both land on the right UTC instant
        assertThat(events).extracting(StatusEvent::getEventTime).containsExactly(
                Instant.parse("2026-01-06T22:03:19Z"), Instant.parse("2026-03-12T12:24:51Z"),
                Instant.parse("2026-03-12T12:47:30Z"), Instant.parse("2026-03-12T13:14:02Z"),
                Instant.parse("2026-03-12T13:58:40Z"));
        assertThat(events.get(4).getRawTime()).isEqualTo("Thu, 12 Mar 2026 06:58:40 PDT");
        assertThat(events.get(4).getUpdateId()).isEqualTo("http://status.aws.amazon.com/#ec2-us-east-1_1773323920");
    }

    @Test
    void groupsTheUpdatesOfOneEventIntoOneIncidentAndReadsTheSeverityFromTheTitlePrefix() throws Exception {
        List<StatusEvent> events = parse(text("aws-health-rss.xml"));

        assertThat(events.get(0).getIncidentId()).isEqualTo("ec2-us-east-1_1767736999");
        assertThat(events.get(0).getStatus()).isEqualTo(ComponentStatus.DEGRADED);
        assertThat(events.subList(1, 5)).extracting(StatusEvent::getIncidentId).containsOnly("ec2-us-east-1_1773318291");
        assertThat(events.subList(1, 5)).extracting(StatusEvent::getTitle).containsOnly("Increased API Error Rates");
        assertThat(events.get(2).getStatus()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        assertThat(events.get(3).getStatus()).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
        assertThat(events.get(4).getStatus()).isEqualTo(ComponentStatus.OPERATIONAL);
        assertThat(events.get(4).getIncidentStatus()).isEqualTo("resolved");
    }

    @Test
    void doesNotTakeARewrittenResolvedTitleOfAnOlderItemAsAResolution() throws Exception {
        StatusEvent firstUpdate = parse(text("aws-health-rss.xml")).get(1);

        assertThat(firstUpdate.getBody()).isEqualTo("We are investigating increased API error rates in the US-EAST-1 Region.");
        assertThat(firstUpdate.getStatus()).isEqualTo(ComponentStatus.DEGRADED);
        assertThat(firstUpdate.getIncidentStatus()).isNotEqualTo("resolved");
    }

    @Test
    void keepsTheIdentityOfAnItemWhenAwsRewritesItsTitleLater() throws Exception {
        String rewritten = text("aws-health-rss.xml");
        String original = rewritten.replace(
                "<title><![CDATA[Service is operating normally: [RESOLVED] Increased API Error Rates]]></title>\n"
                        + "      <link>http://status.aws.amazon.com/</link>\n      <pubDate>Thu, 12 Mar 2026 05:24:51 PDT",
                "<title><![CDATA[Informational message: Increased API Error Rates]]></title>\n"
                        + "      <link>http://status.aws.amazon.com/</link>\n      <pubDate>Thu, 12 Mar 2026 05:24:51 PDT");
        assertThat(original).isNotEqualTo(rewritten);

        assertThat(parse(original).get(1).getEventId()).isEqualTo(parse(rewritten).get(1).getEventId());
    }

    @Test
    void stripsTheEntityEscapedHtmlOfDescriptions() throws Exception {
        assertThat(parse(text("aws-health-rss.xml")).get(4).getBody())
                .endsWith("the service is operating normally.\n\nMore details are available here.")
                .doesNotContain("<", "&lt;");
    }

    @Test
    void readsTheServiceAndRegionOfEachItemOfTheAllServicesFeedFromItsGuid() throws Exception {
        String all = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>AWS</title>"
                + item("Service disruption: Increased Error Rates", "Mon, 20 Oct 2025 00:11:00 PDT", "dynamodb-us-east-1_1760944260")
                + item("Informational message: Invalidation Delays", "Mon, 20 Oct 2025 00:40:00 PDT", "cloudfront_1760946000")
                + item("Service degradation: 接続性について | Connectivity", "Mon, 20 Oct 2025 01:00:00 PDT",
                        "elasticloadbalancing-ap-northeast-1_1760947200")
                + "</channel></rss>";

        List<StatusEvent> events = events(new AwsHealthRssParser(null, AwsScopes.defaults()).parse(all, ALL));

        assertThat(events).extracting(StatusEvent::getSubject).containsExactly("aws/us-east-1/dynamodb",
                "aws/global/cloudfront", "aws/ap-northeast-1/elb");
        assertThat(events.get(2).getTitle()).isEqualTo("接続性について | Connectivity");
    }

    @Test
    void rejectsDocumentsThatAreNoRssFeed() {
        assertThatThrownBy(() -> parser.parse("<html><body>Service Unavailable</body></html>", ALL))
                .isInstanceOf(FeedFormatException.class).hasMessageContaining("<html>");
        String full = text("aws-health-rss.xml");
        assertThatThrownBy(() -> parser.parse(full.substring(0, full.length() - 40), ALL))
                .isInstanceOf(FeedFormatException.class).hasMessageContaining("not well-formed");
    }

    @Test
    void neverFetchesExternalEntities() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer()) {
            server.always("/secret", ScriptedHttpServer.Reply.ok("text/plain", "SECRET"));
            String xxe = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"" + server.uri("/secret") + "\">]>"
                    + "<rss><channel>" + item("Informational message: &x;", "Mon, 20 Oct 2025 00:11:00 PDT",
                    "ec2-us-east-1_1760944260").replace("<![CDATA[", "").replace("]]>", "") + "</channel></rss>";

            ParseResult result;
            try {
                result = parser.parse(xxe, ALL);
            } catch (FeedFormatException refused) {
                result = null; // refusing the document outright is fine too
            }

            assertThat(server.requests()).isEmpty();
            if (result != null) {
                assertThat(events(result)).noneMatch(e -> String.valueOf(e.getTitle()).contains("SECRET"));
            }
        }
    }

    private static String item(String title, String pubDate, String guidKey) {
        return "<item><title><![CDATA[" + title + "]]></title><link>http://status.aws.amazon.com/</link><pubDate>"
                + pubDate + "</pubDate><guid isPermaLink=\"false\">http://status.aws.amazon.com/#" + guidKey
                + "</guid><description><![CDATA[text]]></description></item>";
    }
}
