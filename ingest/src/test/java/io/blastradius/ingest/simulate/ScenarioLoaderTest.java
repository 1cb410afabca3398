package io.blastradius.ingest.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blastradius.ingest.simulate.Incident.ProviderOutage;
import io.blastradius.ingest.simulate.Incident.ServiceIncident;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoaderTest {
    @Test
    void readsEveryBuiltInScenarioOfTheSuite() {
        List<ScenarioLoader.LoadedScenario> suite = ScenarioLoader.suite("built-in");

        assertThat(suite).extracting(l -> l.scenario().name()).containsExactly("aws-2025-10-20", "aws-2021-12-07",
                "gcp-2025-06-12", "cloudflare-2025-11-18", "quiet-week", "mixed-suite");
        assertThat(ScenarioLoader.builtInNames()).hasSize(6);
    }

    @Test
    void readsShortDurationsRelativeTimesAndDefaults() {
        Scenario s = ScenarioLoader.parse("""
                name: t
                start: 2025-01-06T00:00:00Z
                duration: 1d2h
                incidents:
                  - type: service-incident
                    service: kraken
                    from: +1h30m
                    until: 2025-01-06T02:00:00Z
                  - type: provider-outage
                    id: o
                    scope: aws/us-east-1
                    onset: +3h
                    end: +4h
                    ackDelay: PT23M
                """, "t.yaml");

        assertThat(s.duration()).isEqualTo(Duration.ofHours(26));
        assertThat(s.world()).isEqualTo("default");
        assertThat(s.noise().probes().interval()).isEqualTo(Duration.ofSeconds(60));
        ServiceIncident si = (ServiceIncident) s.incidents().get(0);
        assertThat(si.from().resolve(Instant.parse("2025-01-06T00:00:00Z"))).isEqualTo(Instant.parse("2025-01-06T01:30:00Z"));
        assertThat(si.until().isAbsolute()).isTrue();
        assertThat(((ProviderOutage) s.incidents().get(1)).ackDelay()).isEqualTo(Duration.ofMinutes(23));
    }

    @Test
    void namesTheLineOfAnUnknownField() {
        assertThatThrownBy(() -> ScenarioLoader.parse("""
                name: t
                start: 2025-01-06T00:00:00Z
                duration: 1d
                noise:
                  probes: {intervall: 30s}
                """, "t.yaml"))
                .isInstanceOf(InvalidScenarioException.class)
                .hasMessageContaining("t.yaml")
                .hasMessageContaining("line 5")
                .hasMessageContaining("unknown field 'intervall'")
                .hasMessageContaining("interval");
    }

    @Test
    void rejectsUnknownIncidentTypesAndBadDurations() {
        assertThatThrownBy(() -> ScenarioLoader.parse("""
                name: t
                start: 2025-01-06T00:00:00Z
                duration: 1d
                incidents: [{type: meteor-strike}]
                """, "t.yaml")).hasMessageContaining("meteor-strike").hasMessageContaining("provider-outage");
        assertThatThrownBy(() -> ScenarioLoader.parse("""
                name: t
                start: 2025-01-06T00:00:00Z
                duration: a while
                """, "t.yaml")).hasMessageContaining("'a while' is not a duration");
    }

    @Test
    void requiresANameAStartInstantAndOneOfEndAndDuration() {
        assertThatThrownBy(() -> ScenarioLoader.parse("""
                start: +1h
                end: 2025-01-07T00:00:00Z
                duration: 1d
                """, "t.yaml"))
                .isInstanceOf(InvalidScenarioException.class)
                .satisfies(e -> assertThat(((InvalidScenarioException) e).problems()).containsExactly(
                        "name is required",
                        "start is required and must be an instant (2025-10-20T05:00:00Z)",
                        "give exactly one of end and duration"));
    }

    @Test
    void loadsAScenarioFileWithAWorldNextToIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("tiny-world.yaml"), """
                id: tiny
                providers:
                  - id: aws
                    status: {source: aws-health}
                    regions: [{id: us-east-1, location: us-east}]
                    services: [{id: ec2, prefixes: {us-east-1: [3.80.0.0/12]}}]
                services:
                  - {id: a, name: A, users: 1000000, endpoints: [https://a.example], dependsOn: [aws/us-east-1/ec2]}
                vantages:
                  - {id: v1, region: us-east, asn: 701}
                """);
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, """
                name: s
                world: tiny-world.yaml
                start: 2025-01-06T00:00:00Z
                duration: 1h
                """);

        Plan plan = Planner.plan(ScenarioLoader.load(file));

        assertThat(plan.world().id()).isEqualTo("tiny");
        assertThat(ScenarioLoader.resolve(file.toString()).scenario().name()).isEqualTo("s");
    }

    @Test
    void refusesAnUnknownBuiltInScenario() {
        assertThatThrownBy(() -> ScenarioLoader.builtIn("nope"))
                .isInstanceOf(InvalidScenarioException.class)
                .hasMessageContaining("no built-in scenario named 'nope'");
    }
}
