package io.blastradius.ingest.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blastradius.schemas.Criticality;
import io.blastradius.schemas.DependencyKind;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

class WorldLoaderTest {
    static final String PROVIDERS = """
            id: test
            providers:
              - id: aws
                status: {source: aws-health}
                regions:
                  - {id: us-east-1, location: us-east}
                  - {id: eu-west-1, location: eu-west}
                services:
                  - id: ec2
                    prefixes: {us-east-1: [3.80.0.0/12]}
                    dependsOn: ["aws/{region}/dynamodb database degrading"]
                  - {id: dynamodb}
                  - {id: iam, regions: [global]}
                  - id: sts
                    regions: [all, global]
                    dependsOn:
                      - {target: aws/us-east-1/sts, kind: auth, regions: [global]}
              - id: cloudflare
                status: {source: "statuspage:abc"}
                services:
                  - {id: cdn, regions: [global], prefixes: {global: [104.16.0.0/13]}}
            """;

    static World world(String services) {
        return WorldLoader.parse(PROVIDERS + services, "test.yaml");
    }

    static InvalidWorldException invalid(String services) {
        try {
            world(services);
        } catch (InvalidWorldException e) {
            return e;
        }
        throw new AssertionError("expected the world to be rejected");
    }

    @Test
    void readsCompactAndFullEdgesWithDefaults() {
        World w = world("""
                services:
                  - id: infura
                    name: Infura
                    users: 1000
                    dependsOn:
                      - aws/us-east-1/dynamodb database
                      - {target: cloudflare/global/cdn, kind: cdn, criticality: degrading, documented: true, reference: "https://example.org"}
                  - id: metamask
                    name: MetaMask
                    dependsOn: [infura rpc]
                """);

        Service infura = w.requireService("infura");
        assertThat(infura.dependencies()).extracting(DependencyEdge::to, DependencyEdge::kind, DependencyEdge::criticality,
                        DependencyEdge::documented)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("aws/us-east-1/dynamodb", DependencyKind.DATABASE, Criticality.CRITICAL, false),
                        org.assertj.core.groups.Tuple.tuple("cloudflare/global/cdn", DependencyKind.CDN, Criticality.DEGRADING, true));
        assertThat(infura.dependencies().get(0).confidence()).isLessThan(infura.dependencies().get(1).confidence());
        assertThat(w.requireService("metamask").dependencies().get(0).kind()).isEqualTo(DependencyKind.RPC);
    }

    @Test
    void expandsRegionPlaceholdersForEveryRegionAServiceRunsIn() {
        World w = world("services: []\n");

        assertThat(w.scopeEdges()).extracting(DependencyEdge::key).contains(
                "aws/us-east-1/ec2|aws/us-east-1/dynamodb",
                "aws/eu-west-1/ec2|aws/eu-west-1/dynamodb",
                "aws/global/sts|aws/us-east-1/sts");
        assertThat(w.scopeEdges()).extracting(DependencyEdge::key)
                .as("an edge limited to the global instance is not copied to regional ones")
                .doesNotContain("aws/us-east-1/sts|aws/us-east-1/sts", "aws/eu-west-1/sts|aws/us-east-1/sts");
    }

    @Test
    void rejectsAnEdgeToAnUnknownService() {
        InvalidWorldException e = invalid("""
                services:
                  - {id: metamask, name: MetaMask, dependsOn: [infurra rpc]}
                """);
        assertThat(e.problems()).containsExactly("service 'metamask' dependsOn[0]: unknown service 'infurra' (a scope needs provider/region[/service])");
    }

    @Test
    void rejectsEdgesToScopesTheProvidersDoNotHave() {
        InvalidWorldException e = invalid("""
                services:
                  - id: a
                    name: A
                    dependsOn:
                      - azure/eastus/vm
                      - aws/us-east-9/ec2
                      - aws/us-east-1/lambda
                      - aws/us-east-1/iam
                """);
        assertThat(e.problems()).containsExactly(
                "service 'a' dependsOn[0]: unknown provider 'azure' in scope 'azure/eastus/vm'",
                "service 'a' dependsOn[1]: unknown region 'us-east-9' of provider 'aws' in scope 'aws/us-east-9/ec2'",
                "service 'a' dependsOn[2]: unknown service 'lambda' of provider 'aws' in scope 'aws/us-east-1/lambda'",
                "service 'a' dependsOn[3]: provider service 'iam' does not run in region 'us-east-1' (scope 'aws/us-east-1/iam')");
    }

    @Test
    void rejectsBadScopeSyntax() {
        InvalidWorldException e = invalid("""
                services:
                  - {id: a, name: A, dependsOn: [{target: "aws/us east 1/ec2"}, "aws/us-east-1/ec2/extra", "AWS/us-east-1/ec2"]}
                """);
        assertThat(e.problems()).hasSize(3);
        assertThat(e.problems().get(0)).startsWith("service 'a' dependsOn[0]: bad scope 'aws/us east 1/ec2': invalid region");
        assertThat(e.problems().get(1)).contains("more than three parts");
        assertThat(e.problems().get(2)).isEqualTo("service 'a' dependsOn[2]: write scope 'AWS/us-east-1/ec2' as 'aws/us-east-1/ec2'");
    }

    @Test
    void rejectsDuplicateIds() {
        InvalidWorldException e = invalid("""
                services:
                  - {id: coinbase, name: Coinbase}
                  - {id: coinbase, name: Coinbase again}
                vantages:
                  - {id: v1, region: us-east, asn: 701}
                  - {id: v1, region: eu-west, asn: 3320}
                """);
        assertThat(e.problems()).containsExactly("duplicate service id 'coinbase'", "duplicate vantage id 'v1'");
    }

    @Test
    void rejectsDependencyCyclesNamingEveryNodeOnThem() {
        InvalidWorldException e = invalid("""
                services:
                  - {id: a, name: A, dependsOn: [b]}
                  - {id: b, name: B, dependsOn: [c]}
                  - {id: c, name: C, dependsOn: [a, aws/us-east-1/ec2]}
                """);
        assertThat(e.problems()).containsExactly("dependency cycle: a → b → c → a");
    }

    @Test
    void rejectsBadIdsKindsCriticalitiesPrefixesAndUndocumentedReferences() {
        InvalidWorldException e = invalid("""
                services:
                  - {id: Coinbase, name: Coinbase}
                  - id: kraken
                    name: Kraken
                    prefixes: [300.1.2.0/24]
                    dependsOn:
                      - {target: cloudflare/global/cdn, kind: cdnn}
                      - {target: aws/us-east-1/ec2, criticality: fatal}
                      - {target: aws/us-east-1/dynamodb, documented: true}
                """);
        assertThat(e.problems()).hasSize(5);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("service 'Coinbase': service id 'Coinbase' is missing or not of the form"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("is not an IPv4 or IPv6 prefix"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("service 'kraken' dependsOn[0]: unknown kind 'cdnn' (one of hosting, compute"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("service 'kraken' dependsOn[1]: unknown criticality 'fatal'"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("service 'kraken' dependsOn[2]: a documented edge needs a reference"));
    }

    @Test
    void namesTheLineAndKnownFieldsOfAnUnknownField() {
        assertThatThrownBy(() -> world("""
                services:
                  - id: a
                    name: A
                    dependOn: [b]
                """))
                .isInstanceOf(InvalidWorldException.class)
                .hasMessageContaining("line 26")
                .hasMessageContaining("services[0]")
                .hasMessageContaining("unknown field 'dependOn'")
                .hasMessageContaining("dependsOn");
    }

    @Test
    void rejectsMisplacedOrUnknownRegions() {
        String extraProvider = """
                  - id: extra
                    status: {source: x}
                    regions: [{id: r1}]
                    services:
                      - {id: s, regions: [r2]}
                      - {id: t, regions: [r1], dependsOn: [{target: "extra/{region}/t2", regions: [r3]}]}
                      - {id: t2, regions: [r1]}
                """;
        InvalidWorldException e = assertInvalid(PROVIDERS + extraProvider + """
                services:
                  - {id: a, name: A, dependsOn: [{target: aws/us-east-1/ec2, regions: [us-east-1]}]}
                """);
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "service 'a' dependsOn[0]: 'regions' only applies to provider services",
                "provider 'extra' service 's': unknown region 'r2' (regions of extra: [r1], or global, all)",
                "provider service extra/r1/t dependsOn[0]: regions [r3] are not regions where t runs");
    }

    static InvalidWorldException assertInvalid(String yaml) {
        try {
            WorldLoader.parse(yaml, "test.yaml");
        } catch (InvalidWorldException e) {
            return e;
        }
        throw new AssertionError("expected the world to be rejected");
    }

    @Test
    void refusesAnUnknownBuiltInWorld() {
        assertThatThrownBy(() -> WorldLoader.builtIn("nope"))
                .isInstanceOf(InvalidWorldException.class)
                .extracting(t -> ((InvalidWorldException) t).problems(), InstanceOfAssertFactories.list(String.class))
                .containsExactly("no built-in world named 'nope'");
    }
}
