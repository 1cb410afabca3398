package io.blastradius.ingest.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.blastradius.ingest.probe.ranges.Cidr;
import io.blastradius.schemas.IpAttribution;
import io.blastradius.schemas.ProbeErrorClass;
import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.SocialSignal;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.SubjectType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorTest {
    static final Instant T0 = Instant.parse("2025-01-06T00:00:00Z");
    static final String OUTAGE = """
            noise:
              serviceIncidents: {perDay: 0}
              probes: {vantageTroublePerDay: 0}
            incidents:
              - type: provider-outage
                id: ddb
                scope: aws/us-east-1/dynamodb
                onset: +2h
                end: +3h
                ackDelay: 25m
                phases: [{lag: 0s, recovery: 0s, severity: 0.95, impact: {services: [infura], fraction: 0}}]
            """;

    static Instant at(String offset) {
        return T0.plus(Times.duration(offset));
    }

    @Test
    void theSameSeedGivesByteIdenticalFilesAndAnotherSeedDoesNot(@TempDir Path dir) throws IOException {
        for (String run : List.of("a", "b")) {
            write(TinyWorld.plan("3h", OUTAGE), dir.resolve(run), FileOutput.Format.AVRO);
            write(TinyWorld.plan("3h", OUTAGE), dir.resolve(run + "-json"), FileOutput.Format.JSONL);
        }
        write(TinyWorld.plan(6, "3h", OUTAGE), dir.resolve("other"), FileOutput.Format.AVRO);

        for (String file : List.of("truth.json", "status-events.avro", "social-signals.avro", "probe-results.avro")) {
            assertThat(Files.readAllBytes(dir.resolve("a").resolve(file))).as(file)
                    .isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(file)));
        }
        for (String file : List.of("social-signals.jsonl", "probe-results.jsonl")) {
            assertThat(Files.readAllBytes(dir.resolve("a-json").resolve(file))).as(file)
                    .isEqualTo(Files.readAllBytes(dir.resolve("b-json").resolve(file)));
        }
        assertThat(Files.size(dir.resolve("a").resolve("probe-results.avro"))).isGreaterThan(10_000);
        assertThat(Files.readAllBytes(dir.resolve("other").resolve("probe-results.avro")))
                .isNotEqualTo(Files.readAllBytes(dir.resolve("a").resolve("probe-results.avro")));
    }

    @Test
    void filesReadBackAsTheRecordsThatWereWritten(@TempDir Path dir) throws IOException {
        Plan plan = TinyWorld.plan("3h", OUTAGE);
        Recorded recorded = new Recorded();
        try (FileOutput out = new FileOutput(dir, FileOutput.Format.AVRO, plan.seed())) {
            new Simulator(plan).run(SignalOutput.tee(List.of(out, recorded)));
        }

        assertThat(read(dir.resolve("probe-results.avro"), ProbeResult.class)).isEqualTo(recorded.probes);
        assertThat(read(dir.resolve("social-signals.avro"), SocialSignal.class)).isEqualTo(recorded.social);
        assertThat(read(dir.resolve("status-events.avro"), StatusEvent.class)).isEqualTo(recorded.status);
    }

    private static <T> List<T> read(Path file, Class<T> type) throws IOException {
        List<T> records = new ArrayList<>();
        try (DataFileReader<T> reader = new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(type))) {
            reader.forEach(records::add);
        }
        return records;
    }

    private static void write(Plan plan, Path dir, FileOutput.Format format) {
        try (FileOutput out = new FileOutput(dir, format, plan.seed())) {
            new Simulator(plan).run(out);
        }
        Truth.of(plan).write(dir.resolve("truth.json"));
    }

    @Test
    void emitsEveryStreamInEventTimeOrderWithinTheSpan() {
        Recorded r = Recorded.run(TinyWorld.plan("3h", OUTAGE));

        assertThat(r.times).isSortedAccordingTo(Instant::compareTo);
        assertThat(r.times.get(0)).isAfterOrEqualTo(T0);
        assertThat(r.times.get(r.times.size() - 1)).isBefore(at("3h"));
        assertThat(r.status).isNotEmpty();
        assertThat(r.social).isNotEmpty();
        // 5 services x 3 vantages x one check a minute x 180 minutes
        assertThat(r.probes).hasSize(5 * 3 * 180);
    }

    @Test
    void hitServicesFailFromEveryVantageWhileOthersOnlyFlake() {
        Recorded r = Recorded.run(TinyWorld.plan("4h", OUTAGE));

        assertThat(r.failureRate("infura", at("2h"), at("3h"))).isGreaterThan(0.8);
        assertThat(r.failureRate("metamask", at("2h5m"), at("3h"))).isGreaterThan(0.8);
        assertThat(r.failureRate("infura", T0, at("2h"))).isLessThan(0.03);
        assertThat(r.failureRate("infura", at("3h5m"), at("4h"))).isLessThan(0.03);
        assertThat(r.failureRate("site", at("2h"), at("3h"))).isLessThan(0.03);
        assertThat(r.probes).filteredOn(p -> p.getTarget().getService().equals("infura") && !p.getSuccess()
                        && p.getStartedAt().isAfter(at("2h5m")) && p.getStartedAt().isBefore(at("3h")))
                .extracting(p -> p.getVantage().getId()).contains("v1", "v2", "v3");
    }

    @Test
    void complaintsSurgeWhileAServiceFailsAndNameIt() {
        Recorded r = Recorded.run(TinyWorld.plan("4h", OUTAGE));

        long before = r.posts("metamask", at("1h"), at("2h"));
        long during = r.posts("metamask", at("2h"), at("3h"));
        assertThat(during).isGreaterThan(5 * Math.max(before, 1));
        List<SocialSignal> complaints = r.social.stream().filter(s -> s.getServices().contains("metamask"))
                .filter(s -> s.getCreatedAt().isAfter(at("2h10m")) && s.getCreatedAt().isBefore(at("3h"))).toList();
        assertThat(complaints).allSatisfy(s -> {
            assertThat(s.getText().toLowerCase()).containsAnyOf("metamask", "metamsk", "#metamask");
            assertThat(s.getObservedAt()).isAfter(s.getCreatedAt());
            assertThat(s.getAuthorHash()).hasSize(16);
            assertThat(s.getPlatform()).isIn("mastodon", "bluesky", "reddit");
        });
        assertThat(complaints.stream().mapToDouble(SocialSignal::getComplaintScore).average().orElse(0)).isGreaterThan(0.6);
        assertThat(r.social).anyMatch(s -> s.getProviders().contains("aws") && s.getCreatedAt().isAfter(at("2h")));
    }

    @Test
    void probeAddressesLieInTheAttributedProviderPrefixes() {
        Recorded r = Recorded.run(TinyWorld.plan("1h", ""));

        ProbeResult site = r.probes.stream().filter(p -> p.getTarget().getService().equals("site") && p.getSuccess()).findFirst().orElseThrow();
        assertThat(site.getAttributions()).isNotEmpty().allSatisfy(a -> {
            assertThat(a.getProvider()).isEqualTo("cloudflare");
            assertThat(a.getRegion()).isEqualTo("global");
            assertThat(a.getProviderService()).isEqualTo("cdn");
            assertThat(Cidr.parse(a.getPrefix()).contains(Cidr.parse(a.getIp()))).isTrue();
        });
        assertThat(site.getCnames()).containsExactly("www.site.example.cdn.cloudflare.net");
        ProbeResult infura = r.probes.stream().filter(p -> p.getTarget().getService().equals("infura")).findFirst().orElseThrow();
        assertThat(infura.getAttributions()).extracting(IpAttribution::getProvider, IpAttribution::getRegion, IpAttribution::getProviderService)
                .containsOnly(org.assertj.core.groups.Tuple.tuple("aws", "us-east-1", "ec2"));
        assertThat(Cidr.parse("3.80.0.0/12").contains(Cidr.parse(infura.getResolvedIps().get(0)))).isTrue();
        ProbeResult own = r.probes.stream().filter(p -> p.getTarget().getService().equals("own")).findFirst().orElseThrow();
        assertThat(own.getAttributions()).extracting(IpAttribution::getProvider).containsOnlyNulls();
        assertThat(Cidr.parse("157.240.0.0/16").contains(Cidr.parse(own.getResolvedIps().get(0)))).isTrue();
        assertThat(r.probes).allSatisfy(p -> {
            assertThat(p.getIngestTime()).isAfter(p.getStartedAt());
            assertThat(p.getErrorClass() == ProbeErrorClass.NONE).isEqualTo(p.getSuccess());
        });
    }

    @Test
    void noiseShowsInTheSignalsButNotAsOutages() {
        Plan plan = TinyWorld.plan("6h", """
                noise:
                  serviceIncidents: {perDay: 0}
                  probes: {vantageTroublePerDay: 0}
                  complaints: {providerChatterPerDay: 0}
                incidents:
                  - {type: service-incident, service: shop, from: +1h, until: +2h, severity: 0.9, statusPage: {lag: 5m}}
                  - {type: vantage-trouble, vantage: v2, from: +3h, until: +4h, failureRate: 0.9}
                  - {type: chatter, provider: aws, from: +4h, until: +5h, topic: keynote, postsPerHour: 300}
                """);
        Recorded r = Recorded.run(plan);
        Truth truth = Truth.of(plan);

        assertThat(truth.outages()).isEmpty();
        assertThat(truth.serviceIncidents()).extracting(Truth.ServiceIncident::service).containsExactly("shop");
        assertThat(truth.vantageIncidents()).extracting(Truth.VantageIncident::vantage).containsExactly("v2");
        assertThat(truth.chatter()).extracting(Truth.Chatter::topic).containsExactly("keynote");

        assertThat(r.failureRate("shop", at("1h"), at("2h"))).isGreaterThan(0.7);
        assertThat(r.failureRate("site", at("1h"), at("2h"))).isLessThan(0.03);
        assertThat(r.status).anyMatch(e -> e.getSubject().equals("shop") && e.getSubjectType() == SubjectType.SERVICE
                && e.getEventTime().equals(at("1h5m")));
        List<ProbeResult> fromV2 = r.probes.stream().filter(p -> p.getVantage().getId().equals("v2")
                && !p.getStartedAt().isBefore(at("3h")) && p.getStartedAt().isBefore(at("4h"))).toList();
        assertThat(fromV2.stream().filter(p -> !p.getSuccess()).count()).isGreaterThan(fromV2.size() * 7L / 10);
        assertThat(r.failureRate("site", at("3h"), at("4h"))).isBetween(0.15, 0.5);
        List<SocialSignal> chatter = r.social.stream().filter(s -> s.getProviders().contains("aws")
                && !s.getCreatedAt().isBefore(at("4h")) && s.getCreatedAt().isBefore(at("5h"))).toList();
        assertThat(chatter).hasSizeGreaterThan(150);
        assertThat(chatter.stream().mapToDouble(SocialSignal::getComplaintScore).average().orElse(1)).isLessThan(0.3);
        assertThat(r.status).noneMatch(e -> e.getSubjectType() == SubjectType.PROVIDER);
    }

    @Test
    void complaintBaselinesFollowTheDayAndScaleWithUsers() {
        Recorded r = Recorded.run(TinyWorld.plan("7d", """
                noise:
                  serviceIncidents: {perDay: 0}
                  complaints: {baselinePerHour: 2}
                """));

        long peak = 0;
        long trough = 0;
        for (int day = 0; day < 7; day++) {
            peak += r.posts("own", at(day + "d17h"), at(day + "d19h"));
            trough += r.posts("own", at(day + "d05h"), at(day + "d07h"));
        }
        assertThat(peak).isGreaterThan(2 * trough);
        long big = r.posts("own", T0, at("7d"));
        long small = r.posts("infura", T0, at("7d"));
        assertThat((double) big / small).isCloseTo(Math.pow(100, 0.6), within(8.0));
        long weekday = r.posts("own", at("0d"), at("2d"));
        long weekend = r.posts("own", at("5d"), at("7d"));
        assertThat(weekday).isGreaterThan(weekend);
    }

    @Test
    void countsWhatItSends() {
        Recorded r = new Recorded();
        Simulator.Counts c = new Simulator(TinyWorld.plan("4h", OUTAGE)).run(r);

        assertThat(c.probes()).isEqualTo(r.probes.size());
        assertThat(c.social()).isEqualTo(r.social.size());
        assertThat(c.status()).isEqualTo(r.status.size());
        assertThat(c.total()).isEqualTo(r.times.size());
    }
}
