package io.blastradius.ingest.probe.ranges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RangeFileParserTest {

    private static ParsedRanges parse(RangeFormat format, String content) throws RangeFileException {
        return RangeFileParser.parse(format, content.getBytes(StandardCharsets.UTF_8), "test");
    }

    @Test
    void readsAwsIpv4AndIpv6PrefixesWithRegionServiceAndBorderGroup() throws Exception {
        ParsedRanges aws = RangeFixtures.parse(RangeFormat.AWS, "aws-ip-ranges.json");
        assertThat(aws.version()).isEqualTo("1773302417");
        assertThat(aws.skippedCount()).isZero();
        assertThat(aws.entries()).hasSize(15);
        assertThat(aws.entries()).extracting(e -> e.cidr().toString(), RangeEntry::region, RangeEntry::service,
                RangeEntry::location)
                .contains(tuple("3.80.0.0/12", "us-east-1", null, "us-east-1"),
                        tuple("3.80.0.0/12", "us-east-1", "ec2", "us-east-1"),
                        tuple("13.32.0.0/15", "global", "cloudfront", "global"),
                        tuple("54.239.0.64/28", "global", "route53-healthchecks-publishing", "global"),
                        tuple("18.206.107.24/29", "us-east-1", "ec2-instance-connect", "us-east-1"),
                        tuple("15.230.39.0/24", "us-west-2", "ec2", "us-west-2-lax-1"),
                        tuple("2600:9000::/28", "global", "cloudfront", "global"),
                        tuple("2a05:d018::/36", "eu-west-1", "ec2", "eu-west-1"));
        assertThat(aws.entries()).allMatch(e -> e.provider().equals("aws"));
    }

    @Test
    void mapsAwsServiceNamesToShortCatalogNames() {
        assertThat(ProviderNaming.awsService("AMAZON")).isNull();
        assertThat(ProviderNaming.awsService("CLOUDFRONT")).isEqualTo("cloudfront");
        assertThat(ProviderNaming.awsService("EC2")).isEqualTo("ec2");
        assertThat(ProviderNaming.awsService("ROUTE53_HEALTHCHECKS")).isEqualTo("route53-healthchecks");
        assertThat(ProviderNaming.awsService("AMAZON_CONNECT")).isEqualTo("connect");
        assertThat(ProviderNaming.awsService("GLOBALACCELERATOR")).isEqualTo("global-accelerator");
        assertThat(ProviderNaming.awsService("BEDROCK_AGENT_RUNTIME")).isEqualTo("bedrock-agent-runtime");
    }

    @Test
    void mapsAzureTagsToServicesAndRegions() throws Exception {
        ParsedRanges azure = RangeFixtures.parse(RangeFormat.AZURE, "azure-service-tags.json");
        assertThat(azure.version()).isEqualTo("412");
        assertThat(azure.entries()).extracting(e -> e.cidr().toString(), RangeEntry::region, RangeEntry::service)
                .contains(tuple("4.128.0.0/12", "global", null),
                        tuple("2603:1000::/24", "global", null),
                        tuple("20.42.0.0/17", "eastus", null),
                        tuple("20.60.0.0/22", "westeurope", "storage"),
                        tuple("2603:1020:206:1::/64", "westeurope", "storage"),
                        tuple("13.107.213.0/24", "global", "front-door"));
        assertThat(ProviderNaming.azureService("AzureCosmosDB.WestUS2", "AzureCosmosDB")).isEqualTo("cosmos-db");
        assertThat(ProviderNaming.azureService("AzureMachineLearning", "AzureMachineLearning")).isEqualTo("machine-learning");
        assertThat(ProviderNaming.azureService("DataFactory.EastUS", "DataFactory")).isEqualTo("data-factory");
    }

    @Test
    void readsGoogleCloudRangesWithRegionAndGoogleWideRangesWithout() throws Exception {
        ParsedRanges cloud = RangeFixtures.parse(RangeFormat.GCP_CLOUD, "gcp-cloud.json");
        assertThat(cloud.version()).isEqualTo("1773298800130");
        assertThat(cloud.entries()).extracting(e -> e.cidr().toString(), RangeEntry::region, RangeEntry::service)
                .contains(tuple("34.44.0.0/15", "us-central1", null), tuple("2600:1900:4020::/44", "europe-west1", null));
        ParsedRanges goog = RangeFixtures.parse(RangeFormat.GCP_GOOG, "gcp-goog.json");
        assertThat(goog.entries()).hasSize(7).allMatch(e -> e.provider().equals("gcp") && !e.regional()
                && e.service() == null);
    }

    @Test
    void readsCloudflareTextListsAndTheApiAnswerAsGlobalCdn() throws Exception {
        ParsedRanges text = RangeFixtures.parse(RangeFormat.CLOUDFLARE_TEXT, "cloudflare-ips-v4.txt");
        assertThat(text.entries()).hasSize(15).allMatch(e -> e.provider().equals("cloudflare") && !e.regional() && "cdn".equals(e.service()));
        ParsedRanges api = RangeFixtures.parse(RangeFormat.CLOUDFLARE_JSON, "cloudflare-ips-api.json");
        assertThat(api.version()).isEqualTo("38f79d050aa027e3be3865e495dcc9bc");
        assertThat(api.entries()).hasSize(7).anyMatch(e -> !e.cidr().v4());
    }

    @Test
    void readsOracleRangesOneEntryPerTag() throws Exception {
        ParsedRanges oracle = RangeFixtures.parse(RangeFormat.ORACLE, "oracle-public-ip-ranges.json");
        assertThat(oracle.entries()).extracting(e -> e.cidr().toString(), RangeEntry::region, RangeEntry::service)
                .containsExactlyInAnyOrder(tuple("129.213.0.0/16", "us-ashburn-1", null),
                        tuple("134.70.24.0/21", "us-ashburn-1", "osn"),
                        tuple("134.70.24.0/21", "us-ashburn-1", "object-storage"),
                        tuple("147.154.0.0/18", "us-ashburn-1", "osn"),
                        tuple("130.61.0.0/16", "eu-frankfurt-1", null),
                        tuple("134.70.40.0/21", "eu-frankfurt-1", "osn"),
                        tuple("134.70.40.0/21", "eu-frankfurt-1", "object-storage"));
    }

    @Test
    void readsTheDigitalOceanGeofeedIntoDatacenterRegions() throws Exception {
        ParsedRanges d = RangeFixtures.parse(RangeFormat.DIGITALOCEAN, "digitalocean-geo.csv");
        assertThat(d.entries()).extracting(e -> e.cidr().toString(), RangeEntry::region, RangeEntry::location)
                .containsExactly(tuple("5.101.96.0/21", "ams3", "amsterdam"),
                        tuple("45.55.0.0/19", "nyc3", "new-york"),
                        tuple("64.225.0.0/20", "sfo3", "santa-clara"),
                        tuple("134.122.0.0/20", "fra1", "frankfurt"),
                        tuple("139.59.0.0/20", "blr1", "bangalore"),
                        tuple("2604:a880:400::/48", "nyc3", "new-york"),
                        tuple("2a03:b0c0:3::/48", "fra1", "frankfurt"));
    }

    @Test
    void skipsUnusableEntriesAndSaysWhy() throws Exception {
        ParsedRanges aws = RangeFixtures.parse(RangeFormat.AWS, "aws-ip-ranges-unseen.json");
        assertThat(aws.skippedCount()).isEqualTo(2);
        assertThat(aws.skipped()).anySatisfy(p -> assertThat(p).contains("prefixes[8].ip_prefix", "not-a-prefix"))
                .anySatisfy(p -> assertThat(p).contains("prefixes[9].ip_prefix", "300.1.2.0/24"));
        assertThat(aws.entries()).hasSize(11);
        ParsedRanges azure = RangeFixtures.parse(RangeFormat.AZURE, "azure-service-tags-unseen.json");
        assertThat(azure.skipped()).singleElement().asString().contains("BrokenTag", "addressPrefixes");
        ParsedRanges d = RangeFixtures.parse(RangeFormat.DIGITALOCEAN, "digitalocean-geo-unseen.csv");
        assertThat(d.skipped()).singleElement().asString().contains("line 7");
    }

    @Test
    void rejectsFilesThatAreNotWhatTheyClaim() {
        assertThatThrownBy(() -> parse(RangeFormat.AWS, "<html><body>Access Denied</body></html>"))
                .isInstanceOf(RangeFileException.class).hasMessageContaining("HTML");
        assertThatThrownBy(() -> parse(RangeFormat.AWS, "{\"syncToken\": \"1\", \"prefixes\": [ {\"ip_prefix\": \"3.0"))
                .isInstanceOf(RangeFileException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> parse(RangeFormat.AWS, "{\"values\": []}"))
                .isInstanceOf(RangeFileException.class).hasMessageContaining("no 'prefixes' array");
        assertThatThrownBy(() -> parse(RangeFormat.AZURE, "[1, 2]"))
                .isInstanceOf(RangeFileException.class).hasMessageContaining("root is not a JSON object");
        assertThatThrownBy(() -> parse(RangeFormat.GCP_CLOUD, ""))
                .isInstanceOf(RangeFileException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> parse(RangeFormat.AWS, "{\"prefixes\": [], \"ipv6_prefixes\": []}"))
                .isInstanceOf(RangeFileException.class).hasMessageContaining("no usable prefix");
        assertThatThrownBy(() -> parse(RangeFormat.CLOUDFLARE_TEXT, "{\"result\": {}}"))
                .isInstanceOf(RangeFileException.class).hasMessageContaining("JSON instead");
        assertThatThrownBy(() -> parse(RangeFormat.CLOUDFLARE_JSON,
                "{\"success\": false, \"errors\": [{\"code\": 10000, \"message\": \"Authentication error\"}]}"))
                .isInstanceOf(RangeFileException.class).hasMessageContaining("success=false")
                .hasMessageContaining("Authentication error");
        assertThatThrownBy(() -> parse(RangeFormat.DIGITALOCEAN, "not,a,geofeed\nat,all,really\n"))
                .isInstanceOf(RangeFileException.class).hasMessageContaining("no usable prefix")
                .hasMessageContaining("line 1");
    }

    @Test
    void neverThrowsAnythingButARangeFileExceptionOnGarbage() {
        java.util.Random random = new java.util.Random(11);
        String[] seeds = {"{\"prefixes\": [", "{\"values\": [{\"properties\": ", "{\"regions\": [{\"cidrs\": [",
            "{\"result\": {\"ipv4_cidrs\": ", "1.2.3.0/24,", "\u0000\u00ff"};
        for (int i = 0; i < 2_000; i++) {
            StringBuilder sb = new StringBuilder(seeds[random.nextInt(seeds.length)]);
            String alphabet = "{}[]\",:0123456789./abcdef-\n ";
            for (int j = random.nextInt(40); j > 0; j--) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            for (RangeFormat format : RangeFormat.values()) {
                try {
                    ParsedRanges parsed = parse(format, sb.toString());
                    assertThat(parsed.entries()).isNotEmpty();
                } catch (RangeFileException expected) {
                    assertThat(expected.getMessage()).startsWith("test (" + format.id() + "): ");
                }
            }
        }
    }
}
