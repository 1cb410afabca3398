package io.blastradius.ingest.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.schemas.Criticality;
import io.blastradius.schemas.DependencyKind;
import io.blastradius.schemas.scope.ScopeId;
import java.util.List;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {
    static DependencyEdge edge(String from, String to) {
        return edge(from, to, Criticality.CRITICAL);
    }

    static DependencyEdge edge(String from, String to, Criticality criticality) {
        return new DependencyEdge(from, to, DependencyKind.OTHER, criticality, false, null, 0.8);
    }

    final DependencyGraph graph = DependencyGraph.of(List.of(
            edge("metamask", "infura"),
            edge("infura", "aws/us-east-1/dynamodb"),
            edge("infura", "aws/us-east-1/ec2"),
            edge("aws/us-east-1/ec2", "aws/us-east-1/dynamodb", Criticality.DEGRADING),
            edge("netflix", "aws/us-east-1"),
            edge("shop", "cloudflare/global/workers-kv"),
            edge("cloudflare/global/workers-kv", "gcp/global/gcs"),
            edge("gcp/global/gcs", "gcp/global/service-control"),
            edge("spotify", "gcp/us-central1"),
            edge("blog", "aws/eu-west-1/ec2", Criticality.OPTIONAL)), List.of("selfhosted"));

    @Test
    void resolvesTransitiveServiceEdgesToEveryScope() {
        assertThat(graph.paths("metamask")).extracting(DependencyPath::toString).containsExactly(
                "metamask → infura → aws/us-east-1/dynamodb",
                "metamask → infura → aws/us-east-1/ec2",
                "metamask → infura → aws/us-east-1/ec2 → aws/us-east-1/dynamodb");
        assertThat(graph.scopesOf("metamask")).extracting(ScopeId::toString)
                .containsExactly("aws/us-east-1/dynamodb", "aws/us-east-1/ec2");
        assertThat(graph.serviceDependenciesOf("metamask")).containsExactly("infura");
    }

    @Test
    void followsProviderInternalEdgesAcrossProviders() {
        assertThat(graph.paths("shop")).extracting(DependencyPath::toString).containsExactly(
                "shop → cloudflare/global/workers-kv",
                "shop → cloudflare/global/workers-kv → gcp/global/gcs",
                "shop → cloudflare/global/workers-kv → gcp/global/gcs → gcp/global/service-control");
    }

    @Test
    void aPathIsOnlyAsCriticalAsItsWeakestEdge() {
        DependencyPath viaEc2 = graph.paths("metamask").get(2);
        assertThat(viaEc2.criticality()).isEqualTo(Criticality.DEGRADING);
        assertThat(graph.paths("metamask").get(0).criticality()).isEqualTo(Criticality.CRITICAL);
        assertThat(viaEc2.nodes()).containsExactly("metamask", "infura", "aws/us-east-1/ec2", "aws/us-east-1/dynamodb");
        assertThat(viaEc2.last().from()).isEqualTo("aws/us-east-1/ec2");
    }

    @Test
    void dependentsOfARegionIncludeServicesOnScopesInsideIt() {
        List<Dependent> dependents = graph.dependentsOf(ScopeId.parse("aws/us-east-1"));

        assertThat(dependents).extracting(Dependent::service).containsExactly("infura", "metamask", "netflix");
        assertThat(dependents).allSatisfy(d -> assertThat(d.best().relation()).isEqualTo(ScopeRelation.INSIDE));
    }

    @Test
    void dependentsOfAProviderServiceIncludeServicesHostedInTheEnclosingRegionAsEnclosing() {
        List<Dependent> dependents = graph.dependentsOf(ScopeId.parse("aws/us-east-1/dynamodb"));

        assertThat(dependents).extracting(Dependent::service).containsExactly("infura", "metamask", "netflix");
        Dependent netflix = dependents.get(2);
        assertThat(netflix.best().relation()).isEqualTo(ScopeRelation.ENCLOSING);
        Dependent metamask = dependents.get(1);
        assertThat(metamask.best().path().toString()).isEqualTo("metamask → infura → aws/us-east-1/dynamodb");
        assertThat(metamask.matches()).as("EC2 itself shares nothing with DynamoDB; only the path through it counts")
                .extracting(m -> m.path().toString()).containsExactly(
                "metamask → infura → aws/us-east-1/dynamodb",
                "metamask → infura → aws/us-east-1/ec2 → aws/us-east-1/dynamodb");
    }

    @Test
    void dependentsOfAGlobalServiceIncludeSecondOrderDependentsAndOverlappingRegions() {
        List<Dependent> dependents = graph.dependentsOf(ScopeId.parse("gcp/global/service-control"));

        assertThat(dependents).extracting(Dependent::service).containsExactly("shop", "spotify");
        assertThat(dependents.get(0).best().relation()).isEqualTo(ScopeRelation.INSIDE);
        assertThat(dependents.get(0).best().path().nodes()).containsExactly("shop", "cloudflare/global/workers-kv",
                "gcp/global/gcs", "gcp/global/service-control");
        assertThat(dependents.get(1).best().relation()).isEqualTo(ScopeRelation.OVERLAPPING);
    }

    @Test
    void dependentsOfTheWholeProviderIncludeEveryRegion() {
        assertThat(graph.dependentsOf(ScopeId.parse("aws"))).extracting(Dependent::service)
                .containsExactly("blog", "infura", "metamask", "netflix");
        assertThat(graph.dependentsOf(ScopeId.parse("azure/global"))).isEmpty();
    }

    @Test
    void findsTransitiveDependentsOfAService() {
        assertThat(graph.dependentServicesOf("infura")).containsExactly("metamask");
        assertThat(graph.dependentServicesOf("metamask")).isEmpty();
    }

    @Test
    void knowsServicesWithoutEdges() {
        assertThat(graph.services()).contains("selfhosted", "metamask", "infura");
        assertThat(graph.services()).noneMatch(ScopeId::looksLikeScope);
        assertThat(graph.paths("selfhosted")).isEmpty();
    }

    @Test
    void aLaterEdgeWithTheSameKeyReplacesTheEarlierOne() {
        DependencyGraph g = DependencyGraph.of(List.of(
                edge("a", "aws/us-east-1/ec2", Criticality.CRITICAL),
                edge("a", "aws/us-east-1/ec2", Criticality.OPTIONAL)));
        assertThat(g.dependenciesOf("a")).singleElement().extracting(DependencyEdge::criticality).isEqualTo(Criticality.OPTIONAL);
    }

    @Test
    void reportsCyclesAndStillTerminatesOnThem() {
        DependencyGraph g = DependencyGraph.of(List.of(
                edge("a", "b"), edge("b", "c"), edge("c", "a"), edge("c", "aws/us-east-1")));

        assertThat(g.cycles()).containsExactly(List.of("a", "b", "c", "a"));
        assertThat(g.paths("a")).extracting(DependencyPath::toString).containsExactly("a → b → c → aws/us-east-1");
        assertThat(graph.cycles()).isEmpty();
    }
}
