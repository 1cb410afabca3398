package io.blastradius.ingest.probe.infer;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.schemas.DependencyKind;
import org.junit.jupiter.api.Test;

class CnamePatternsTest {

    private static String scopeOf(String name) {
        return CnamePatterns.match(name).map(m -> m.scope().toString()).orElse(null);
    }

    @Test
    void recognisesTheCdnsAndLoadBalancersOfEveryProvider() {
        assertThat(scopeOf("d111abcdef8.cloudfront.net.")).isEqualTo("aws/global/cloudfront");
        assertThat(scopeOf("shop-prod.azurefd.net")).isEqualTo("azure/global/front-door");
        assertThat(scopeOf("shop.azureedge.net")).isEqualTo("azure/global/cdn");
        assertThat(scopeOf("dualstack.j.sni.global.fastly.net")).isEqualTo("fastly/global/cdn");
        assertThat(scopeOf("prod.fastlylb.net")).isEqualTo("fastly/global/cdn");
        assertThat(scopeOf("e1234.a.akamaiedge.net")).isEqualTo("akamai/global/cdn");
        assertThat(scopeOf("www.shop.com.edgekey.net")).isEqualTo("akamai/global/cdn");
        assertThat(scopeOf("www.shop.com.cdn.cloudflare.net")).isEqualTo("cloudflare/global/cdn");
        assertThat(scopeOf("ghs.googlehosted.com")).isEqualTo("gcp/global");
        assertThat(scopeOf("api-x7y-uc.a.run.app")).isEqualTo("gcp/global/cloud-run");
    }

    @Test
    void takesTheRegionFromNamesThatCarryIt() {
        assertThat(scopeOf("my-alb-1234567890.us-east-1.elb.amazonaws.com")).isEqualTo("aws/us-east-1/elb");
        assertThat(scopeOf("dualstack.my-alb-1.eu-west-1.elb.amazonaws.com")).isEqualTo("aws/eu-west-1/elb");
        assertThat(scopeOf("my-nlb-0123456789abcdef.elb.us-east-1.amazonaws.com")).isEqualTo("aws/us-east-1/nlb");
        assertThat(scopeOf("abc123.execute-api.ap-northeast-1.amazonaws.com")).isEqualTo("aws/ap-northeast-1/api-gateway");
        assertThat(scopeOf("bucket.s3.us-west-2.amazonaws.com")).isEqualTo("aws/us-west-2/s3");
        assertThat(scopeOf("bucket.s3-website-us-east-1.amazonaws.com")).isEqualTo("aws/us-east-1/s3");
        assertThat(scopeOf("bucket.s3.amazonaws.com")).isEqualTo("aws/us-east-1/s3");
        assertThat(scopeOf("ec2-3-80-1-2.compute-1.amazonaws.com")).isEqualTo("aws/us-east-1/ec2");
        assertThat(scopeOf("ec2-1-2-3-4.eu-central-1.compute.amazonaws.com")).isEqualTo("aws/eu-central-1/ec2");
        assertThat(scopeOf("myvm.westeurope.cloudapp.azure.com")).isEqualTo("azure/westeurope/vm");
        assertThat(scopeOf("assets.nyc3.digitaloceanspaces.com")).isEqualTo("digitalocean/nyc3/spaces");
        assertThat(scopeOf("objectstorage.us-ashburn-1.oraclecloud.com")).isEqualTo("oracle/us-ashburn-1/object-storage");
    }

    @Test
    void saysWhatEachDependencyIsFor() {
        assertThat(CnamePatterns.match("x.cloudfront.net").orElseThrow().kind()).isEqualTo(DependencyKind.CDN);
        assertThat(CnamePatterns.match("a.us-east-1.elb.amazonaws.com").orElseThrow().kind())
                .isEqualTo(DependencyKind.LOAD_BALANCER);
        assertThat(CnamePatterns.match("x.trafficmanager.net").orElseThrow().kind()).isEqualTo(DependencyKind.DNS);
    }

    @Test
    void matchesNothingElse() {
        assertThat(scopeOf("www.example.com")).isNull();
        assertThat(scopeOf("cloudfront.net.evil.example")).isNull();
        assertThat(scopeOf("notfastly.net")).isNull();
        assertThat(scopeOf("elb.amazonaws.com")).isNull();
    }
}
