package io.blastradius.ingest.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.ingest.catalog.ReferenceOutages;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.SubjectType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each replay's truth follows the reference timeline and downstream list of its real outage. */
class ReplayScenariosTest {
    static Plan plan(String name) {
        return Planner.plan(ScenarioLoader.builtIn(name));
    }

    static Instant t(String text) {
        return Instant.parse(text);
    }

    static Map<String, Truth.Hit> hits(Truth.Outage o) {
        return o.hit().stream().collect(Collectors.toMap(Truth.Hit::service, Function.identity()));
    }

    static List<StatusEvent> providerPosts(Plan plan, String provider) {
        return plan.statusEvents().stream()
                .filter(e -> e.getSubjectType() == SubjectType.PROVIDER && provider.equals(e.getProvider())).toList();
    }

    static void assertHitsAreInsideTheOutage(Truth.Outage o) {
        assertThat(o.hit()).allSatisfy(h -> {
            assertThat(h.from()).isAfterOrEqualTo(o.onset());
            assertThat(h.until()).isAfter(h.from()).isBefore(o.end().plus(Duration.ofHours(1)));
            assertThat(h.path().get(0)).isEqualTo(h.service());
        });
    }

    @Test
    void aws20251020FollowsTheDynamoDbThenEc2ThenNlbTimeline() {
        Plan plan = plan("aws-2025-10-20");
        Truth.Outage o = Truth.of(plan).outages().get(0);

        assertThat(o.scope()).isEqualTo("aws/us-east-1");
        assertThat(o.onset()).isEqualTo(t("2025-10-20T06:48:00Z"));
        assertThat(Duration.between(o.onset(), o.acknowledged())).isEqualTo(Duration.ofMinutes(23));
        assertThat(o.end()).isEqualTo(t("2025-10-20T22:01:00Z"));
        assertThat(o.phases()).extracting(Truth.Phase::scope, Truth.Phase::from, Truth.Phase::until).containsExactly(
                org.assertj.core.groups.Tuple.tuple("aws/us-east-1/dynamodb", t("2025-10-20T06:48:00Z"), t("2025-10-20T09:25:00Z")),
                org.assertj.core.groups.Tuple.tuple("aws/us-east-1/ec2", t("2025-10-20T09:25:00Z"), t("2025-10-20T17:36:00Z")),
                org.assertj.core.groups.Tuple.tuple("aws/us-east-1/nlb", t("2025-10-20T12:30:00Z"), t("2025-10-20T21:09:00Z")));
        Map<String, Truth.Hit> hits = hits(o);
        assertThat(hits.keySet()).containsAll(ReferenceOutages.AWS_2025);
        assertThat(hits.get("metamask").path()).containsExactly("metamask", "infura", "aws/us-east-1/dynamodb");
        assertThat(hits.get("metamask").from()).isAfterOrEqualTo(hits.get("infura").from());
        assertThat(hits.get("coinbase").from()).isBefore(t("2025-10-20T06:53:00Z"));
        assertThat(hits.get("venmo").intervals()).anySatisfy(i -> assertThat(i.from()).isAfter(t("2025-10-20T12:29:00Z")));
        assertHitsAreInsideTheOutage(o);

        List<StatusEvent> aws = providerPosts(plan, "aws");
        assertThat(aws.get(0).getEventTime()).isEqualTo(o.acknowledged());
        assertThat(aws.get(0).getSource()).isEqualTo("aws-health");
        assertThat(aws.get(0).getRawTime()).isEqualTo("Mon, 20 Oct 2025 00:11:00 PDT");
        assertThat(aws).extracting(StatusEvent::getSubject).contains("aws/us-east-1/dynamodb", "aws/us-east-1/nlb");
        assertThat(aws.get(aws.size() - 1).getEventTime()).isEqualTo(o.end());
    }

    @Test
    void aws20211207IsRegionWideWithALateDashboard() {
        Plan plan = plan("aws-2021-12-07");
        Truth.Outage o = Truth.of(plan).outages().get(0);

        assertThat(o.scope()).isEqualTo("aws/us-east-1");
        assertThat(o.onset()).isEqualTo(t("2021-12-07T15:30:00Z"));
        assertThat(Duration.between(o.onset(), o.acknowledged())).isEqualTo(Duration.ofMinutes(52));
        assertThat(o.end()).isEqualTo(t("2021-12-08T00:35:00Z"));
        Map<String, Truth.Hit> hits = hits(o);
        assertThat(hits.keySet()).containsAll(ReferenceOutages.AWS_2021);
        assertThat(ReferenceOutages.AWS_2021).allSatisfy(s ->
                assertThat(hits.get(s).from()).isBetween(t("2021-12-07T15:32:00Z"), t("2021-12-07T15:35:00Z")));
        assertHitsAreInsideTheOutage(o);
        assertThat(providerPosts(plan, "aws")).allSatisfy(e -> assertThat(e.getEventTime()).isAfterOrEqualTo(o.acknowledged()));
    }

    @Test
    void gcp20250612IsGlobalThenUsCentral1AndReachesSitesThroughCloudflare() {
        Plan plan = plan("gcp-2025-06-12");
        Truth truth = Truth.of(plan);
        Truth.Outage gcp = truth.outages().get(0);
        Truth.Outage kv = truth.outages().get(1);

        assertThat(gcp.scope()).isEqualTo("gcp/global/service-control");
        assertThat(gcp.onset()).isEqualTo(t("2025-06-12T17:51:00Z"));
        assertThat(Duration.between(gcp.onset(), gcp.acknowledged())).isEqualTo(Duration.ofMinutes(71));
        assertThat(gcp.phases()).extracting(Truth.Phase::scope)
                .containsExactly("gcp/global/service-control", "gcp/us-central1/service-control");
        assertThat(gcp.phases().get(1).until()).isEqualTo(t("2025-06-12T21:49:00Z"));
        Map<String, Truth.Hit> hits = hits(gcp);
        assertThat(hits.keySet()).containsAll(ReferenceOutages.GCP_2025);
        assertThat(hits.get("openai").path()).contains("cloudflare/global/workers-kv").endsWith("gcp/global/service-control");
        assertThat(hits.get("spotify").until()).isAfter(t("2025-06-12T21:40:00Z"));
        assertHitsAreInsideTheOutage(gcp);

        assertThat(kv.scope()).isEqualTo("cloudflare/global/workers-kv");
        assertThat(kv.acknowledged()).isEqualTo(t("2025-06-12T18:19:00Z"));
        assertThat(hits(kv)).containsKeys("openai", "defillama");
        assertThat(providerPosts(plan, "cloudflare").get(0).getEventTime()).isEqualTo(t("2025-06-12T18:19:00Z"));
        assertThat(providerPosts(plan, "gcp").get(0).getEventTime()).isEqualTo(t("2025-06-12T19:02:00Z"));
    }

    @Test
    void cloudflare20251118OscillatesUntilTheBypass() {
        Plan plan = plan("cloudflare-2025-11-18");
        Truth.Outage o = Truth.of(plan).outages().get(0);

        assertThat(o.scope()).isEqualTo("cloudflare/global/cdn");
        assertThat(o.onset()).isEqualTo(t("2025-11-18T11:20:00Z"));
        assertThat(Duration.between(o.onset(), o.acknowledged())).isEqualTo(Duration.ofMinutes(28));
        assertThat(o.end()).isEqualTo(t("2025-11-18T17:06:00Z"));
        Map<String, Truth.Hit> hits = hits(o);
        assertThat(hits.keySet()).containsAll(ReferenceOutages.CLOUDFLARE_2025);
        List<Truth.Interval> coinbase = hits.get("coinbase").intervals();
        assertThat(coinbase.stream().filter(i -> i.from().isBefore(t("2025-11-18T13:05:00Z"))).count()).isGreaterThan(5);
        assertThat(plan.statusEvents()).noneMatch(e -> e.getSubject().equals("downdetector"));
        assertHitsAreInsideTheOutage(o);
    }

    @Test
    void theQuietWeekHasNoOutageButPlentyOfNoise() {
        Plan plan = plan("quiet-week");
        Truth truth = Truth.of(plan);

        assertThat(Duration.between(truth.start(), truth.end())).isEqualTo(Duration.ofDays(7));
        assertThat(truth.outages()).isEmpty();
        assertThat(truth.serviceIncidents()).hasSizeGreaterThan(20);
        assertThat(truth.vantageIncidents()).isNotEmpty();
        assertThat(truth.chatter()).extracting(Truth.Chatter::topic).contains("re:Invent keynote");
    }
}
