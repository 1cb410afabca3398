package io.blastradius.streams.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.schemas.scope.ScopeId;
import io.blastradius.streams.correlation.ScopeCorrelator.Explanation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ScopeCorrelatorTest {
    private final DependencyGraph graph = TestWorld.graph();
    private final ScopeCorrelator correlator = new ScopeCorrelator(CorrelationSettings.defaults());

    /**
     * Adds {@code count} services {@code prefix}1..{@code count}, each its own organisation with
     * {@code users} users, each depending critically on {@code scope} as a {@code kind}.
     */
    private static void dependents(DependencyGraph.Builder b, String prefix, String name, int count, long users,
            String scope, String kind) {
        for (int i = 1; i <= count; i++) {
            b.service(new DependencyGraph.ServiceMeta(prefix + i, name + " " + i, "org-" + prefix + i, users));
            b.edge(prefix + i, scope, kind, "CRITICAL");
        }
    }

    private static Function<String, ServiceCondition> failing(Set<String> services) {
        return s -> services.contains(s)
                ? new ServiceCondition(s, true, 0.9, 1000, 0.005, List.of())
                : ServiceCondition.healthy(s, 0.005);
    }

    private List<Explanation> explain(String provider, Set<String> unhealthy, ProviderEvidence evidence) {
        return explain(unhealthy, p -> p.equals(provider) ? evidence : ProviderEvidence.none());
    }

    private List<Explanation> explain(Set<String> unhealthy, Function<String, ProviderEvidence> evidence) {
        Function<String, ServiceCondition> conditions = failing(unhealthy);
        return correlator.explain(graph, correlator.assess(graph, unhealthy, Set.of(), conditions, evidence), conditions, evidence)
                .explanations();
    }

    @Test
    void attributesToDynamoDbWhenOnlyDynamoDbUsersFail() {
        List<Explanation> e = explain("aws", Set.of("ddb1", "ddb2", "ddb3", "ddb4", "ddb5", "ddb6"), ProviderEvidence.none());
        assertThat(e).hasSize(1);
        assertThat(e.get(0).scope()).isEqualTo(ScopeId.parse("aws/us-east-1/dynamodb"));
        assertThat(e.get(0).opens()).isTrue();
    }

    @Test
    void attributesToTheRegionWhenItsServicesFailAcrossTheBoard() {
        List<Explanation> e = explain("aws", Set.of("ddb1", "ddb2", "ddb3", "ddb4", "ddb5", "ddb6", "ddb7",
                "ec2u1", "ec2u2", "ec2u3", "ec2u4", "ec2u5", "ec2u6", "ec2u7"), ProviderEvidence.none());
        assertThat(e.get(0).scope()).isEqualTo(ScopeId.parse("aws/us-east-1"));
    }

    @Test
    void ascendsToTheWholeProviderWhenSeveralRegionsFailTogether() {
        List<Explanation> e = explain("aws", Set.of("ddb1", "ddb2", "ddb3", "ddb4", "ddb5", "ddb6", "ddb7", "ddb8",
                "ec2u1", "ec2u2", "ec2u3", "ec2u4", "ec2u5", "ec2u6", "ec2u7", "ec2u8",
                "euw1", "euw2", "euw3", "euw4", "euw5", "euw6", "euw7", "euw8"), ProviderEvidence.none());
        assertThat(e.get(0).scope()).isEqualTo(ScopeId.parse("aws/global"));
    }

    @Test
    void aSingleServicesOwnIncidentIsNotAProviderOutage() {
        assertThat(explain("aws", Set.of("ddb1"), ProviderEvidence.none())).isEmpty();
    }

    @Test
    void servicesOfOneOrganisationCountOnce() {
        ScopeAssessment a = correlator.assess(graph, ScopeId.parse("aws/us-east-1/ec2"),
                graph.provider("aws").dependents(ScopeId.parse("aws/us-east-1/ec2")),
                failing(Set.of("megacorp-a", "megacorp-b", "megacorp-c")), ProviderEvidence.none());
        assertThat(a.unhealthy()).isEqualTo(1);
        assertThat(explain("aws", Set.of("megacorp-a", "megacorp-b", "megacorp-c"), ProviderEvidence.none())).isEmpty();
    }

    @Test
    void aServiceHitThroughAnotherUnhealthyServiceCountsWithIt() {
        ScopeAssessment a = correlator.assess(graph, ScopeId.parse("aws/us-east-1/dynamodb"),
                graph.provider("aws").dependents(ScopeId.parse("aws/us-east-1/dynamodb")),
                failing(Set.of("infura", "rainbow", "metamask", "ddb1")), ProviderEvidence.none());
        // infura, rainbow (through infura) and metamask (same org) are one unit; ddb1 another
        assertThat(a.unhealthy()).isEqualTo(2);
        assertThat(a.unhealthyUnits().get("Consensys")).containsExactly("infura", "metamask", "rainbow");
    }

    @Test
    void theProvidersOwnStatusFeedRaisesConfidence() {
        Map<String, ServiceCondition> none = Map.of();
        Function<String, ServiceCondition> cond = failing(Set.of("ddb1", "ddb2", "ddb3"));
        ScopeId ddb = ScopeId.parse("aws/us-east-1/dynamodb");
        var deps = graph.provider("aws").dependents(ddb);
        ScopeAssessment without = correlator.assess(graph, ddb, deps, cond, ProviderEvidence.none());
        ProviderEvidence status = new ProviderEvidence(
                Map.of(ScopeId.parse("aws/us-east-1"), new StatusSnapshot.Entry("DEGRADED", "inc-1", 0)), 0, 0);
        ScopeAssessment with = correlator.assess(graph, ddb, deps, cond, status);
        assertThat(with.confidence()).isGreaterThan(without.confidence());
        assertThat(with.statusIncident()).isEqualTo("inc-1");
        assertThat(none).isEmpty();
    }

    @Test
    void failingProbesAttributedToTheScopeRaiseConfidence() {
        ScopeId ddb = ScopeId.parse("aws/us-east-1/dynamodb");
        var deps = graph.provider("aws").dependents(ddb);
        Function<String, ServiceCondition> plain = failing(Set.of("ddb1", "ddb2", "ddb3"));
        Function<String, ServiceCondition> attributed = s -> Set.of("ddb1", "ddb2", "ddb3").contains(s)
                ? new ServiceCondition(s, true, 0.9, 1000, 0.005, List.of("aws/us-east-1/dynamodb"))
                : ServiceCondition.healthy(s, 0.005);
        ScopeAssessment a = correlator.assess(graph, ddb, deps, plain, ProviderEvidence.none());
        ScopeAssessment b = correlator.assess(graph, ddb, deps, attributed, ProviderEvidence.none());
        assertThat(b.attributedUnits()).isEqualTo(3);
        assertThat(b.confidence()).isGreaterThan(a.confidence());
    }

    @Test
    void servicesThatUsuallyFailAreLessSurprising() {
        ScopeId ddb = ScopeId.parse("aws/us-east-1/dynamodb");
        var deps = graph.provider("aws").dependents(ddb);
        Set<String> down = Set.of("ddb1", "ddb2", "ddb3", "ddb4");
        Function<String, ServiceCondition> flaky = s -> down.contains(s)
                ? new ServiceCondition(s, true, 0.9, 0, 0.2, List.of()) : ServiceCondition.healthy(s, 0.2);
        ScopeAssessment usual = correlator.assess(graph, ddb, deps, failing(down), ProviderEvidence.none());
        ScopeAssessment fromFlaky = correlator.assess(graph, ddb, deps, flaky, ProviderEvidence.none());
        assertThat(fromFlaky.surprise()).isLessThan(usual.surprise() / 3);
        assertThat(correlator.opens(fromFlaky)).isFalse();
    }

    @Test
    void anOutageOfOneProviderExplainsAwayWhatItsMultiHomedDependentsSayAboutAnother() {
        // DynamoDB users fail, among them every site that also sits behind Cloudflare
        Set<String> down = Set.of("ddb1", "ddb2", "ddb3", "ddb4", "ddb5", "ddb6", "both1", "both2", "both3", "both4",
                "both5", "both6");
        List<Explanation> e = explain(down, p -> ProviderEvidence.none());
        assertThat(e).extracting(Explanation::scope).containsExactly(ScopeId.parse("aws/us-east-1/dynamodb"));
        // on its own, Cloudflare's view would be an outage: six of its fourteen sites failing
        ScopeAssessment cdn = correlator.assess(graph, ScopeId.parse("cloudflare/global/cdn"),
                graph.dependents(ScopeId.parse("cloudflare/global/cdn")), failing(down), ProviderEvidence.none());
        assertThat(correlator.opens(cdn)).isTrue();
    }

    @Test
    void aProviderScopeDownstreamOfAnotherProvidersOutageIsItsOwnOutageOnlyWhenItsProviderSaysSo() {
        Set<String> down = Set.of("gcs1", "gcs2", "gcs3", "gcs4", "gcs5", "kv1", "kv2", "kv3");
        List<Explanation> silent = explain(down, p -> ProviderEvidence.none());
        assertThat(silent).extracting(Explanation::scope).containsExactly(ScopeId.parse("gcp/global/gcs"));

        ProviderEvidence complaints = new ProviderEvidence(Map.of(), 8, 40);
        List<Explanation> said = explain(down, p -> p.equals("cloudflare") ? complaints : ProviderEvidence.none());
        assertThat(said).extracting(Explanation::scope).containsExactlyInAnyOrder(ScopeId.parse("gcp/global/gcs"),
                ScopeId.parse("cloudflare/global/workers-kv"));
        assertThat(said).allMatch(Explanation::opens);
    }

    @Test
    void attributesToDynamoDbWhenItsCriticalUsersFailThoughEc2LaunchesDependOnItToo() {
        // EC2 keeps launch state in DynamoDB (a degrading edge): every EC2 user reaches DynamoDB too, so DynamoDB
        // has more dependents than EC2; five of the 25 that use DynamoDB directly fail, no EC2-only one. Counted
        // alike, EC2's smaller set would look the denser; weighed by how each depends on it, DynamoDB explains it
        DependencyGraph.Builder b = DependencyGraph.builder();
        b.edge("aws/us-east-1/ec2", "aws/us-east-1/dynamodb", "DATABASE", "DEGRADING");
        dependents(b, "vm", "EC2 user", 60, 1000L, "aws/us-east-1/ec2", "COMPUTE");
        for (int i = 1; i <= 15; i++) {
            b.service(new DependencyGraph.ServiceMeta("app" + i, "App " + i, "org-app" + i, 1000L));
            b.edge("app" + i, "aws/us-east-1/ec2", "COMPUTE", "CRITICAL");
            b.edge("app" + i, "aws/us-east-1/dynamodb", "DATABASE", "CRITICAL");
        }
        dependents(b, "db", "Serverless app", 10, 1000L, "aws/us-east-1/dynamodb", "DATABASE");
        DependencyGraph world = b.build();
        Set<String> down = Set.of("app1", "app2", "app3", "app4", "app5");
        Function<String, ServiceCondition> conditions = failing(down);
        Function<String, ProviderEvidence> evidence = p -> ProviderEvidence.none();
        List<Explanation> e = correlator.explain(world, correlator.assess(world, down, Set.of(), conditions, evidence),
                conditions, evidence).explanations();

        assertThat(e).isNotEmpty();
        assertThat(e.get(0).scope()).isEqualTo(ScopeId.parse("aws/us-east-1/dynamodb"));
    }

    @Test
    void namesTheRegionOverTheComputeServiceItsDependentsAllRunOnWhenUsersOfItsGlobalServicesFailToo() {
        // the region and EC2 in it have the same dependents; only the region's outage also touches the
        // CloudFront presence in the region
        DependencyGraph world = TestWorld.regionOnCompute();
        Set<String> down = Set.of("ap1", "ap2", "ap3", "ap4", "cdn1", "cdn2", "cdn3");
        List<Explanation> e = explainIn(world, down);
        assertThat(e).extracting(Explanation::scope).containsExactly(ScopeId.parse("aws/ap-south-1"));
        assertThat(e.get(0).assessment().touched()).containsExactly("cdn1", "cdn2", "cdn3");
        assertThat(e.get(0).assessment().unhealthy()).isEqualTo(4);
    }

    @Test
    void namesTheComputeServiceWhenOnlyItsUsersFailAndTellsHowCloseTheRegionCame() {
        List<Explanation> e = explainIn(TestWorld.regionOnCompute(), Set.of("ap1", "ap2", "ap3", "ap4"));
        assertThat(e).extracting(Explanation::scope).containsExactly(ScopeId.parse("aws/ap-south-1/ec2"));
        // the region claims the same failures and only pays for the CloudFront users it would touch
        assertThat(e.get(0).rivalGap()).isPositive().isLessThan(CorrelationSettings.defaults().rivalMargin());
    }

    @Test
    void aScopeOfAnotherProviderKeepsOnlyTheFailuresWhosePathsPassThroughIt() {
        DependencyGraph.Builder b = DependencyGraph.builder();
        b.edge("cloudflare/global/workers-kv", "gcp/global/gcs", "STORAGE", "CRITICAL");
        dependents(b, "kv", "Workers KV user", 4, 10_000L, "cloudflare/global/workers-kv", "DATABASE");
        dependents(b, "gcs", "GCS user", 8, 10_000L, "gcp/global/gcs", "STORAGE");
        for (int i = 1; i <= 6; i++) {
            // sites behind Cloudflare's CDN that keep their files in GCS: they fail with GCS, not with Workers KV
            b.service(new DependencyGraph.ServiceMeta("site" + i, "Site " + i, "org-site" + i, 10_000L));
            b.edge("site" + i, "gcp/global/gcs", "STORAGE", "CRITICAL");
            b.edge("site" + i, "cloudflare/global/cdn", "CDN", "CRITICAL");
        }
        dependents(b, "cf", "Cloudflare site", 10, 10_000L, "cloudflare/global/cdn", "CDN");
        DependencyGraph world = b.build();
        Set<String> down = Set.of("gcs1", "gcs2", "gcs3", "gcs4", "gcs5", "kv1", "kv2", "kv3", "site1", "site2", "site3",
                "site4", "site5", "site6");
        ProviderEvidence complaints = new ProviderEvidence(Map.of(), 8, 40);
        Function<String, ProviderEvidence> evidence = p -> p.equals("cloudflare") ? complaints : ProviderEvidence.none();
        Function<String, ServiceCondition> conditions = failing(down);
        ScopeCorrelator.Explained explained = correlator.explain(world,
                correlator.assess(world, down, Set.of(), conditions, evidence), conditions, evidence);
        assertThat(explained.explanations()).extracting(Explanation::scope).containsExactlyInAnyOrder(
                ScopeId.parse("gcp/global/gcs"), ScopeId.parse("cloudflare/global/workers-kv"));
        assertThat(explained.explanations().stream().filter(x -> x.scope().provider().equals("cloudflare")).findFirst()
                .orElseThrow().assessment().unhealthyServices()).containsExactly("kv1", "kv2", "kv3");
        // with both explained, nothing is left to Cloudflare as a whole: the CDN sites failing through GCS are no
        // evidence against it, though Cloudflare's users complain and Workers KV's path runs through GCS
        assertThat(explained.conditional().apply(ScopeId.parse("cloudflare/global")).unhealthyServices()).isEmpty();
    }

    @Test
    void attributesToEc2WhenItsUsersFailThoughTheFewThatAlsoUseDynamoDbFailToo() {
        // every EC2 user reaches DynamoDB through EC2's launch path (degrading); two also use DynamoDB directly.
        // Five of eight fail, both DynamoDB users among them: DynamoDB can fit its two classes of dependents
        // to that (both critical ones, half of the degrading ones), but one share for all of EC2's explains it
        // as well without the second share
        DependencyGraph.Builder b = DependencyGraph.builder();
        b.edge("aws/ap-southeast-1/ec2", "aws/ap-southeast-1/dynamodb", "DATABASE", "DEGRADING");
        dependents(b, "sg", "Singapore app", 8, 10_000L, "aws/ap-southeast-1/ec2", "COMPUTE");
        b.edge("sg1", "aws/ap-southeast-1/dynamodb", "DATABASE", "CRITICAL");
        b.edge("sg2", "aws/ap-southeast-1/dynamodb", "DATABASE", "CRITICAL");
        List<Explanation> e = explainIn(b.build(), Set.of("sg1", "sg2", "sg3", "sg4", "sg5"));
        assertThat(e).isNotEmpty();
        assertThat(e.get(0).scope()).isIn(ScopeId.parse("aws/ap-southeast-1/ec2"), ScopeId.parse("aws/ap-southeast-1"));
        assertThat(ScopeCorrelator.occam(2, 2) + ScopeCorrelator.occam(3, 6)).isGreaterThan(ScopeCorrelator.occam(5, 8));
    }

    private List<Explanation> explainIn(DependencyGraph world, Set<String> down) {
        Function<String, ServiceCondition> conditions = failing(down);
        Function<String, ProviderEvidence> evidence = p -> ProviderEvidence.none();
        return correlator.explain(world, correlator.assess(world, down, Set.of(), conditions, evidence), conditions, evidence)
                .explanations();
    }
}
