package io.blastradius.ingest.probe.ranges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RangeTableTest {
    private static RangeTable table;

    @BeforeAll
    static void loadEveryPublishedFormat() throws Exception {
        table = RangeTable.build(RangeFixtures.all());
    }

    private static String scopeOf(String ip) {
        Attribution a = table.lookup(ip);
        return a == null ? null : a.scope().toString();
    }

    @Test
    void prefersTheNamedAwsServiceOverAmazonForTheSamePrefix() {
        assertThat(scopeOf("3.80.1.2")).isEqualTo("aws/us-east-1/ec2");
        assertThat(scopeOf("52.217.255.254")).isEqualTo("aws/us-east-1/s3");
        assertThat(scopeOf("13.32.0.1")).isEqualTo("aws/global/cloudfront");
        assertThat(scopeOf("2600:1f18::1")).isEqualTo("aws/us-east-1/ec2");
        assertThat(scopeOf("2600:9000:5:6::7")).isEqualTo("aws/global/cloudfront");
        assertThat(scopeOf("2a05:d018:1::1")).isEqualTo("aws/eu-west-1/ec2");
    }

    @Test
    void attributesAmazonOnlyPrefixesToTheRegionWithoutAService() {
        Attribution a = table.lookup("3.4.12.4");
        assertThat(a.scope()).hasToString("aws/eu-west-1");
        assertThat(a.service()).isNull();
        assertThat(a.prefix()).isEqualTo("3.4.12.4/32");
        assertThat(table.lookup("3.4.12.5")).isNull();
    }

    @Test
    void keepsTheCatalogRegionForLocalZonesAndTheBorderGroupAsLocation() {
        Attribution a = table.lookup("15.230.39.200");
        assertThat(a.scope()).hasToString("aws/us-west-2/ec2");
        assertThat(a.location()).isEqualTo("us-west-2-lax-1");
    }

    @Test
    void picksTheLongestPrefixAmongNestedAwsPrefixesIncludingServicesNeverSeenBefore() {
        assertThat(scopeOf("44.192.0.1")).isEqualTo("aws/us-east-1");                              // AMAZON /10 only
        assertThat(scopeOf("44.200.9.255")).isEqualTo("aws/us-east-1/ec2");                        // EC2 /16
        assertThat(scopeOf("44.200.10.1")).isEqualTo("aws/us-east-1/bedrock-agent-runtime");       // new service /24
        assertThat(table.lookup("44.200.10.1").prefix()).isEqualTo("44.200.10.0/24");
        assertThat(scopeOf("44.200.11.0")).isEqualTo("aws/us-east-1/ec2");                         // back in the /16
        assertThat(scopeOf("16.12.0.1")).isEqualTo("aws/mx-central-1/s3");                         // new region
        assertThat(scopeOf("99.77.63.255")).isEqualTo("aws/global/global-accelerator");
        assertThat(scopeOf("2600:1ff0:4000:1::53")).isEqualTo("aws/ap-southeast-7/route53-resolver");
        assertThat(scopeOf("2600:1ff0:4000:2::1")).isEqualTo("aws/ap-southeast-7/dynamodb");
        assertThat(scopeOf("2600:1ff0:8000::1")).isEqualTo("aws/ap-southeast-7");
    }

    @Test
    void doesNotLetALongerAmazonOnlyPrefixHideTheServiceAroundIt() {
        // AMAZON /23 inside S3 /14: still S3 address space, but the longest prefix is reported
        Attribution a = table.lookup("16.12.5.9");
        assertThat(a.scope()).hasToString("aws/mx-central-1/s3");
        assertThat(a.prefix()).isEqualTo("16.12.4.0/23");
        // AMAZON /26 inside a new-service /24 inside EC2 /16
        assertThat(scopeOf("44.200.10.70")).isEqualTo("aws/us-east-1/bedrock-agent-runtime");
    }

    @Test
    void attributesGoogleCloudRegionsInsideGoogleWideRanges() {
        assertThat(scopeOf("34.1.208.9")).isEqualTo("gcp/africa-south1");   // cloud.json /20 inside goog.json /15
        assertThat(scopeOf("34.0.0.1")).isEqualTo("gcp/global");           // goog.json only
        assertThat(scopeOf("35.187.127.255")).isEqualTo("gcp/europe-west1");
        assertThat(scopeOf("35.187.128.0")).isEqualTo("gcp/global");
        assertThat(scopeOf("8.8.8.8")).isEqualTo("gcp/global");
        assertThat(scopeOf("34.45.255.255")).isEqualTo("gcp/us-central1");
        assertThat(scopeOf("2600:1900:4000::1")).isEqualTo("gcp/us-central1");
        assertThat(scopeOf("2600:1900:4010::1")).isEqualTo("gcp/global");
        assertThat(scopeOf("2001:4860:4860::8888")).isEqualTo("gcp/global");
    }

    @Test
    void attributesAzureRegionalAndServiceTagsOverAzureCloud() {
        assertThat(scopeOf("4.130.0.1")).isEqualTo("azure/global");
        assertThat(scopeOf("20.42.127.1")).isEqualTo("azure/eastus");
        assertThat(scopeOf("20.60.3.255")).isEqualTo("azure/westeurope/storage");
        assertThat(scopeOf("13.107.246.10")).isEqualTo("azure/global/front-door");
        assertThat(scopeOf("2603:1030:211::1")).isEqualTo("azure/eastus");      // regional /47 inside AzureCloud /24
        assertThat(scopeOf("2603:1030:212::1")).isEqualTo("azure/global");
        assertThat(scopeOf("2620:1ec:bdf::1")).isEqualTo("azure/global/front-door");
    }

    @Test
    void combinesAGlobalServiceTagWithTheRegionalTagAroundIt() {
        // AzureQuantumComputing (no region) /24 inside AzureCloud.swedencentral /16 inside AzureCloud /15
        assertThat(scopeOf("51.105.64.10")).isEqualTo("azure/swedencentral/quantum-computing");
        assertThat(scopeOf("2603:1020:1000:5::1")).isEqualTo("azure/swedencentral/quantum-computing");
        assertThat(scopeOf("51.105.128.1")).isEqualTo("azure/swedencentral/sql");
        assertThat(scopeOf("51.104.9.9")).isEqualTo("azure/global");
    }

    @Test
    void attributesCloudflareOracleAndDigitalOcean() {
        assertThat(scopeOf("104.16.132.229")).isEqualTo("cloudflare/global/cdn");
        assertThat(scopeOf("2606:4700::6810:84e5")).isEqualTo("cloudflare/global/cdn");
        assertThat(scopeOf("2c0f:f248::1")).isEqualTo("cloudflare/global/cdn");
        assertThat(scopeOf("134.70.24.1")).isEqualTo("oracle/us-ashburn-1/object-storage");
        assertThat(scopeOf("147.154.63.255")).isEqualTo("oracle/us-ashburn-1/osn");
        assertThat(scopeOf("129.213.200.1")).isEqualTo("oracle/us-ashburn-1");
        assertThat(scopeOf("130.61.0.1")).isEqualTo("oracle/eu-frankfurt-1");
        assertThat(scopeOf("45.55.31.255")).isEqualTo("digitalocean/nyc3");
        assertThat(scopeOf("45.55.32.0")).isNull();
        assertThat(scopeOf("2a03:b0c0:3:d0::1")).isEqualTo("digitalocean/fra1");
        assertThat(scopeOf("165.22.200.1")).isEqualTo("digitalocean/sgp1");
        assertThat(scopeOf("147.182.130.1")).isEqualTo("digitalocean/atl1");
        assertThat(scopeOf("206.189.0.1")).isEqualTo("digitalocean/zz-99"); // city unknown: the ISO region code
        assertThat(scopeOf("2400:6180:100::1")).isEqualTo("digitalocean/sgp1");
    }

    @Test
    void answersNullOutsideEveryPublishedRange() {
        assertThat(table.lookup("192.0.2.1")).isNull();
        assertThat(table.lookup("0.0.0.0")).isNull();
        assertThat(table.lookup("255.255.255.255")).isNull();
        assertThat(table.lookup("2001:db8::1")).isNull();
        assertThat(table.lookup("::")).isNull();
        assertThat(table.lookup("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).isNull();
    }

    @Test
    void looksUpThroughEveryAddressForm() throws Exception {
        Attribution expected = table.lookup("3.80.1.2");
        assertThat(table.lookup(InetAddress.getByName("3.80.1.2"))).isSameAs(expected);
        assertThat(table.lookup(new byte[] {3, 80, 1, 2})).isSameAs(expected);
        assertThat(table.lookupV4(0x03500102)).isSameAs(expected);
        assertThat(table.lookup("::ffff:3.80.1.2")).isSameAs(expected);
        assertThat(table.lookup(InetAddress.getByName("2600:1f18::1"))).isSameAs(table.lookup("2600:1f18::1"));
        assertThatThrownBy(() -> table.lookup("api.example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> table.lookup(new byte[5])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void coversTheEdgesOfTheAddressSpace() {
        RangeTable edges = RangeTable.build(List.of(
                entry("0.0.0.0/0", "x", "global", null),
                entry("255.255.255.255/32", "x", "edge", "top"),
                entry("0.0.0.0/32", "x", "edge", "bottom"),
                entry("::/0", "y", "global", null),
                entry("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", "y", "edge", "top"),
                entry("::/128", "y", "edge", "bottom")));
        assertThat(edges.lookup("0.0.0.0").scope()).hasToString("x/edge/bottom");
        assertThat(edges.lookup("0.0.0.1").scope()).hasToString("x/global");
        assertThat(edges.lookup("255.255.255.254").scope()).hasToString("x/global");
        assertThat(edges.lookup("255.255.255.255").scope()).hasToString("x/edge/top");
        assertThat(edges.lookup("::").scope()).hasToString("y/edge/bottom");
        assertThat(edges.lookup("::1").scope()).hasToString("y/global");
        assertThat(edges.lookup("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe").scope()).hasToString("y/global");
        assertThat(edges.lookup("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff").scope()).hasToString("y/edge/top");
        assertThat(RangeTable.empty().lookup("1.1.1.1")).isNull();
        assertThat(RangeTable.empty().lookup("2606:4700::1")).isNull();
    }

    @Test
    void agreesWithABruteForceReadingOfTheRulesOnRandomNestedPrefixes() {
        Random random = new Random(42);
        for (boolean v4 : new boolean[] {true, false}) {
            List<RangeEntry> entries = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                entries.add(randomEntry(random, v4));
            }
            RangeTable t = RangeTable.build(entries);
            for (int i = 0; i < 20_000; i++) {
                RangeEntry around = entries.get(random.nextInt(entries.size()));
                long[] address = pick(random, around.cidr());
                Attribution got = v4 ? t.lookupV4((int) address[1]) : t.lookupV6(address[0], address[1]);
                Attribution want = bruteForce(entries, v4, address[0], address[1]);
                assertThat(got).as("%s near %s", address, around).isEqualTo(want);
            }
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static RangeEntry entry(String cidr, String provider, String region, String service) {
        return new RangeEntry(Cidr.parse(cidr), provider, region, service, null);
    }

    private static final String[] PROVIDERS = {"aws", "azure"};
    private static final String[] REGIONS = {"global", "r1", "r2"};
    private static final String[] SERVICES = {null, null, "ec2", "s3", "x"};

    /** Prefixes crowded into a small space so that they nest and repeat a lot. */
    private static RangeEntry randomEntry(Random random, boolean v4) {
        int length = v4 ? 8 + random.nextInt(25) : 16 + random.nextInt(113);
        long high;
        long low;
        if (v4) {
            high = 0;
            low = (10L << 24 | (random.nextInt(4) << 22) | (random.nextLong() & 0x3FFFFFL)) & Cidr.maskV4(length);
        } else {
            high = (0x2600_0000_0000_0000L | (random.nextLong() & 0x0003_0000_0000_0000L)
                    | (random.nextBoolean() ? random.nextLong() & 0xFFFF_FFFFL : 0)) & Cidr.maskHigh(length);
            low = (random.nextBoolean() ? random.nextLong() : 0) & Cidr.maskLow(length);
        }
        return new RangeEntry(new Cidr(v4, high, low, length), PROVIDERS[random.nextInt(2)],
                REGIONS[random.nextInt(3)], SERVICES[random.nextInt(SERVICES.length)],
                random.nextBoolean() ? null : "loc" + random.nextInt(3));
    }

    /** An address inside {@code c}, at its edges, or just outside them. */
    private static long[] pick(Random random, Cidr c) {
        switch (random.nextInt(5)) {
            case 0:
                return new long[] {c.high(), c.low()};
            case 1:
                return new long[] {c.lastHigh(), c.lastLow()};
            case 2: { // one past the end
                long lo = c.lastLow() + 1;
                long hi = (c.v4() ? 0 : (lo == 0 ? c.lastHigh() + 1 : c.lastHigh()));
                return new long[] {hi, c.v4() ? lo & 0xFFFF_FFFFL : lo};
            }
            case 3: { // one before the start
                long lo = c.low() - 1;
                long hi = c.v4() ? 0 : (c.low() == 0 ? c.high() - 1 : c.high());
                return new long[] {hi, c.v4() ? lo & 0xFFFF_FFFFL : lo};
            }
            default: {
                long hi = c.v4() ? 0 : c.high() | (random.nextLong() & ~Cidr.maskHigh(c.length()));
                long lo = c.v4() ? c.low() | (random.nextLong() & ~Cidr.maskV4(c.length()) & 0xFFFF_FFFFL)
                        : c.low() | (random.nextLong() & ~Cidr.maskLow(c.length()));
                return new long[] {hi, lo};
            }
        }
    }

    /** The documented rule read literally: every containing entry, ranked, no cleverness. */
    private static Attribution bruteForce(List<RangeEntry> entries, boolean v4, long high, long low) {
        Cidr address = new Cidr(v4, high, low, v4 ? 32 : 128);
        Comparator<RangeEntry> mostSpecificFirst = Comparator
                .<RangeEntry>comparingInt(e -> e.cidr().length())
                .thenComparingInt(e -> ProviderNaming.serviceRank(e.provider(), e.service()) * 2 + (e.regional() ? 1 : 0))
                .thenComparing(RangeEntry::provider)
                .thenComparing(RangeEntry::region)
                .thenComparing(e -> e.service() == null ? "" : e.service())
                .thenComparing(e -> e.location() == null ? "" : e.location())
                .reversed();
        List<RangeEntry> matches = entries.stream().filter(e -> e.cidr().contains(address)).sorted(mostSpecificFirst).toList();
        if (matches.isEmpty()) {
            return null;
        }
        RangeEntry top = matches.get(0);
        List<RangeEntry> same = matches.stream().filter(e -> e.provider().equals(top.provider())).toList();
        String service = same.stream().map(RangeEntry::service).filter(s -> s != null).findFirst().orElse(null);
        RangeEntry regionFrom = same.stream().filter(RangeEntry::regional).findFirst().orElse(null);
        return new Attribution(top.provider(), regionFrom == null ? "global" : regionFrom.region(), service,
                top.cidr().toString(), regionFrom == null ? top.location() : regionFrom.location());
    }
}
