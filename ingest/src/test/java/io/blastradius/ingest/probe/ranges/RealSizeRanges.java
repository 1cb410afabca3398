package io.blastradius.ingest.probe.ranges;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Seeded range files of real size in the real formats, for the benchmark (the live files are not
 * reachable from here). Sizes follow the published files of 2025: AWS about 10,000 prefixes with
 * each listed under {@code AMAZON} and again under its service, Azure Service Tags about 60,000
 * prefixes where service and regional tags overlap {@code AzureCloud}, plus Google, Oracle,
 * DigitalOcean and Cloudflare. Prefixes nest the way the real ones do: services carved out of
 * regional blocks, small health-check and resolver ranges inside EC2.
 */
final class RealSizeRanges {
    static final int AWS_V4 = 7_000;
    static final int AWS_V6 = 3_000;
    static final int AZURE = 60_000;
    static final int GCP_CLOUD = 950;
    static final int GCP_GOOG = 90;
    static final int ORACLE = 900;
    static final int DIGITALOCEAN = 2_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] AWS_REGIONS = {"us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1",
        "eu-west-2", "eu-west-3", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "ap-southeast-1",
        "ap-southeast-2", "ap-southeast-3", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1",
        "ap-south-2", "ap-east-1", "sa-east-1", "ca-central-1", "me-south-1", "me-central-1", "af-south-1",
        "il-central-1", "mx-central-1", "ap-southeast-7"};
    private static final String[] AWS_SERVICES = {"EC2", "EC2", "EC2", "S3", "DYNAMODB", "API_GATEWAY", "CODEBUILD",
        "ROUTE53_HEALTHCHECKS", "EC2_INSTANCE_CONNECT", "KINESIS_VIDEO_STREAMS", "EBS", "AMAZON_CONNECT"};
    private static final String[] AZURE_REGIONS = {"eastus", "eastus2", "westus", "westus2", "westus3", "centralus",
        "northcentralus", "southcentralus", "westeurope", "northeurope", "uksouth", "ukwest", "francecentral",
        "germanywestcentral", "swedencentral", "switzerlandnorth", "norwayeast", "japaneast", "japanwest",
        "koreacentral", "australiaeast", "southeastasia", "eastasia", "centralindia", "brazilsouth", "canadacentral",
        "uaenorth", "southafricanorth", "qatarcentral", "polandcentral"};
    private static final String[] AZURE_SERVICES = {"Storage", "Sql", "AzureCosmosDB", "AppService", "EventHub",
        "ServiceBus", "AzureKeyVault", "AzureMonitor", "AzureContainerRegistry", "ApiManagement", "DataFactory",
        "AzureMachineLearning", "BatchNodeManagement", "AzureBackup", "LogicApps", "AzureSignalR"};
    private static final String[] GCP_REGIONS = {"us-central1", "us-east1", "us-east4", "us-east5", "us-west1",
        "us-west2", "us-west4", "europe-west1", "europe-west2", "europe-west3", "europe-west4", "europe-north1",
        "asia-east1", "asia-northeast1", "asia-south1", "asia-southeast1", "australia-southeast1",
        "southamerica-east1", "northamerica-northeast1", "me-west1", "africa-south1"};
    private static final String[][] DO_CITIES = {{"US", "US-NY", "New York"}, {"US", "US-CA", "Santa Clara"},
        {"NL", "NL-NH", "Amsterdam"}, {"SG", "SG-01", "Singapore"}, {"GB", "GB-ENG", "London"},
        {"DE", "DE-HE", "Frankfurt"}, {"CA", "CA-ON", "Toronto"}, {"IN", "IN-KA", "Bangalore"},
        {"AU", "AU-NSW", "Sydney"}, {"US", "US-GA", "Atlanta"}};

    private final Random random;
    private final Set<String> used = new HashSet<>();

    private RealSizeRanges(long seed) {
        this.random = new Random(seed);
    }

    /** Every format's file content, generated from {@code seed}. */
    static Map<RangeFormat, byte[]> files(long seed) {
        RealSizeRanges g = new RealSizeRanges(seed);
        Map<RangeFormat, byte[]> files = new EnumMap<>(RangeFormat.class);
        files.put(RangeFormat.AWS, g.aws());
        files.put(RangeFormat.AZURE, g.azure());
        files.put(RangeFormat.GCP_CLOUD, g.gcpCloud());
        files.put(RangeFormat.GCP_GOOG, g.gcpGoog());
        files.put(RangeFormat.ORACLE, g.oracle());
        files.put(RangeFormat.DIGITALOCEAN, g.digitalocean());
        files.put(RangeFormat.CLOUDFLARE_JSON, RangeFixtures.bytes("cloudflare-ips-api.json"));
        files.put(RangeFormat.CLOUDFLARE_TEXT, RangeFixtures.bytes("cloudflare-ips-v4.txt"));
        return files;
    }

    /** All generated files parsed. */
    static List<RangeEntry> entries(long seed) {
        List<RangeEntry> all = new ArrayList<>();
        for (Map.Entry<RangeFormat, byte[]> f : files(seed).entrySet()) {
            try {
                all.addAll(RangeFileParser.parse(f.getKey(), f.getValue(), "generated").entries());
            } catch (RangeFileException e) {
                throw new IllegalStateException(e);
            }
        }
        return all;
    }

    // ---- AWS: regional blocks listed as AMAZON, services inside or equal to them ----------------

    private byte[] aws() {
        ObjectNode root = JSON.createObjectNode();
        root.put("syncToken", "1773302417");
        root.put("createDate", "2026-03-12-08-00-17");
        ArrayNode v4 = root.putArray("prefixes");
        int[] firstOctets = {3, 13, 15, 16, 18, 43, 44, 50, 52, 54, 63, 99, 100, 107, 176, 184};
        while (v4.size() < AWS_V4) {
            String region = random.nextInt(8) == 0 ? "GLOBAL" : pick(AWS_REGIONS);
            int blockLen = 12 + random.nextInt(5);
            long block = v4Block(firstOctets[random.nextInt(firstOctets.length)], blockLen);
            if (block < 0) {
                continue;
            }
            awsV4(v4, block, blockLen, region, "AMAZON");
            int children = 1 + random.nextInt(6);
            for (int c = 0; c < children && v4.size() < AWS_V4; c++) {
                String service = "GLOBAL".equals(region) ? pick(new String[] {"CLOUDFRONT", "ROUTE53", "GLOBALACCELERATOR"})
                        : pick(AWS_SERVICES);
                int len = c == 0 && random.nextBoolean() ? blockLen : blockLen + 1 + random.nextInt(32 - blockLen);
                long child = block | (random.nextLong() & ~Cidr.maskV4(blockLen) & Cidr.maskV4(len) & 0xFFFF_FFFFL);
                awsV4(v4, child, len, region, service);
                if (random.nextInt(3) == 0 && len < 28) { // a health-check or instance-connect range inside
                    int inner = len + 2 + random.nextInt(29 - len);
                    long in = child | (random.nextLong() & ~Cidr.maskV4(len) & Cidr.maskV4(inner) & 0xFFFF_FFFFL);
                    awsV4(v4, in, inner, region, random.nextBoolean() ? "ROUTE53_HEALTHCHECKS" : "EC2_INSTANCE_CONNECT");
                }
            }
        }
        ArrayNode v6 = root.putArray("ipv6_prefixes");
        while (v6.size() < AWS_V6) {
            String region = pick(AWS_REGIONS);
            int len = 36 + random.nextInt(21);
            long high = (0x2600_1f00_0000_0000L | (random.nextLong() & 0x0000_00ff_ffff_ffffL)) & Cidr.maskHigh(len);
            String cidr = new Cidr(false, high, 0, len).toString();
            if (!used.add(cidr)) {
                continue;
            }
            for (String service : new String[] {"AMAZON", pick(AWS_SERVICES)}) {
                ObjectNode p = v6.addObject();
                p.put("ipv6_prefix", cidr);
                p.put("region", region);
                p.put("service", service);
                p.put("network_border_group", region);
            }
        }
        return bytes(root);
    }

    private void awsV4(ArrayNode array, long address, int length, String region, String service) {
        String cidr = new Cidr(true, 0, address, length).toString();
        if (!used.add(cidr + service)) {
            return;
        }
        ObjectNode p = array.addObject();
        p.put("ip_prefix", cidr);
        p.put("region", region);
        p.put("service", service);
        p.put("network_border_group", region);
    }

    // ---- Azure: AzureCloud, AzureCloud.<region>, <Service> and <Service>.<Region> overlapping ---------

    private byte[] azure() {
        ObjectNode root = JSON.createObjectNode();
        root.put("changeNumber", 412);
        root.put("cloud", "Public");
        ArrayNode values = root.putArray("values");
        List<String> global = new ArrayList<>();
        Map<String, List<String>> regional = new java.util.HashMap<>();
        int[] firstOctets = {4, 20, 23, 40, 51, 57, 65, 68, 70, 74, 98, 102, 137, 138, 157, 168, 191};
        int total = 0;
        for (String region : AZURE_REGIONS) {
            List<String> own = new ArrayList<>();
            for (int i = 0; i < 260; i++) {
                int len = 14 + random.nextInt(9);
                long block = v4Block(firstOctets[random.nextInt(firstOctets.length)], len);
                if (block >= 0) {
                    own.add(new Cidr(true, 0, block, len).toString());
                }
            }
            for (int i = 0; i < 40; i++) {
                int len = 40 + random.nextInt(17);
                long high = (0x2603_1000_0000_0000L | (random.nextLong() & 0x0000_0fff_ffff_ffffL)) & Cidr.maskHigh(len);
                own.add(new Cidr(false, high, 0, len).toString());
            }
            regional.put(region, own);
            global.addAll(own);
            total += 2 * own.size();
        }
        tag(values, "AzureCloud", "", "", global);
        for (Map.Entry<String, List<String>> r : regional.entrySet()) {
            tag(values, "AzureCloud." + r.getKey(), r.getKey(), "", r.getValue());
        }
        // service tags: sub-prefixes of the regional blocks, listed regionally and again in the global service tag
        Map<String, List<String>> serviceGlobal = new java.util.HashMap<>();
        while (total < AZURE) {
            String region = pick(AZURE_REGIONS);
            String service = pick(AZURE_SERVICES);
            List<String> blocks = regional.get(region);
            List<String> prefixes = new ArrayList<>();
            int count = 10 + random.nextInt(60);
            for (int i = 0; i < count; i++) {
                Cidr block = Cidr.parse(blocks.get(random.nextInt(blocks.size())));
                prefixes.add(subPrefix(block).toString());
            }
            tag(values, service + "." + Character.toUpperCase(region.charAt(0)) + region.substring(1), region,
                    "Azure" + service, prefixes);
            serviceGlobal.computeIfAbsent(service, k -> new ArrayList<>()).addAll(prefixes);
            total += 2 * prefixes.size();
        }
        for (Map.Entry<String, List<String>> s : serviceGlobal.entrySet()) {
            tag(values, s.getKey(), "", "Azure" + s.getKey(), s.getValue());
        }
        return bytes(root);
    }

    private void tag(ArrayNode values, String name, String region, String systemService, List<String> prefixes) {
        ObjectNode v = values.addObject();
        v.put("name", name);
        v.put("id", name);
        ObjectNode p = v.putObject("properties");
        p.put("changeNumber", 1 + random.nextInt(400));
        p.put("region", region);
        p.put("regionId", region.isEmpty() ? 0 : 1 + random.nextInt(90));
        p.put("platform", "Azure");
        p.put("systemService", systemService);
        ArrayNode a = p.putArray("addressPrefixes");
        prefixes.forEach(a::add);
        p.putArray("networkFeatures").add("API").add("NSG");
    }

    // ---- Google, Oracle, DigitalOcean -----------------------------------------------------------

    private byte[] gcpCloud() {
        ObjectNode root = JSON.createObjectNode();
        root.put("syncToken", "1773298800130");
        root.put("creationTime", "2026-03-12T07:00:00.130421");
        ArrayNode prefixes = root.putArray("prefixes");
        for (int i = 0; i < GCP_CLOUD; i++) {
            ObjectNode p = prefixes.addObject();
            if (i % 5 == 4) {
                int len = 44 + random.nextInt(5);
                long high = (0x2600_1900_0000_0000L | (random.nextLong() & 0x0000_0000_ffff_ffffL)) & Cidr.maskHigh(len);
                p.put("ipv6Prefix", new Cidr(false, high, 0, len).toString());
            } else {
                int len = 15 + random.nextInt(10);
                long block = v4Block(random.nextBoolean() ? 34 : 35, len);
                p.put("ipv4Prefix", new Cidr(true, 0, Math.max(block, 0), len).toString());
            }
            p.put("service", "Google Cloud");
            p.put("scope", pick(GCP_REGIONS));
        }
        return bytes(root);
    }

    private byte[] gcpGoog() {
        ObjectNode root = JSON.createObjectNode();
        root.put("syncToken", "1773298800128");
        root.put("creationTime", "2026-03-12T07:00:00.128910");
        ArrayNode prefixes = root.putArray("prefixes");
        prefixes.addObject().put("ipv4Prefix", "34.0.0.0/9");
        prefixes.addObject().put("ipv4Prefix", "35.184.0.0/13");
        prefixes.addObject().put("ipv6Prefix", "2600:1900::/28");
        while (prefixes.size() < GCP_GOOG) {
            int len = 12 + random.nextInt(13);
            int[] octets = {8, 64, 66, 72, 108, 142, 173, 209, 216};
            long block = v4Block(octets[random.nextInt(octets.length)], len);
            if (block >= 0) {
                prefixes.addObject().put("ipv4Prefix", new Cidr(true, 0, block, len).toString());
            }
        }
        return bytes(root);
    }

    private byte[] oracle() {
        ObjectNode root = JSON.createObjectNode();
        root.put("last_updated_timestamp", "2026-03-11T19:55:47.204985");
        ArrayNode regions = root.putArray("regions");
        String[] names = {"us-ashburn-1", "us-phoenix-1", "us-sanjose-1", "eu-frankfurt-1", "eu-amsterdam-1",
            "uk-london-1", "ap-tokyo-1", "ap-mumbai-1", "ap-sydney-1", "sa-saopaulo-1", "ca-toronto-1", "me-jeddah-1"};
        int perRegion = ORACLE / names.length;
        for (String name : names) {
            ObjectNode r = regions.addObject();
            r.put("region", name);
            ArrayNode cidrs = r.putArray("cidrs");
            for (int i = 0; i < perRegion; i++) {
                int len = 16 + random.nextInt(13);
                long block = v4Block(new int[] {129, 130, 132, 134, 140, 144, 146, 147, 150, 152, 158}[random.nextInt(11)], len);
                ObjectNode c = cidrs.addObject();
                c.put("cidr", new Cidr(true, 0, Math.max(block, 0), len).toString());
                ArrayNode tags = c.putArray("tags");
                switch (random.nextInt(3)) {
                    case 0 -> tags.add("OCI");
                    case 1 -> tags.add("OSN");
                    default -> tags.add("OSN").add("OBJECT_STORAGE");
                }
            }
        }
        return bytes(root);
    }

    private byte[] digitalocean() {
        StringBuilder csv = new StringBuilder();
        int[] octets = {45, 46, 67, 128, 139, 143, 159, 161, 164, 165, 167, 174, 178, 192, 206};
        for (int i = 0; i < DIGITALOCEAN; i++) {
            String[] city = DO_CITIES[random.nextInt(DO_CITIES.length)];
            String prefix;
            if (i % 4 == 3) {
                int len = 40 + random.nextInt(9);
                long high = (0x2604_a880_0000_0000L | (random.nextLong() & 0x0000_0000_ffff_ffffL)) & Cidr.maskHigh(len);
                prefix = new Cidr(false, high, 0, len).toString();
            } else {
                int len = 18 + random.nextInt(7);
                prefix = new Cidr(true, 0, Math.max(v4Block(octets[random.nextInt(octets.length)], len), 0), len).toString();
            }
            csv.append(prefix).append(',').append(city[0]).append(',').append(city[1]).append(',').append(city[2])
                    .append(',').append(10000 + random.nextInt(89999)).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    // first octets above are disjoint between providers (and from Cloudflare's real list) so that
    // every generated prefix has one true owner, which the size test checks

    /** A random aligned block of {@code length} bits under {@code firstOctet}.0.0.0/8, or -1 when length < 8. */
    private long v4Block(int firstOctet, int length) {
        if (length < 8) {
            return -1;
        }
        long address = ((long) firstOctet << 24) | (random.nextLong() & 0x00FF_FFFFL);
        return address & Cidr.maskV4(length);
    }

    private Cidr subPrefix(Cidr block) {
        int max = block.v4() ? 32 : 128;
        int len = Math.min(max, block.length() + 1 + random.nextInt(block.v4() ? 8 : 16));
        if (block.v4()) {
            return new Cidr(true, 0, (block.low() | (random.nextLong() & ~Cidr.maskV4(block.length()) & 0xFFFF_FFFFL))
                    & Cidr.maskV4(len), len);
        }
        long high = (block.high() | (random.nextLong() & ~Cidr.maskHigh(block.length()))) & Cidr.maskHigh(len);
        return new Cidr(false, high, 0, len);
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static byte[] bytes(ObjectNode root) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
