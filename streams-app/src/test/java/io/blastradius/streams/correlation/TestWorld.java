package io.blastradius.streams.correlation;

import io.blastradius.streams.correlation.DependencyGraph.ServiceMeta;

/**
 * A small catalog for the correlation tests: DynamoDB and EC2 users in two AWS regions, MetaMask
 * through Infura, Cloudflare sites, sites on both DynamoDB and Cloudflare, and Google Cloud Storage
 * users beside Workers KV users (Workers KV keeps its data on Google Cloud Storage).
 */
final class TestWorld {
    private TestWorld() {
    }

    static DependencyGraph graph() {
        DependencyGraph.Builder b = DependencyGraph.builder();
        for (int i = 1; i <= 10; i++) {
            String s = "ddb" + i;
            b.service(new ServiceMeta(s, "DynamoDB user " + i, "org-" + s, 1_000_000L * i));
            b.edge(s, "aws/us-east-1/dynamodb", "DATABASE", "CRITICAL");
            b.edge(s, "aws/us-east-1/ec2", "COMPUTE", "OPTIONAL");
        }
        for (int i = 1; i <= 10; i++) {
            String s = "ec2u" + i;
            b.service(new ServiceMeta(s, "EC2 user " + i, "org-" + s, 100_000L));
            b.edge(s, "aws/us-east-1/ec2", "COMPUTE", "CRITICAL");
        }
        for (int i = 1; i <= 10; i++) {
            String s = "euw" + i;
            b.service(new ServiceMeta(s, "EU user " + i, "org-" + s, 50_000L));
            b.edge(s, "aws/eu-west-1/ec2", "COMPUTE", "CRITICAL");
        }
        for (int i = 1; i <= 8; i++) {
            String s = "cf" + i;
            b.service(new ServiceMeta(s, "Cloudflare site " + i, "org-" + s, 10_000L));
            b.edge(s, "cloudflare/global/cdn", "CDN", "CRITICAL");
        }
        for (int i = 1; i <= 6; i++) {
            // sites behind Cloudflare that keep their data in DynamoDB: they fail in either provider's outage
            String s = "both" + i;
            b.service(new ServiceMeta(s, "Multi-homed site " + i, "org-" + s, 20_000L));
            b.edge(s, "aws/us-east-1/dynamodb", "DATABASE", "CRITICAL");
            b.edge(s, "cloudflare/global/cdn", "CDN", "CRITICAL");
        }
        // Cloudflare Workers KV keeps its data on Google Cloud Storage
        b.edge("cloudflare/global/workers-kv", "gcp/global/gcs", "STORAGE", "CRITICAL");
        for (int i = 1; i <= 4; i++) {
            String s = "kv" + i;
            b.service(new ServiceMeta(s, "Workers KV user " + i, "org-" + s, 10_000L));
            b.edge(s, "cloudflare/global/workers-kv", "DATABASE", "CRITICAL");
        }
        for (int i = 1; i <= 8; i++) {
            String s = "gcs" + i;
            b.service(new ServiceMeta(s, "GCS user " + i, "org-" + s, 10_000L));
            b.edge(s, "gcp/global/gcs", "STORAGE", "CRITICAL");
        }
        b.service(new ServiceMeta("infura", "Infura", "Consensys", 400_000L));
        b.service(new ServiceMeta("metamask", "MetaMask", "Consensys", 30_000_000L));
        b.service(new ServiceMeta("rainbow", "Rainbow", "Rainbow", 1_000_000L));
        b.edge("infura", "aws/us-east-1/dynamodb", "DATABASE", "CRITICAL");
        b.edge("metamask", "infura", "RPC", "CRITICAL");
        b.edge("rainbow", "infura", "RPC", "CRITICAL");
        b.service(new ServiceMeta("megacorp-a", "Mega A", "Megacorp", 1L));
        b.service(new ServiceMeta("megacorp-b", "Mega B", "Megacorp", 1L));
        b.service(new ServiceMeta("megacorp-c", "Mega C", "Megacorp", 1L));
        b.edge("megacorp-a", "aws/us-east-1/ec2", "COMPUTE", "CRITICAL");
        b.edge("megacorp-b", "aws/us-east-1/ec2", "COMPUTE", "CRITICAL");
        b.edge("megacorp-c", "aws/us-east-1/ec2", "COMPUTE", "CRITICAL");
        return b.build();
    }

    /**
     * A region whose every dependent runs on its compute service (so the region and EC2 there have
     * the same dependents), beside users of a global service, which runs in that region as in every
     * other: ap1..ap6 on aws/ap-south-1/ec2, cdn1..cdn40 on aws/global/cloudfront.
     */
    static DependencyGraph regionOnCompute() {
        DependencyGraph.Builder b = DependencyGraph.builder();
        for (int i = 1; i <= 6; i++) {
            b.service(new ServiceMeta("ap" + i, "Mumbai app " + i, "org-ap" + i, 100_000L));
            b.edge("ap" + i, "aws/ap-south-1/ec2", "COMPUTE", "CRITICAL");
        }
        for (int i = 1; i <= 40; i++) {
            b.service(new ServiceMeta("cdn" + i, "CloudFront site " + i, "org-cdn" + i, 10_000L));
            b.edge("cdn" + i, "aws/global/cloudfront", "CDN", "CRITICAL");
        }
        return b.build();
    }
}
