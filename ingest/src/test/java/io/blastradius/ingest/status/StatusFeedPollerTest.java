package io.blastradius.ingest.status;

import static io.blastradius.ingest.status.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.ingest.http.FailureKind;
import io.blastradius.ingest.http.HttpPoller;
import io.blastradius.ingest.http.HttpPollerSettings;
import io.blastradius.ingest.http.ScriptedHttpServer;
import io.blastradius.ingest.http.ScriptedHttpServer.Reply;
import io.blastradius.ingest.status.aws.AwsScopes;
import io.blastradius.ingest.status.azure.AzureScopes;
import io.blastradius.ingest.status.statuspage.ComponentMapping;
import io.blastradius.ingest.status.statuspage.StatuspagePage;
import io.blastradius.schemas.ComponentStatus;
import io.blastradius.schemas.StatusEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatusFeedPollerTest {
    private static final Duration INTERVAL = Duration.ofSeconds(60);
    private static final Duration LOOKBACK = Duration.ofDays(30);

    private final ScriptedHttpServer server = new ScriptedHttpServer();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-14T17:00:00Z"));
    private final FeedMetrics metrics = new FeedMetrics();
    private final HttpPoller http = new HttpPoller(HttpPollerSettings.defaults().withRequestTimeout(Duration.ofSeconds(30))
            .withBackoff(Duration.ofSeconds(30), Duration.ofMinutes(10)), clock, new Random(1), metrics);

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    private FeedSource examplechain() {
        return FeedSources.statuspage(new StatuspagePage("examplechain", server.uri("/ex"), Subject.parse("examplechain"),
                ComponentMapping.none()), INTERVAL);
    }

    private StatusFeedPoller poller(FeedSource... sources) {
        return new StatusFeedPoller(List.of(sources), http, clock, LOOKBACK, 4096, metrics);
    }

    private List<Emission> pollAfter(StatusFeedPoller poller, Duration wait) {
        clock.advance(wait);
        return poller.pollDue();
    }

    private static List<StatusEvent> events(List<Emission> emissions) {
        return emissions.stream().filter(e -> e instanceof Emission.Event).map(e -> ((Emission.Event) e).event()).toList();
    }

    private static List<Emission.Rejected> deadLetters(List<Emission> emissions) {
        return emissions.stream().filter(e -> e instanceof Emission.Rejected).map(e -> (Emission.Rejected) e).toList();
    }

    @Test
    void emitsEachUpdateOnceAcrossPollsOfBothStatuspageEndpoints() {
        server.always("/ex/api/v2/summary.json", Reply.json(text("statuspage-summary.json")));
        server.always("/ex/api/v2/incidents.json", Reply.json(text("statuspage-incidents.json")));
        StatusFeedPoller poller = poller(examplechain());

        List<StatusEvent> first = events(poller.pollDue());
        List<StatusEvent> second = events(pollAfter(poller, INTERVAL));

        // 2 component states in the window (2 old operational ones are history), 2 incident updates,
        // 2 maintenance updates, 3 updates of the resolved incident
        assertThat(first).hasSize(9);
        assertThat(first).extracting(StatusEvent::getEventId).doesNotHaveDuplicates();
        assertThat(second).isEmpty();
        assertThat(server.requests()).hasSize(4);
        assertThat(metrics.get("statuspage:examplechain", FeedMetrics.DUPLICATES)).isEqualTo(9);
        // two old operational components, skipped as history on each of the two polls
        assertThat(metrics.get("statuspage:examplechain", FeedMetrics.HISTORY)).isEqualTo(4);
    }

    @Test
    void doesNotPollASourceBeforeItsIntervalHasPassed() {
        server.always("/ex/api/v2/summary.json", Reply.json(text("statuspage-summary.json")));
        server.always("/ex/api/v2/incidents.json", Reply.json(text("statuspage-incidents.json")));
        StatusFeedPoller poller = poller(examplechain());

        poller.pollDue();
        pollAfter(poller, INTERVAL.minusSeconds(1));
        assertThat(server.requests()).hasSize(2);
        pollAfter(poller, Duration.ofSeconds(1));
        assertThat(server.requests()).hasSize(4);
        assertThat(poller.nextDue()).isEqualTo(clock.instant().plus(INTERVAL));
    }

    @Test
    void emitsAnEditedUpdateAsAnUpdateEventOfTheSameIncident() {
        server.always("/ex/api/v2/summary.json", Reply.json(text("statuspage-summary.json")));
        server.next("/ex/api/v2/incidents.json", Reply.json(text("statuspage-incidents.json")));
        server.always("/ex/api/v2/incidents.json", Reply.json(text("statuspage-incidents.json")
                .replace("Funds are safe.", "Funds are safe. Only Ethereum is affected.")
                .replace("\"updated_at\": \"2026-03-02T03:35:44.118-08:00\"",
                        "\"updated_at\": \"2026-03-14T09:55:00.000-07:00\"")));
        StatusFeedPoller poller = poller(examplechain());

        List<StatusEvent> before = events(poller.pollDue());
        List<StatusEvent> after = events(pollAfter(poller, INTERVAL));

        assertThat(after).singleElement().satisfies(e -> {
            assertThat(e.getIncidentId()).isEqualTo("f1r8e3w5q9zx");
            assertThat(e.getUpdateId()).isEqualTo("d9f3g7h1j5k0");
            assertThat(e.getBody()).endsWith("Only Ethereum is affected.");
            assertThat(before).extracting(StatusEvent::getEventId).doesNotContain(e.getEventId());
        });
    }

    @Test
    void resumesAfterAKillMidBatchWithoutDuplicatesAndWithoutMissingAnUpdate() {
        server.always("/ex/api/v2/summary.json", Reply.json(text("statuspage-summary.json")));
        server.always("/ex/api/v2/incidents.json", Reply.json(text("statuspage-incidents.json")));
        FeedSource source = examplechain();
        List<Emission> batch = poller(source).pollDue();
        assertThat(batch).hasSize(9);

        // Killed after 4 records were written and their offsets committed; the other 5 were lost.
        List<StatusEvent> delivered = new ArrayList<>(events(batch.subList(0, 4)));
        Map<String, Object> committed = batch.get(3).offset();
        // While it was down, the page posted a new update.
        String withNewUpdate = text("statuspage-incidents.json").replace("\"incident_updates\": [",
                "\"incident_updates\": [{\"id\":\"n3w0upd4te00\",\"status\":\"postmortem\",\"body\":\"Postmortem published.\","
                        + "\"incident_id\":\"f1r8e3w5q9zx\",\"created_at\":\"2026-03-14T09:50:00.000-07:00\","
                        + "\"updated_at\":\"2026-03-14T09:50:00.000-07:00\",\"display_at\":\"2026-03-14T09:50:00.000-07:00\","
                        + "\"affected_components\":null},");
        server.always("/ex/api/v2/incidents.json", Reply.json(withNewUpdate));

        StatusFeedPoller restarted = poller(examplechain());
        restarted.restore(Map.of(source.partition(), committed));
        delivered.addAll(events(pollAfter(restarted, Duration.ofSeconds(5))));
        delivered.addAll(events(pollAfter(restarted, INTERVAL)));

        assertThat(delivered).extracting(StatusEvent::getEventId).doesNotHaveDuplicates();
        assertThat(delivered).hasSize(10);
        assertThat(delivered).extracting(StatusEvent::getUpdateId).contains("n3w0upd4te00");
        assertThat(delivered).extracting(StatusEvent::getEventId)
                .containsAll(events(batch).stream().map(StatusEvent::getEventId).toList());
    }

    @Test
    void reEmitsARestartedFanOutUpdateWholeRatherThanLosingItsTail() {
        String twoComponents = text("statuspage-summary.json").replace(
                "\"affected_components\": [\n            {\n              \"code\": \"b3m1y6tq0zke\"",
                "\"affected_components\": [\n            {\"code\": \"p8w4n2jc5rvd\", \"name\": \"WebSocket API\", "
                        + "\"old_status\": \"operational\", \"new_status\": \"degraded_performance\"},\n            {\n"
                        + "              \"code\": \"b3m1y6tq0zke\"");
        server.always("/ex/api/v2/summary.json", Reply.json(twoComponents));
        server.always("/ex/api/v2/incidents.json", Reply.json(text("statuspage-incidents.json")));
        FeedSource source = examplechain();
        List<Emission> batch = poller(source).pollDue();
        int firstOfUpdate = indexOf(batch, "z9k4t1w6pn3c");
        assertThat(updateId(batch, firstOfUpdate + 1)).isEqualTo("z9k4t1w6pn3c");

        // killed after the first of the update's two records
        StatusFeedPoller restarted = poller(examplechain());
        restarted.restore(Map.of(source.partition(), batch.get(firstOfUpdate).offset()));
        List<StatusEvent> again = events(pollAfter(restarted, Duration.ofSeconds(5)));

        assertThat(again).filteredOn(e -> "z9k4t1w6pn3c".equals(e.getUpdateId())).hasSize(2);
    }

    private static int indexOf(List<Emission> batch, String updateId) {
        for (int i = 0; i < batch.size(); i++) {
            if (updateId.equals(updateId(batch, i))) {
                return i;
            }
        }
        throw new AssertionError("no record of update " + updateId);
    }

    private static String updateId(List<Emission> batch, int i) {
        return batch.get(i) instanceof Emission.Event e ? e.event().getUpdateId() : null;
    }

    @Test
    void deadLettersATruncatedPayloadOnceWithItsCauseAndKeepsPolling() {
        String full = text("statuspage-incidents.json");
        server.always("/ex/api/v2/summary.json", Reply.json(text("statuspage-summary.json")));
        server.next("/ex/api/v2/incidents.json", Reply.json(full.substring(0, 700)));
        server.next("/ex/api/v2/incidents.json", Reply.json(full.substring(0, 700)));
        server.always("/ex/api/v2/incidents.json", Reply.json(full));
        StatusFeedPoller poller = poller(examplechain());

        List<Emission> first = poller.pollDue();
        List<Emission> second = pollAfter(poller, INTERVAL);
        List<Emission> third = pollAfter(poller, INTERVAL);

        assertThat(events(first)).hasSize(6);
        assertThat(deadLetters(first)).singleElement().satisfies(dl -> {
            assertThat(dl.cause()).hasMessageContaining("not valid JSON");
            assertThat(new String(dl.payload(), StandardCharsets.UTF_8)).isEqualTo(full.substring(0, 700));
            assertThat(dl.url()).endsWith("/ex/api/v2/incidents.json");
            assertThat(dl.source().name()).isEqualTo("statuspage:examplechain");
        });
        assertThat(second).isEmpty();
        assertThat(events(third)).hasSize(3);
        assertThat(metrics.get("statuspage:examplechain", FeedMetrics.UNPARSEABLE)).isEqualTo(2);
        assertThat(metrics.get("statuspage:examplechain", FeedMetrics.DEAD_LETTERS)).isEqualTo(1);
    }

    @Test
    void skipsAnHtmlErrorPageServedWith200AndCountsIt() {
        server.always("/ex/api/v2/summary.json", Reply.ok("text/html",
                "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>challenge</body></html>"));
        server.always("/ex/api/v2/incidents.json", Reply.json(text("statuspage-incidents.json")));
        StatusFeedPoller poller = poller(examplechain());

        List<Emission> out = poller.pollDue();

        assertThat(events(out)).hasSize(3);
        assertThat(deadLetters(out)).isEmpty();
        assertThat(metrics.get("statuspage:examplechain", FeedMetrics.failures(FailureKind.UNEXPECTED_BODY))).isEqualTo(1);
    }

    @Test
    void keepsPollingTheOtherFeedsWhileOneIsRateLimitedOrDown() {
        server.always("/ex/api/v2/summary.json", Reply.status(429, "text/plain", "slow down").header("Retry-After", "600"));
        server.always("/ex/api/v2/incidents.json", Reply.status(503, "text/plain", "down"));
        server.always("/azure", Reply.xml(text("azure-status-rss.xml")));
        FeedSource azure = FeedSources.azure(server.uri("/azure"), INTERVAL, AzureScopes.defaults());
        StatusFeedPoller poller = poller(examplechain(), azure);

        List<Emission> out = poller.pollDue();
        pollAfter(poller, INTERVAL);

        assertThat(events(out)).hasSize(2).allSatisfy(e -> assertThat(e.getSource()).isEqualTo("azure-status"));
        assertThat(server.requests("/ex/api/v2/summary.json")).as("Retry-After: 600 honoured").hasSize(1);
        assertThat(server.requests("/ex/api/v2/incidents.json")).as("first backoff = one interval").hasSize(2);
        assertThat(server.requests("/azure")).hasSize(2);
        assertThat(metrics.get("statuspage:examplechain", FeedMetrics.failures(FailureKind.RATE_LIMITED))).isEqualTo(1);
        assertThat(metrics.get("statuspage:examplechain", FeedMetrics.failures(FailureKind.SERVER_ERROR))).isEqualTo(2);
    }

    @Test
    void resolvesAnAzureIncidentThatLeftTheFeedOnceAndTakesTheEmptyFeedAsHealthy() {
        server.next("/azure", Reply.xml(text("azure-status-rss.xml")));
        server.next("/azure", Reply.ok("text/html", "<html><body>Service Unavailable</body></html>"));
        server.always("/azure", Reply.xml(text("azure-status-rss.xml").replaceAll("(?s)<item>.*</item>", "")
                .replace("18:25:00 Z", "19:30:00 Z")));
        FeedSource azure = FeedSources.azure(server.uri("/azure"), INTERVAL, AzureScopes.defaults());
        StatusFeedPoller poller = poller(azure);

        assertThat(events(poller.pollDue())).hasSize(2);
        assertThat(events(pollAfter(poller, INTERVAL))).as("an HTML page is no evidence of anything").isEmpty();
        List<StatusEvent> resolved = events(pollAfter(poller, Duration.ofMinutes(5)));
        List<StatusEvent> quiet = events(pollAfter(poller, Duration.ofMinutes(10)));

        assertThat(resolved).singleElement().satisfies(e -> {
            assertThat(e.getSubject()).isEqualTo("azure/westeurope/virtual-network");
            assertThat(e.getIncidentId()).isEqualTo("T9XK-4P8");
            assertThat(e.getStatus()).isEqualTo(ComponentStatus.OPERATIONAL);
            assertThat(e.getIncidentStatus()).isEqualTo("resolved");
            assertThat(e.getSource()).isEqualTo("azure-status");
            assertThat(e.getEventTime()).isEqualTo(Instant.parse("2026-03-13T19:30:00Z"));
        });
        assertThat(quiet).isEmpty();
        assertThat(metrics.get("azure-status", FeedMetrics.RESOLVED_BY_ABSENCE)).isEqualTo(1);
    }

    @Test
    void remembersOpenIncidentsAcrossARestartToResolveThemLater() {
        server.next("/events", Reply.json(text("aws-health-currentevents.json")));
        server.always("/events", Reply.json("[]"));
        FeedSource aws = FeedSources.awsCurrentEvents(server.uri("/events"), INTERVAL, AwsScopes.defaults());
        List<Emission> first = poller(aws).pollDue();

        StatusFeedPoller restarted = poller(FeedSources.awsCurrentEvents(server.uri("/events"), INTERVAL,
                AwsScopes.defaults()));
        restarted.restore(Map.of(aws.partition(), first.get(first.size() - 1).offset()));
        List<StatusEvent> resolutions = events(pollAfter(restarted, INTERVAL));

        assertThat(resolutions).extracting(StatusEvent::getSubject)
                .containsExactly("aws/us-east-1/ec2", "aws/us-east-1/autoscaling", "aws/global/cloudfront");
        assertThat(resolutions).allSatisfy(e -> {
            assertThat(e.getStatus()).isEqualTo(ComponentStatus.OPERATIONAL);
            assertThat(e.getSource()).isEqualTo("aws-health");
        });
    }

    @Test
    void neverEmitsHistoryOlderThanTheLookBackWindow() {
        server.always("/rss", Reply.xml(text("aws-health-rss.xml")));
        FeedSource rss = FeedSources.awsRss("ec2-us-east-1", server.uri("/rss"), INTERVAL, AwsScopes.defaults());

        List<StatusEvent> events = events(poller(rss).pollDue());

        assertThat(events).hasSize(4).noneMatch(e -> e.getEventTime().isBefore(Instant.parse("2026-02-12T17:00:00Z")));
        assertThat(metrics.get("aws-health:rss:ec2-us-east-1", FeedMetrics.HISTORY)).isEqualTo(1);
    }

    @Test
    void readsAFeedCapturedYearsAgoExactlyLikeALiveOne() {
        server.always("/rss", Reply.xml(text("aws-health-rss.xml")));
        FeedSource rss = FeedSources.awsRss("ec2-us-east-1", server.uri("/rss"), INTERVAL, AwsScopes.defaults());
        clock.advance(Duration.ofDays(4 * 365));

        List<StatusEvent> events = events(poller(rss).pollDue());

        // the window ends at the feed's newest item, not at the wall clock
        assertThat(events).hasSize(4);
        assertThat(metrics.get("aws-health:rss:ec2-us-east-1", FeedMetrics.HISTORY)).isEqualTo(1);
    }

    @Test
    void emitsAComponentDownSinceBeforeTheWindowOnceAndRemembersIt() {
        String summary = text("statuspage-summary.json").replace("\"status\": \"operational\",\n      \"created_at\": "
                + "\"2016-02-11T10:00:00.000-08:00\"", "\"status\": \"major_outage\",\n      \"created_at\": "
                + "\"2016-02-11T10:00:00.000-08:00\"");
        assertThat(summary).isNotEqualTo(text("statuspage-summary.json"));
        server.always("/ex/api/v2/summary.json", Reply.json(summary));
        server.always("/ex/api/v2/incidents.json", Reply.json(text("statuspage-incidents.json")));
        StatusFeedPoller poller = poller(examplechain());

        List<StatusEvent> first = events(poller.pollDue());
        List<StatusEvent> later = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            later.addAll(events(pollAfter(poller, Duration.ofDays(20))));
        }

        // "Legacy SOAP Gateway", last updated in 2024, still down: news however old
        assertThat(first).filteredOn(e -> "t1f6j8qh4wxa".equals(e.getComponentId())).singleElement()
                .satisfies(e -> assertThat(e.getStatus()).isEqualTo(ComponentStatus.MAJOR_OUTAGE));
        assertThat(later).isEmpty();
    }

    @Test
    void survivesAParserBugOnOneFeedAndKeepsPollingTheOthers() {
        server.always("/buggy", Reply.json("{\"odd\":true}"));
        server.always("/azure", Reply.xml(text("azure-status-rss.xml")));
        FeedSource buggy = new FeedSource("buggy", "ingest/test", List.of(new FeedSource.Endpoint(
                new io.blastradius.ingest.http.PollTarget("buggy", server.uri("/buggy"), INTERVAL,
                        io.blastradius.ingest.http.ExpectedBody.JSON),
                (payload, ctx) -> {
                    throw new IllegalStateException("parser bug on an odd payload");
                })));
        StatusFeedPoller poller = poller(buggy, FeedSources.azure(server.uri("/azure"), INTERVAL, AzureScopes.defaults()));

        List<Emission> out = poller.pollDue();
        List<Emission> next = pollAfter(poller, INTERVAL);

        assertThat(deadLetters(out)).singleElement().satisfies(dl ->
                assertThat(dl.cause()).hasMessageContaining("parser bug on an odd payload"));
        assertThat(events(out)).hasSize(2);
        assertThat(next).isEmpty();
        assertThat(server.requests("/buggy")).hasSize(2);
    }

    @Test
    void startsAfreshFromAnUnreadableOffsetInsteadOfStopping() {
        server.always("/rss", Reply.xml(text("aws-health-rss.xml")));
        FeedSource rss = FeedSources.awsRss("ec2-us-east-1", server.uri("/rss"), INTERVAL, AwsScopes.defaults());
        StatusFeedPoller poller = poller(rss);
        Map<String, Object> garbage = new HashMap<>(Map.of("v", 1, "seen", "not base64 at all!"));

        poller.restore(Map.of(rss.partition(), garbage));

        assertThat(events(poller.pollDue())).hasSize(4);
    }

    @Test
    void keepsTheOffsetSmallForAFeedWithAHugeFannedOutIncident() {
        StringBuilder locations = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            locations.append(i == 0 ? "" : ",").append("{\"title\":\"r").append(i).append("\",\"id\":\"region-").append(i)
                    .append("\"}");
        }
        StringBuilder products = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            products.append(i == 0 ? "" : ",").append("{\"title\":\"Product ").append(i).append("\",\"id\":\"p").append(i)
                    .append("\"}");
        }
        StringBuilder updates = new StringBuilder();
        for (int u = 0; u < 10; u++) {
            updates.append(u == 0 ? "" : ",").append("{\"created\":\"2026-03-14T1").append(u).append(":00:00+00:00\",")
                    .append("\"when\":\"2026-03-14T1").append(u).append(":00:00+00:00\",\"text\":\"update ").append(u)
                    .append("\",\"status\":\"SERVICE_OUTAGE\",\"affected_locations\":[").append(locations).append("]}");
        }
        String json = "[{\"id\":\"big\",\"begin\":\"2026-03-14T10:00:00+00:00\",\"modified\":\"2026-03-14T16:00:00+00:00\","
                + "\"external_desc\":\"Everything\",\"affected_products\":[" + products + "],\"updates\":[" + updates + "]}]";
        server.always("/gcp", Reply.json(json));
        FeedSource gcp = FeedSources.gcp(server.uri("/gcp"), INTERVAL,
                io.blastradius.ingest.status.gcp.GcpScopes.defaults());

        List<Emission> out = poller(gcp).pollDue();

        assertThat(events(out)).hasSize(50 * 40 * 10);
        String seen = (String) out.get(out.size() - 1).offset().get("seen");
        assertThat(seen.length()).as("one entry per update, not per event").isLessThan(200);
        // records before the last of an update carry the offset from before the update
        assertThat(Stream.of(out.get(0).offset(), out.get(1998).offset()).distinct()).hasSize(1);
        assertThat(out.get(1999).offset()).isNotEqualTo(out.get(1998).offset());
    }
}
