package io.blastradius.ingest.catalog;

import static io.blastradius.ingest.catalog.ReferenceOutages.AWS_2021;
import static io.blastradius.ingest.catalog.ReferenceOutages.AWS_2025;
import static io.blastradius.ingest.catalog.ReferenceOutages.CLOUDFLARE_2025;
import static io.blastradius.ingest.catalog.ReferenceOutages.GCP_2025;
import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.schemas.Criticality;
import io.blastradius.schemas.scope.ScopeId;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shipped world: big enough, and shaped so that the four reference outages follow from its edges. */
class DefaultWorldTest {
    static final World WORLD = WorldLoader.builtIn("default");

    static Set<String> dependents(String scope) {
        return WORLD.graph().dependentsOf(ScopeId.parse(scope)).stream().map(Dependent::service).collect(Collectors.toSet());
    }

    static Set<String> criticalInside(String scope) {
        return WORLD.graph().dependentsOf(ScopeId.parse(scope)).stream()
                .filter(d -> d.best().relation() == ScopeRelation.INSIDE && d.best().path().criticality() == Criticality.CRITICAL)
                .map(Dependent::service).collect(Collectors.toSet());
    }

    @Test
    void hasAtLeastThreeHundredServicesAcrossTheMajorProviders() {
        assertThat(WORLD.services()).hasSizeGreaterThanOrEqualTo(300);
        assertThat(WORLD.providers()).extracting(Provider::id)
                .contains("aws", "gcp", "azure", "cloudflare", "fastly", "akamai");
        for (String provider : List.of("aws", "gcp", "azure", "cloudflare", "fastly", "akamai")) {
            assertThat(dependents(provider + "/global")).as(provider).hasSizeGreaterThan(5);
        }
        assertThat(WORLD.vantages()).hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void hasEveryServiceNamedInTheFourReferenceOutages() {
        for (List<String> named : List.of(AWS_2025, AWS_2021, GCP_2025, CLOUDFLARE_2025)) {
            assertThat(named).allSatisfy(id -> assertThat(WORLD.service(id)).as(id).isPresent());
        }
    }

    @Test
    void everyServiceNamedInAnOutageDependsOnItsScope() {
        assertThat(dependents("aws/us-east-1/dynamodb")).containsAll(AWS_2025);
        assertThat(criticalInside("aws/us-east-1")).containsAll(AWS_2021);
        assertThat(dependents("gcp/global/service-control")).containsAll(GCP_2025);
        assertThat(dependents("cloudflare/global/cdn")).containsAll(CLOUDFLARE_2025);
        assertThat(CLOUDFLARE_2025).filteredOn(criticalInside("cloudflare/global/cdn")::contains).hasSizeGreaterThan(15);
    }

    @Test
    void metamaskReachesDynamoDbThroughInfura() {
        assertThat(WORLD.graph().dependentsOf(ScopeId.parse("aws/us-east-1/dynamodb")))
                .filteredOn(d -> d.service().equals("metamask")).singleElement()
                .satisfies(d -> assertThat(d.best().path().nodes()).containsExactly("metamask", "infura", "aws/us-east-1/dynamodb"));
    }

    @Test
    void sitesOnCloudflareReachGoogleCloudThroughWorkersKv() {
        Set<String> viaWorkersKv = WORLD.graph().dependentsOf(ScopeId.parse("gcp/global/service-control")).stream()
                .filter(d -> d.matches().stream().anyMatch(m -> m.path().nodes().contains("cloudflare/global/workers-kv")))
                .map(Dependent::service).collect(Collectors.toSet());
        assertThat(viaWorkersKv).contains("openai", "chatgpt", "defillama");
        assertThat(viaWorkersKv).allSatisfy(s -> assertThat(WORLD.graph().scopesOf(s))
                .contains(ScopeId.parse("cloudflare/global/cdn")));
    }

    @Test
    void notEveryServiceInARegionDependsOnEachOfItsServices() {
        Set<String> region = criticalInside("aws/us-east-1");
        Set<String> dynamo = criticalInside("aws/us-east-1/dynamodb");
        assertThat(dynamo).isNotEmpty();
        assertThat(region).containsAll(dynamo);
        assertThat(dynamo.size()).isLessThan(region.size() / 2);
    }

    @Test
    void marksEachEdgeDocumentedWithAReferenceOrAsAnAssumption() {
        List<DependencyEdge> edges = WORLD.edges();
        assertThat(edges).filteredOn(DependencyEdge::documented)
                .hasSizeGreaterThan(100)
                .allSatisfy(e -> assertThat(e.reference()).as(e.key()).isNotBlank());
        assertThat(edges).filteredOn(e -> !e.documented()).hasSizeGreaterThan(100);
    }

    @Test
    void everyServiceCanBeProbedAndMentioned() {
        assertThat(WORLD.services()).allSatisfy(s -> {
            assertThat(s.endpoints()).as(s.id()).isNotEmpty();
            assertThat(s.aliases()).as(s.id()).isNotEmpty();
            assertThat(s.users()).as(s.id()).isPositive();
        });
    }
}
