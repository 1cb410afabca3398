package io.blastradius.streams.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.schemas.scope.ScopeId;
import io.blastradius.streams.correlation.DependencyGraph.Dependent;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {
    private final DependencyGraph graph = TestWorld.graph();

    @Test
    void resolvesScopesThroughOtherServices() {
        Dependent metamask = graph.provider("aws").dependents(ScopeId.parse("aws/us-east-1")).get("metamask");
        assertThat(metamask.path()).containsExactly("metamask", "infura", "aws/us-east-1");
        assertThat(metamask.depth()).isEqualTo(2);
        assertThat(metamask.kind()).isEqualTo("RPC");
        assertThat(metamask.intermediaries()).containsExactly("infura");
        assertThat(graph.providersOf("metamask")).containsExactly("aws");
    }

    @Test
    void aServiceDependsOnEveryScopeContainingItsDependency() {
        var aws = graph.provider("aws");
        assertThat(aws.dependents(ScopeId.parse("aws/us-east-1/dynamodb"))).containsKey("ddb1");
        assertThat(aws.dependents(ScopeId.parse("aws/us-east-1"))).containsKey("ddb1");
        assertThat(aws.dependents(ScopeId.parse("aws/global/dynamodb"))).containsKey("ddb1");
        assertThat(aws.dependents(ScopeId.parse("aws/global"))).containsKey("ddb1");
        assertThat(aws.dependents(ScopeId.parse("aws/eu-west-1"))).doesNotContainKey("ddb1");
    }

    @Test
    void optionalEdgesPutNobodyAtRisk() {
        assertThat(graph.provider("aws").dependents(ScopeId.parse("aws/us-east-1/ec2"))).doesNotContainKey("ddb1");
    }

    @Test
    void edgesCanBeRemovedAndCyclesDoNotLoop() {
        DependencyGraph g = DependencyGraph.builder()
                .edge("a", "b", "RPC", "CRITICAL")
                .edge("b", "a", "RPC", "CRITICAL")
                .edge("b", "gcp/global/service-control", "API", "CRITICAL")
                .edge("a", "gcp/us-central1/compute", "COMPUTE", "CRITICAL")
                .removeEdge("a", "gcp/us-central1/compute")
                .build();
        assertThat(g.provider("gcp").dependents(ScopeId.parse("gcp/global")).get("a").path())
                .containsExactly("a", "b", "gcp/global");
        assertThat(g.provider("gcp").scopes()).doesNotContain(ScopeId.parse("gcp/us-central1"));
    }

    @Test
    void followsProviderInternalEdgesToTheProviderUnderneath() {
        DependencyGraph g = DependencyGraph.builder()
                .edge("site", "cloudflare/global/workers-kv", "STORAGE", "CRITICAL")
                .edge("cloudflare/global/workers-kv", "gcp/global/gcs", "STORAGE", "CRITICAL")
                .build();
        assertThat(g.providersOf("site")).containsExactly("cloudflare", "gcp");
        assertThat(g.provider("gcp").dependents(ScopeId.parse("gcp/global")).get("site").path())
                .containsExactly("site", "cloudflare/global/workers-kv", "gcp/global");
    }

    @Test
    void servicesWithoutCatalogFactsAreTheirOwnOrganisation() {
        assertThat(graph.organization("unknown-service")).isEqualTo("unknown-service");
        assertThat(graph.organization("metamask")).isEqualTo("Consensys");
    }

    @Test
    void anOutageMayTouchTheUsersOfScopesThatEncloseOrOverlapIt() {
        DependencyGraph g = TestWorld.regionOnCompute();
        // a global service runs in every region: a region's outage may touch its users
        assertThat(g.maybeAffected(ScopeId.parse("aws/ap-south-1")).keySet()).contains("cdn1", "cdn40")
                .doesNotContain("ap1");
        // EC2 in the region shares nothing with CloudFront
        assertThat(g.maybeAffected(ScopeId.parse("aws/ap-south-1/ec2"))).isEmpty();
        // a scope's own dependents are never among those it may touch
        assertThat(g.maybeAffected(ScopeId.parse("aws/global"))).isEmpty();
    }
}
