package io.blastradius.ingest.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blastradius.ingest.simulate.Plan.PlannedHit;
import io.blastradius.ingest.simulate.Plan.PlannedOutage;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.SubjectType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PlannerTest {
    static final String QUIET = """
            noise:
              serviceIncidents: {perDay: 0}
              probes: {vantageTroublePerDay: 0}
              complaints: {providerChatterPerDay: 0}
              statusPages: {maintenancePerDay: 0, silentFraction: 0}
            """;

    static Set<String> hit(PlannedOutage o) {
        return o.hits().stream().map(PlannedHit::service).collect(Collectors.toSet());
    }

    @Test
    void hitsNamedServicesAndThoseWhoReachTheScopeThroughThem() {
        Plan plan = TinyWorld.plan("6h", QUIET + """
                incidents:
                  - type: provider-outage
                    id: o
                    scope: aws/us-east-1/dynamodb
                    onset: +1h
                    end: +2h
                    phases: [{impact: {services: [infura], fraction: 0, degradingFraction: 0}}]
                """);

        PlannedOutage o = plan.outages().get(0);
        assertThat(hit(o)).containsExactlyInAnyOrder("infura", "metamask");
        PlannedHit metamask = o.hits().stream().filter(h -> h.service().equals("metamask")).findFirst().orElseThrow();
        assertThat(metamask.path()).containsExactly("metamask", "infura", "aws/us-east-1/dynamodb");
        assertThat(metamask.from()).isAfterOrEqualTo(o.onset());
        assertThat(plan.failures().get("metamask")).isNotEmpty();
        assertThat(plan.failures()).doesNotContainKeys("shop", "site", "own");
    }

    @Test
    void aServiceBehindAnUnhitCarrierIsNotHit() {
        Plan plan = TinyWorld.plan("6h", QUIET + """
                incidents:
                  - type: provider-outage
                    id: o
                    scope: aws/us-east-1/dynamodb
                    onset: +1h
                    end: +2h
                    phases: [{impact: {exclude: [infura], fraction: 1, degradingFraction: 1}}]
                """);

        assertThat(hit(plan.outages().get(0))).containsExactly("shop");
    }

    @Test
    void rejectsNamedServicesThatDoNotDependOnThePhaseScopeAndPhasesOutsideTheOutage() {
        assertThatThrownBy(() -> TinyWorld.plan("6h", """
                incidents:
                  - type: provider-outage
                    id: o
                    scope: aws/us-east-1
                    onset: +1h
                    end: +2h
                    phases:
                      - {scope: aws/us-east-1/dynamodb, impact: {services: [site, nobody]}}
                      - {scope: cloudflare/global/cdn}
                      - {scope: aws/us-east-1/lambda}
                """))
                .isInstanceOf(InvalidScenarioException.class)
                .satisfies(e -> assertThat(((InvalidScenarioException) e).problems()).containsExactly(
                        "outage 'o' phases[0]: impact.services: 'site' does not depend on aws/us-east-1/dynamodb (add the dependency to the world, or change the scope)",
                        "outage 'o' phases[0]: impact.services: unknown service 'nobody'",
                        "outage 'o' phases[1]: scope cloudflare/global/cdn is not contained in the outage scope aws/us-east-1",
                        "outage 'o' phases[2]: scope: world 'tiny' has no scope aws/us-east-1/lambda"));
    }

    @Test
    void acknowledgesAfterTheDelayWithProviderPostsOnlyFromThen() {
        Plan plan = TinyWorld.plan("6h", QUIET + """
                incidents:
                  - {type: provider-outage, id: o, scope: cloudflare/global/cdn, onset: +1h, end: +3h, ackDelay: 28m}
                """);

        PlannedOutage o = plan.outages().get(0);
        assertThat(o.acknowledged()).isEqualTo(o.onset().plus(Duration.ofMinutes(28)));
        List<StatusEvent> provider = plan.statusEvents().stream().filter(e -> e.getSubjectType() == SubjectType.PROVIDER).toList();
        assertThat(provider).isNotEmpty().allSatisfy(e -> {
            assertThat(e.getEventTime()).isAfterOrEqualTo(o.acknowledged());
            assertThat(e.getSource()).isEqualTo("statuspage:yh6f0r4529hb");
            assertThat(e.getProvider()).isEqualTo("cloudflare");
        });
        assertThat(provider.get(0).getEventTime()).isEqualTo(o.acknowledged());
        assertThat(provider.get(0).getIncidentStatus()).isEqualTo("investigating");
        assertThat(provider.get(provider.size() - 1).getIncidentStatus()).isEqualTo("resolved");
    }

    @Test
    void aSilentProviderNeverPosts() {
        Plan plan = TinyWorld.plan("6h", QUIET + """
                incidents:
                  - {type: provider-outage, id: o, scope: cloudflare/global/cdn, onset: +1h, end: +3h, silent: true}
                """);

        assertThat(plan.outages().get(0).acknowledged()).isNull();
        assertThat(plan.statusEvents()).noneMatch(e -> e.getSubjectType() == SubjectType.PROVIDER);
        assertThat(Truth.of(plan).toJson()).contains("\"acknowledged\" : null");
    }

    @Test
    void oscillationSplitsAServicesFailureIntoSpans() {
        Plan plan = TinyWorld.plan("6h", QUIET + """
                incidents:
                  - type: provider-outage
                    id: o
                    scope: cloudflare/global/cdn
                    onset: +1h
                    end: +3h
                    phases: [{lag: 0s, recovery: 0s, oscillation: {on: 5m, off: 5m, until: +2h}}]
                """);

        PlannedHit site = plan.outages().get(0).hits().get(0);
        assertThat(site.service()).isEqualTo("site");
        assertThat(site.spans()).hasSize(7);
        assertThat(site.spans().get(0).until() - site.spans().get(0).from()).isEqualTo(Duration.ofMinutes(5).toMillis());
        assertThat(site.until()).isEqualTo(Instant.parse("2025-01-06T03:00:00Z"));
        assertThat(Truth.of(plan).outages().get(0).hit().get(0).intervals()).hasSize(7);
    }

    @Test
    void statusPagesPostLateOrNeverAsTold() {
        Plan plan = TinyWorld.plan("6h", QUIET + """
                statusPages:
                  site: {silent: true}
                incidents:
                  - type: provider-outage
                    id: o
                    scope: aws/us-east-1
                    onset: +1h
                    end: +3h
                    phases: [{lag: 0s, impact: {fraction: 1, degradingFraction: 1}}]
                    statusPages:
                      shop: {lag: 40m}
                  - {type: service-incident, service: site, from: +4h, until: +5h}
                """);

        List<StatusEvent> shop = plan.statusEvents().stream().filter(e -> e.getSubject().equals("shop")).toList();
        PlannedHit shopHit = plan.outages().get(0).hits().stream().filter(h -> h.service().equals("shop")).findFirst().orElseThrow();
        assertThat(shop.get(0).getEventTime()).isEqualTo(shopHit.from().plus(Duration.ofMinutes(40)));
        assertThat(shop.get(0).getSource()).startsWith("statuspage:");
        assertThat(shop).extracting(StatusEvent::getIncidentStatus).contains("investigating", "resolved");
        assertThat(plan.statusEvents()).noneMatch(e -> e.getSubject().equals("site"));
        assertThat(plan.statusEvents()).anyMatch(e -> e.getSubject().equals("infura"));
    }

    @Test
    void noiseIncidentsScaleWithTheSpanAndAreNotOutages() {
        Plan plan = TinyWorld.plan("10d", """
                noise:
                  serviceIncidents: {perDay: 3}
                  probes: {vantageTroublePerDay: 0.5}
                  complaints: {providerChatterPerDay: 1}
                """);

        assertThat(plan.outages()).isEmpty();
        assertThat(plan.serviceIncidents()).hasSizeBetween(15, 45);
        assertThat(plan.vantageTroubles()).hasSizeBetween(5, 30);
        assertThat(plan.chatter()).hasSizeBetween(3, 20);
        assertThat(plan.serviceIncidents()).allSatisfy(i -> {
            assertThat(i.from()).isAfterOrEqualTo(plan.start());
            assertThat(i.until()).isBeforeOrEqualTo(plan.end());
        });
        Truth truth = Truth.of(plan);
        assertThat(truth.outages()).isEmpty();
        assertThat(truth.serviceIncidents()).hasSize(plan.serviceIncidents().size());
    }

    @Test
    void theMixedSuiteExpandsIntoTwentyFourOutagesTheSameWayEveryTime() {
        Plan plan = Planner.plan(ScenarioLoader.builtIn("mixed-suite"));
        Plan again = Planner.plan(ScenarioLoader.builtIn("mixed-suite"));

        assertThat(plan.outages()).hasSize(24);
        assertThat(Truth.of(plan).toJson()).isEqualTo(Truth.of(again).toJson());
        assertThat(plan.outages()).allSatisfy(o -> assertThat(o.hits()).as(o.id()).isNotEmpty());
        assertThat(plan.outages().stream().map(PlannedOutage::provider).distinct().count()).isGreaterThanOrEqualTo(4);
        assertThat(plan.outages().stream().map(o -> o.scope().specificity()).distinct().count()).isGreaterThanOrEqualTo(3);
        assertThat(plan.outages()).anyMatch(o -> o.acknowledged() == null);
        assertThat(plan.outages()).anyMatch(o -> o.phases().size() > 1);
        for (int i = 1; i < plan.outages().size(); i++) {
            assertThat(plan.outages().get(i).onset()).isAfter(plan.outages().get(i - 1).end());
        }
        assertThat(plan.outages().get(23).end()).isBefore(plan.end());
    }
}
