package io.blastradius.ingest.status.aws;

import static io.blastradius.ingest.status.Fixtures.ALL;
import static io.blastradius.ingest.status.Fixtures.events;
import static io.blastradius.ingest.status.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blastradius.ingest.http.BodyText;
import io.blastradius.ingest.status.FeedFormatException;
import io.blastradius.ingest.status.OpenIncident;
import io.blastradius.ingest.status.ParseResult;
import io.blastradius.schemas.ComponentStatus;
import io.blastradius.schemas.StatusEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AwsCurrentEventsParserTest {
    private final AwsCurrentEventsParser parser = new AwsCurrentEventsParser(AwsScopes.defaults());

    @Test
    void readsEachLogEntryAsAnUpdateOfTheEventsPrimaryService() throws Exception {
        List<StatusEvent> ec2 = events(parser.parse(text("aws-health-currentevents.json"), ALL)).stream()
                .filter(e -> e.getSubject().equals("aws/us-east-1/ec2")).toList();

        assertThat(ec2).extracting(StatusEvent::getStatus).containsExactly(ComponentStatus.DEGRADED,
                ComponentStatus.MAJOR_OUTAGE, ComponentStatus.PARTIAL_OUTAGE);
        assertThat(ec2).extracting(StatusEvent::getEventTime).containsExactly(Instant.ofEpochSecond(1773318291),
                Instant.ofEpochSecond(1773319650), Instant.ofEpochSecond(1773321242));
        StatusEvent first = ec2.get(0);
        assertThat(first.getIncidentId())
                .isEqualTo("arn:aws:health:us-east-1::event/EC2/AWS_EC2_OPERATIONAL_ISSUE/AWS_EC2_OPERATIONAL_ISSUE_7QX2K_EXAMPLE");
        assertThat(first.getUpdateId()).isEqualTo("1773318291");
        assertThat(first.getTitle()).isEqualTo("Increased API Error Rates");
        assertThat(first.getBody()).startsWith("We are investigating");
        assertThat(first.getUrl()).startsWith("https://health.aws.amazon.com/health/status?eventID=arn%3Aaws%3Ahealth");
    }

    @Test
    void readsOtherImpactedServicesFromStatusChangesInMilliseconds() throws Exception {
        List<StatusEvent> autoscaling = events(parser.parse(text("aws-health-currentevents.json"), ALL)).stream()
                .filter(e -> e.getSubject().equals("aws/us-east-1/autoscaling")).toList();

        assertThat(autoscaling).extracting(StatusEvent::getStatus)
                .containsExactly(ComponentStatus.PARTIAL_OUTAGE, ComponentStatus.DEGRADED);
        assertThat(autoscaling).extracting(StatusEvent::getEventTime)
                .containsExactly(Instant.ofEpochSecond(1773319650), Instant.ofEpochSecond(1773321242));
        assertThat(autoscaling.get(0).getBody()).startsWith("We can confirm");
    }

    @Test
    void readsStatusAndDateGivenAsNumbersOrAsStringsAlike() throws Exception {
        List<StatusEvent> cloudfront = events(parser.parse(text("aws-health-currentevents.json"), ALL)).stream()
                .filter(e -> e.getSubject().equals("aws/global/cloudfront")).toList();

        assertThat(cloudfront).singleElement().satisfies(e -> {
            assertThat(e.getStatus()).isEqualTo(ComponentStatus.DEGRADED);
            assertThat(e.getRegion()).isEqualTo("global");
            assertThat(e.getEventTime()).isEqualTo(Instant.ofEpochSecond(1773316800));
        });
    }

    @Test
    void reportsEveryListedEventAsOpenSoThatItsDisappearanceCanBeNoticed() throws Exception {
        ParseResult result = parser.parse(text("aws-health-currentevents.json"), ALL);

        assertThat(result.openIncidents()).get().satisfies(open -> {
            assertThat(open).hasSize(2);
            assertThat(open.get(0).subjects()).extracting(s -> s.id())
                    .containsExactly("aws/us-east-1/ec2", "aws/us-east-1/autoscaling");
        });
        ParseResult empty = parser.parse("[]", ALL);
        assertThat(empty.events()).isEmpty();
        assertThat(empty.openIncidents()).contains(List.<OpenIncident>of());
    }

    @Test
    void readsTheUtf16PayloadTheEndpointServesOnceDecodedByItsByteOrderMark() throws Exception {
        ByteArrayOutputStream utf16 = new ByteArrayOutputStream();
        utf16.write(new byte[] {(byte) 0xFE, (byte) 0xFF});
        utf16.write(text("aws-health-currentevents.json").getBytes(StandardCharsets.UTF_16BE));

        String decoded = BodyText.decode(utf16.toByteArray(), "application/json;charset=utf-16");

        assertThat(events(parser.parse(decoded, ALL))).extracting(StatusEvent::getEventId).containsExactlyElementsOf(
                events(parser.parse(text("aws-health-currentevents.json"), ALL)).stream().map(StatusEvent::getEventId).toList());
    }

    @Test
    void rejectsAnEventWithAnUnreadableStatusAndKeepsTheOthers() throws Exception {
        String broken = text("aws-health-currentevents.json").replace("\"status\": 1,\n    \"summary\": \"Increased Invalidation",
                "\"status\": 1,\n    \"summary\": \"Increased Invalidation").replace("\"status\": 1,\n        \"timestamp\": 1773316800",
                "\"status\": \"high\",\n        \"timestamp\": 1773316800");

        ParseResult result = parser.parse(broken, ALL);

        assertThat(result.rejected()).singleElement().satisfies(r -> assertThat(r.reason()).contains("high"));
        assertThat(result.events()).hasSize(5);
    }

    @Test
    void rejectsAPayloadThatIsNoEventList() {
        assertThatThrownBy(() -> parser.parse("{\"message\":\"Forbidden\"}", ALL))
                .isInstanceOf(FeedFormatException.class).hasMessageContaining("expected a JSON array");
        assertThatThrownBy(() -> parser.parse("[{\"arn\":\"x\",", ALL)).isInstanceOf(FeedFormatException.class);
    }
}
