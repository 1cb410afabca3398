package io.blastradius.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.schemas.BlastRadius;
import io.blastradius.schemas.DependencyKind;
import io.blastradius.schemas.Impact;
import io.blastradius.schemas.ImpactedService;
import io.blastradius.schemas.Outage;
import io.blastradius.schemas.OutageAlert;
import io.blastradius.schemas.OutageEvidence;
import io.blastradius.schemas.OutageState;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutageLinesTest {
    private static final Instant ONSET = Instant.parse("2025-10-20T06:48:00Z");
    private static final Map<String, String> NAMES = Map.of("metamask", "MetaMask", "infura", "Infura", "safe", "Safe",
            "snapchat", "Snapchat", "coinbase", "Coinbase", "fortnite", "Fortnite", "epic-account", "Epic Games accounts");
    private final OutageLines lines = new OutageLines(id -> NAMES.getOrDefault(id, id));

    private static ImpactedService hit(long users, String... path) {
        return ImpactedService.newBuilder().setService(path[0]).setPath(Arrays.asList(path)).setDepth(path.length - 1)
                .setKind(DependencyKind.values()[0]).setScore(0.9).setUsers(users).setFirstEvidence(ONSET).build();
    }

    private static Outage outage(String scope, Instant at, List<ImpactedService> observed, int atRisk) {
        List<ImpactedService> risk = java.util.stream.IntStream.range(0, atRisk)
                .mapToObj(i -> hit(0, "svc" + i, scope)).toList();
        return Outage.newBuilder().setOutageId("o-1").setScope(scope).setProvider("aws").setRegion("us-east-1")
                .setState(OutageState.SUSPECTED).setOnset(ONSET).setDetected(at).setUpdatedAt(at).setConfidence(0.764)
                .setEvidence(OutageEvidence.newBuilder().setUnhealthyDependents(observed.size()).setTotalDependents(100)
                        .setExpectedUnhealthy(0.5).setSurprise(9).setAttributedProbeFailures(3).setComplaints(1)
                        .setProviderComplaints(0).build())
                .setBlastRadius(BlastRadius.newBuilder().setObserved(observed).setAtRisk(risk)
                        .setImpact(Impact.newBuilder().setObservedServices(observed.size()).setAtRiskServices(atRisk)
                                .setObservedUsers(observed.stream().mapToLong(ImpactedService::getUsers).sum())
                                .setAtRiskUsers(0).setSecondOrderServices(0).build())
                        .build())
                .build();
    }

    private static OutageAlert alert(Outage outage, OutageState previous, OutageState state, Instant at) {
        return OutageAlert.newBuilder().setAlertId("o-1:1").setOutageId("o-1").setSequence(1).setPreviousState(previous)
                .setState(state).setAt(at).setReason("test").setOutage(outage).build();
    }

    private static final String SCOPE = "aws/us-east-1";

    private static List<ImpactedService> awsHits() {
        return List.of(hit(400_000_000L, "snapchat", SCOPE), hit(30_000_000L, "metamask", "infura", SCOPE),
                hit(1_000_000L, "infura", SCOPE), hit(2_000_000L, "safe", "infura", SCOPE),
                hit(100_000_000L, "fortnite", "epic-account", SCOPE));
    }

    @Test
    void aNewOutageShowsScopeConfidenceTimeSinceOnsetAndItsBlastRadiusByPath() {
        Instant at = ONSET.plus(Duration.ofMinutes(3));
        List<String> printed = lines.transition(alert(outage(SCOPE, at, awsHits(), 2), null, OutageState.SUSPECTED, at));

        assertThat(printed).containsExactly(
                "10-20 06:51  SUSPECTED    aws/us-east-1              confidence 0.76  3m after onset (06:48)  NEW OUTAGE",
                "             blast radius  5 hit (533 M users), 2 at risk",
                "             hit           MetaMask, Safe → Infura → aws/us-east-1",
                "                           Fortnite → Epic Games accounts → aws/us-east-1",
                "                           Snapchat, Infura → aws/us-east-1",
                "             at risk       svc0, svc1 → aws/us-east-1");
    }

    @Test
    void aLaterTransitionIsOneLine() {
        Instant at = ONSET.plus(Duration.ofMinutes(83));
        List<String> printed = lines.transition(alert(outage(SCOPE, at, awsHits(), 12), OutageState.SUSPECTED,
                OutageState.CONFIRMED, at));

        assertThat(printed).containsExactly(
                "10-20 08:11  CONFIRMED    aws/us-east-1              confidence 0.76  1h23m after onset (06:48)  5 hit (533 M users), 12 at risk");
    }

    @Test
    void aResolutionSaysHowLongTheOutageLasted() {
        Instant at = ONSET.plus(Duration.ofHours(15).plusMinutes(13));
        List<String> printed = lines.transition(alert(outage(SCOPE, at, List.of(), 0), OutageState.RECOVERING,
                OutageState.RESOLVED, at));

        assertThat(printed).singleElement().asString().contains("RESOLVED").contains("lasted 15h13m").contains("0 hit, 0 at risk");
    }

    @Test
    void aServiceAtRiskThroughAnotherOneIsShownWithItsChain() {
        Instant at = ONSET.plus(Duration.ofMinutes(1));
        Outage o = outage(SCOPE, at, List.of(hit(1_000_000L, "infura", SCOPE)), 0);
        o.getBlastRadius().setAtRisk(List.of(hit(30_000_000L, "metamask", "infura", SCOPE), hit(2_000_000L, "safe", "infura", SCOPE),
                hit(400_000_000L, "snapchat", SCOPE)));

        assertThat(lines.transition(alert(o, null, OutageState.SUSPECTED, at)))
                .contains("             at risk       MetaMask, Safe → Infura → aws/us-east-1",
                        "                           Snapchat → aws/us-east-1");
    }

    @Test
    void theBlastRadiusIsReprintedOnlyWhenItGrowsClearlyReachesFurtherOrMovesToAnotherScope() {
        Instant at = ONSET.plus(Duration.ofMinutes(5));
        Outage before = outage(SCOPE, at, awsHits().subList(0, 4), 3);
        Outage oneMore = outage(SCOPE, at.plusSeconds(60), List.of(awsHits().get(0), awsHits().get(1), awsHits().get(2),
                awsHits().get(3), hit(5, "coinbase", SCOPE)), 3);
        Outage oneMoreIndirect = outage(SCOPE, at.plusSeconds(60), awsHits(), 3);
        Outage rescoped = outage("aws/us-east-1/dynamodb", at.plusSeconds(60), awsHits().subList(0, 4), 3);
        List<ImpactedService> many = new java.util.ArrayList<>(awsHits());
        many.add(hit(5, "coinbase", SCOPE));
        many.add(hit(1, "x1", SCOPE));
        Outage grown = outage(SCOPE, at.plusSeconds(120), many, 3);

        assertThat(lines.growth(before, oneMore)).isEmpty();
        assertThat(lines.growth(before, oneMoreIndirect)).containsExactly(
                "10-20 06:54               aws/us-east-1              blast radius grows: 5 hit (533 M users), 3 at risk; "
                        + "newly hit Fortnite",
                "             hit           Fortnite → Epic Games accounts → aws/us-east-1");
        assertThat(lines.growth(before, grown)).first().asString()
                .contains("blast radius grows: 7 hit").contains("newly hit Fortnite, Coinbase, x1");
        assertThat(lines.growth(before, rescoped)).first().asString()
                .contains("now aws/us-east-1/dynamodb (was aws/us-east-1)");
        assertThat(lines.growth(before, rescoped)).anyMatch(l -> l.contains("MetaMask, Safe → Infura → aws/us-east-1"));
    }

    @Test
    void durationsAndUserCountsReadShort() {
        assertThat(OutageLines.duration(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(OutageLines.duration(Duration.ofMinutes(23))).isEqualTo("23m");
        assertThat(OutageLines.duration(Duration.ofMinutes(125))).isEqualTo("2h05m");
        assertThat(OutageLines.users(8_500_000_000L)).isEqualTo("8.5 B");
        assertThat(OutageLines.users(30_000_000L)).isEqualTo("30 M");
        assertThat(OutageLines.users(12_345L)).isEqualTo("12,345");
    }
}
