package io.blastradius.ingest.simulate;

import io.blastradius.ingest.catalog.World;
import io.blastradius.ingest.catalog.WorldLoader;

/** A small world for simulator tests: MetaMask on Infura on DynamoDB, a shop on EC2, a site on Cloudflare. */
final class TinyWorld {
    static final World WORLD = WorldLoader.parse("""
            id: tiny
            providers:
              - id: aws
                name: Amazon Web Services
                aliases: [AWS]
                status: {source: aws-health, url: https://health.aws.amazon.com/health/status}
                regions: [{id: us-east-1, name: N. Virginia, location: us-east}]
                services:
                  - id: ec2
                    prefixes: {us-east-1: [3.80.0.0/12]}
                    dependsOn: ["aws/{region}/dynamodb database degrading"]
                  - {id: dynamodb}
                  - {id: elb, addressesFrom: ec2}
              - id: cloudflare
                name: Cloudflare
                status: {source: "statuspage:yh6f0r4529hb"}
                services:
                  - {id: cdn, regions: [global], prefixes: {global: [104.16.0.0/13]}}
            services:
              - {id: infura, name: Infura, users: 1000000, endpoints: [https://mainnet.infura.io], statusPage: https://status.infura.io,
                 dependsOn: [aws/us-east-1/dynamodb database, aws/us-east-1/elb load-balancer]}
              - {id: metamask, name: MetaMask, users: 30000000, aliases: [metamsk], endpoints: [https://portfolio.metamask.io],
                 dependsOn: [infura rpc]}
              - {id: shop, name: Shop, users: 5000000, endpoints: [https://shop.example], statusPage: https://status.shop.example,
                 dependsOn: [aws/us-east-1/ec2 compute]}
              - {id: site, name: Site, users: 2000000, endpoints: [https://www.site.example], statusPage: https://status.site.example,
                 dependsOn: [cloudflare/global/cdn cdn]}
              - {id: own, name: Own, users: 100000000, endpoints: [https://own.example], prefixes: [157.240.0.0/16]}
            vantages:
              - {id: v1, region: us-east, asn: 701}
              - {id: v2, region: eu-west, asn: 5089}
              - {id: v3, region: ap-northeast, asn: 2516}
            """, "tiny-world");

    private TinyWorld() {
    }

    /** A scenario on the tiny world from its incidents (and optional noise), starting 2025-01-06 00:00 for {@code duration}. */
    static Scenario scenario(String duration, String body) {
        return scenario(5, duration, body);
    }

    static Scenario scenario(long seed, String duration, String body) {
        return ScenarioLoader.parse("""
                name: tiny
                seed: %d
                start: 2025-01-06T00:00:00Z
                duration: %s
                %s
                """.formatted(seed, duration, body), "tiny.yaml");
    }

    static Plan plan(String duration, String body) {
        return plan(5, duration, body);
    }

    static Plan plan(long seed, String duration, String body) {
        return Planner.plan(scenario(seed, duration, body), WORLD, "tiny.yaml");
    }
}
