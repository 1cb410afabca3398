package io.blastradius.streams.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.schemas.scope.ScopeId;
import org.junit.jupiter.api.Test;

class ScopesTest {
    private static ScopeId s(String scope) {
        return ScopeId.parse(scope);
    }

    @Test
    void aGlobalServiceAndARegionIntersectInThatServiceOfTheRegion() {
        assertThat(Scopes.intersect(s("aws/global/dynamodb"), s("aws/us-east-1"))).isTrue();
        assertThat(Scopes.intersect(s("aws/us-east-1"), s("aws/us-east-1/ec2"))).isTrue();
        assertThat(Scopes.intersect(s("aws/us-east-1/ec2"), s("aws/global/dynamodb"))).isFalse();
        assertThat(Scopes.intersect(s("aws/us-east-1"), s("aws/us-west-2"))).isFalse();
        assertThat(Scopes.intersect(s("aws/global"), s("gcp/global"))).isFalse();
    }

    @Test
    void anOutageTakesTheProvidersNamedScopeWhenItIsInsideOrTheSameServiceEverywhere() {
        assertThat(OutageTracker.adoptsNamedScope(s("cloudflare/global"), s("cloudflare/global/workers-kv"))).isTrue();
        assertThat(OutageTracker.adoptsNamedScope(s("aws/us-east-1/elb"), s("aws/global/elb"))).isTrue();
        // a post about the region does not turn a DynamoDB outage into a regional one
        assertThat(OutageTracker.adoptsNamedScope(s("aws/us-east-1/dynamodb"), s("aws/us-east-1"))).isFalse();
        assertThat(OutageTracker.adoptsNamedScope(s("aws/us-east-1/dynamodb"), s("aws/us-east-1/dynamodb"))).isFalse();
        assertThat(OutageTracker.adoptsNamedScope(s("aws/us-east-1/dynamodb"), s("aws/us-west-2/dynamodb"))).isFalse();
    }

    @Test
    void scopesLinkedByProviderInternalEdgesDependOnEachOtherOneWay() {
        DependencyGraph graph = DependencyGraph.builder()
                .edge("gcp/us-central1/gcs", "gcp/us-central1/service-control", "API", "CRITICAL")
                .edge("aws/us-east-1/ec2", "aws/us-east-1/dynamodb", "DATABASE", "DEGRADING")
                .build();
        assertThat(graph.scopeDependsOn(s("gcp/global/gcs"), s("gcp/global/service-control"))).isTrue();
        assertThat(graph.scopeDependsOn(s("gcp/global/service-control"), s("gcp/global/gcs"))).isFalse();
        assertThat(graph.scopeDependsOn(s("aws/us-east-1/ec2"), s("aws/global/dynamodb"))).isTrue();
        assertThat(graph.scopeDependsOn(s("aws/us-west-2/ec2"), s("aws/us-east-1/dynamodb"))).isFalse();
    }
}
