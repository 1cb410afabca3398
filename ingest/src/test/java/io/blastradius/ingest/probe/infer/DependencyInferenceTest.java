package io.blastradius.ingest.probe.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.blastradius.schemas.Criticality;
import io.blastradius.schemas.DependencyKind;
import io.blastradius.schemas.DependencySource;
import io.blastradius.schemas.DependencyTargetType;
import io.blastradius.schemas.IpAttribution;
import io.blastradius.schemas.ProbeErrorClass;
import io.blastradius.schemas.ProbeProtocol;
import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.ProbeTarget;
import io.blastradius.schemas.ProbeTimings;
import io.blastradius.schemas.ServiceDependency;
import io.blastradius.schemas.Vantage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DependencyInferenceTest {
    private static final Instant T0 = Instant.parse("2025-10-20T06:00:00Z");

    private static DependencyInference inference(Set<String> declared) {
        return new DependencyInference(Duration.ofHours(6), 100, 0.3, Duration.ofHours(12), declared::contains);
    }

    private static IpAttribution ip(String ip, String provider, String region, String service, String prefix) {
        return IpAttribution.newBuilder().setIp(ip).setProvider(provider).setRegion(region).setProviderService(service)
                .setPrefix(prefix).build();
    }

    private static ProbeResult result(String service, String endpoint, Instant at, List<String> cnames,
            List<IpAttribution> attributions) {
        List<String> ips = new ArrayList<>();
        attributions.forEach(a -> ips.add(a.getIp()));
        return ProbeResult.newBuilder()
                .setProbeId("p-" + at.toEpochMilli())
                .setCheckId(service + "|HTTP|" + endpoint)
                .setVantage(Vantage.newBuilder().setId("v1").setRegion("us-east").build())
                .setTarget(ProbeTarget.newBuilder().setService(service).setEndpoint(endpoint).setProtocol(ProbeProtocol.HTTP).build())
                .setStartedAt(at).setIngestTime(at).setDurationMs(10).setSuccess(true).setErrorClass(ProbeErrorClass.NONE)
                .setResolvedIps(ips).setCnames(cnames).setAttributions(attributions)
                .setTimings(ProbeTimings.newBuilder().build())
                .build();
    }

    private static ProbeResult behindCloudFront(Instant at) {
        return result("shop", "https://www.shop.example/", at, List.of("shop.edge.example", "d111abcdef8.cloudfront.net"),
                List.of(ip("13.32.0.10", "aws", "global", "cloudfront", "13.32.0.0/15")));
    }

    @Test
    void infersCloudFrontFromTheCnameAndTheAddresses() {
        DependencyInference inf = inference(Set.of());
        for (int i = 0; i < 4; i++) {
            inf.observe(behindCloudFront(T0.plusSeconds(60L * i)));
        }
        ServiceDependency d = inf.published().get("shop|aws/global/cloudfront");
        assertThat(d).isNotNull();
        assertThat(d.getSource()).isEqualTo(DependencySource.INFERRED);
        assertThat(d.getTargetType()).isEqualTo(DependencyTargetType.SCOPE);
        assertThat(d.getKind()).isEqualTo(DependencyKind.CDN);
        assertThat(d.getCriticality()).isEqualTo(Criticality.CRITICAL);
        assertThat(d.getDocumented()).isFalse();
        // CNAME 0.9 and address 0.8 together: 0.98; seen 4 of 4: x (1 - 0.5^4)
        assertThat(d.getConfidence()).isCloseTo(0.98 * 0.9375, within(0.011));
        assertThat(d.getReference()).contains("CNAME d111abcdef8.cloudfront.net", "13.32.0.10 in 13.32.0.0/15",
                "seen in 4 of 4");
        assertThat(d.getUpdatedAt()).isEqualTo(T0.plusSeconds(180));
        assertThat(inf.published()).containsOnlyKeys("shop|aws/global/cloudfront");
    }

    @Test
    void takesRegionAndServiceFromALoadBalancerNameAndTheAddressesBehindIt() {
        DependencyInference inf = inference(Set.of());
        for (int i = 0; i < 3; i++) {
            inf.observe(result("exchange", "https://api.exchange.example/", T0.plusSeconds(i),
                    List.of("api-prod-123.us-east-1.elb.amazonaws.com"),
                    List.of(ip("3.80.1.2", "aws", "us-east-1", "ec2", "3.80.0.0/12"))));
        }
        assertThat(inf.published()).containsOnlyKeys("exchange|aws/us-east-1/elb", "exchange|aws/us-east-1/ec2");
        assertThat(inf.published().get("exchange|aws/us-east-1/elb").getKind()).isEqualTo(DependencyKind.LOAD_BALANCER);
        assertThat(inf.published().get("exchange|aws/us-east-1/ec2").getKind()).isEqualTo(DependencyKind.COMPUTE);
    }

    @Test
    void growsConfidenceWithRepeatedObservationsAndPublishesOnlyMeaningfulChanges() {
        DependencyInference inf = inference(Set.of());
        List<Double> published = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            inf.observe(behindCloudFront(T0.plusSeconds(60L * i))).forEach(u -> published.add(u.value().getConfidence()));
        }
        assertThat(published).isSorted().hasSizeBetween(3, 5);
        assertThat(published.get(0)).isCloseTo(0.49, within(0.01));
        for (int i = 1; i < published.size(); i++) {
            assertThat(published.get(i) - published.get(i - 1)).isGreaterThanOrEqualTo(DependencyInference.REPUBLISH_DELTA - 1e-9);
        }
    }

    @Test
    void marksAScopeSeenInOnlySomeProbesAsDegradingWithLowerConfidence() {
        DependencyInference inf = inference(Set.of());
        for (int i = 0; i < 8; i++) {
            IpAttribution where = i % 2 == 0 ? ip("3.80.1.2", "aws", "us-east-1", "ec2", "3.80.0.0/12")
                    : ip("34.44.0.9", "gcp", "us-central1", null, "34.44.0.0/15");
            inf.observe(result("dex", "https://dex.example/", T0.plusSeconds(i), List.of(), List.of(where)));
        }
        ServiceDependency aws = inf.published().get("dex|aws/us-east-1/ec2");
        ServiceDependency gcp = inf.published().get("dex|gcp/us-central1");
        assertThat(aws.getCriticality()).isEqualTo(Criticality.DEGRADING);
        assertThat(gcp.getCriticality()).isEqualTo(Criticality.DEGRADING);
        // the last published value is within the republishing step of the current one, 0.8 x 4/8 x (1 - 0.5^4)
        assertThat(aws.getConfidence()).isCloseTo(0.8 * 0.5 * (1 - Math.pow(0.5, 4)), within(DependencyInference.REPUBLISH_DELTA));
        assertThat(gcp.getConfidence()).isLessThan(aws.getConfidence()); // a region-only range is weaker evidence
        assertThat(gcp.getKind()).isEqualTo(DependencyKind.HOSTING);
    }

    @Test
    void settlesInsteadOfFlappingWhenObservationsAlternate() {
        DependencyInference inf = inference(Set.of());
        List<DependencyInference.Update> early = new ArrayList<>();
        List<DependencyInference.Update> late = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            IpAttribution where = i % 2 == 0 ? ip("3.80.1.2", "aws", "us-east-1", "ec2", "3.80.0.0/12")
                    : ip("34.44.0.9", "gcp", "us-central1", null, "34.44.0.0/15");
            (i < 20 ? early : late).addAll(inf.observe(result("dex", "https://dex.example/", T0.plusSeconds(i), List.of(),
                    List.of(where))));
        }
        assertThat(early).noneMatch(u -> u.value() == null).isNotEmpty();
        assertThat(late).isEmpty();
    }

    @Test
    void withdrawsAnEdgeOnceTheServiceHasMovedAwayForAWholeWindow() {
        DependencyInference inf = inference(Set.of());
        for (int i = 0; i < 4; i++) {
            inf.observe(behindCloudFront(T0.plusSeconds(60L * i)));
        }
        List<DependencyInference.Update> updates = new ArrayList<>();
        for (int h = 1; h <= 8; h++) {
            updates.addAll(inf.observe(result("shop", "https://www.shop.example/", T0.plus(Duration.ofHours(h)),
                    List.of("www.shop.example.cdn.cloudflare.net"),
                    List.of(ip("104.16.1.1", "cloudflare", "global", "cdn", "104.16.0.0/13")))));
        }
        assertThat(updates).anySatisfy(u -> {
            assertThat(u.key()).isEqualTo("shop|aws/global/cloudfront");
            assertThat(u.value()).isNull();
        });
        assertThat(inf.published()).containsOnlyKeys("shop|cloudflare/global/cdn");
    }

    @Test
    void neverPublishesAnEdgeTheCatalogDeclares() {
        DependencyInference inf = inference(Set.of("shop|aws/global/cloudfront"));
        for (int i = 0; i < 5; i++) {
            assertThat(inf.observe(behindCloudFront(T0.plusSeconds(i)))).isEmpty();
        }
        assertThat(inf.published()).isEmpty();
    }

    @Test
    void ignoresProbesThatResolvedNothing() {
        DependencyInference inf = inference(Set.of());
        inf.observe(behindCloudFront(T0));
        for (int i = 1; i < 10; i++) {
            inf.observe(result("shop", "https://www.shop.example/", T0.plusSeconds(i), List.of(), List.of()));
        }
        inf.observe(behindCloudFront(T0.plusSeconds(20)));
        assertThat(inf.published().get("shop|aws/global/cloudfront").getReference()).contains("seen in 2 of 2");
    }

    @Test
    void infersTheSameEdgesWhenTheSameResultsAreReplayed() {
        List<ProbeResult> inputs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            inputs.add(behindCloudFront(T0.plusSeconds(30L * i)));
            inputs.add(result("exchange", "https://api.exchange.example/", T0.plusSeconds(30L * i + 1),
                    List.of("my-nlb-1.elb.us-east-1.amazonaws.com"),
                    List.of(ip("3.80.1.2", "aws", "us-east-1", "ec2", "3.80.0.0/12"))));
        }
        List<DependencyInference.Update> first = new ArrayList<>();
        List<DependencyInference.Update> second = new ArrayList<>();
        DependencyInference a = inference(Set.of());
        DependencyInference b = inference(Set.of());
        inputs.forEach(r -> first.addAll(a.observe(r)));
        inputs.forEach(r -> second.addAll(b.observe(r)));
        assertThat(second).isEqualTo(first);
        assertThat(first).extracting(DependencyInference.Update::key).contains("exchange|aws/us-east-1/nlb");
    }
}
