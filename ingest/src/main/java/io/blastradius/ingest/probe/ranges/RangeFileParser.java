package io.blastradius.ingest.probe.ranges;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the providers' published range files (formats in {@code feed-formats.md} B5 and B6) into
 * normalized {@link RangeEntry}s.
 *
 * <p>Tolerant where the publishers are loose: unknown fields are ignored, unknown service names
 * and regions pass through the generic naming rules, and a single unusable entry (a malformed
 * CIDR, a missing prefix) is skipped and reported rather than failing the file. Strict where a
 * file is not what it claims: a wrong root shape, an HTML error page, or a file with no usable
 * prefix at all is a {@link RangeFileException}, so a broken download never replaces a good table.
 */
public final class RangeFileParser {
    private static final int MAX_REPORTED_PROBLEMS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private RangeFileParser() {
    }

    /**
     * Parses {@code content} as {@code format}.
     *
     * @param origin where the bytes came from, used in messages only
     * @throws RangeFileException when the file is unusable as a whole
     */
    public static ParsedRanges parse(RangeFormat format, byte[] content, String origin) throws RangeFileException {
        Collector c = new Collector(format, origin);
        switch (format) {
            case AWS -> aws(readJson(c, content), c);
            case GCP_CLOUD -> google(readJson(c, content), c, true);
            case GCP_GOOG -> google(readJson(c, content), c, false);
            case AZURE -> azure(readJson(c, content), c);
            case CLOUDFLARE_TEXT -> cloudflareText(readText(c, content), c);
            case CLOUDFLARE_JSON -> cloudflareJson(readJson(c, content), c);
            case ORACLE -> oracle(readJson(c, content), c);
            case DIGITALOCEAN -> digitalocean(readText(c, content), c);
            default -> throw new IllegalStateException("no parser for " + format);
        }
        return c.result();
    }

    // ---- AWS ip-ranges.json ----------------------------------------------------------------------

    private static void aws(JsonNode root, Collector c) throws RangeFileException {
        JsonNode v4 = requireArray(root, "prefixes", c, "not an AWS ip-ranges.json");
        c.version = text(root, "syncToken");
        awsPrefixes(v4, "prefixes", "ip_prefix", c);
        JsonNode v6 = root.get("ipv6_prefixes");
        if (v6 != null && !v6.isNull()) {
            if (v6.isArray()) {
                awsPrefixes(v6, "ipv6_prefixes", "ipv6_prefix", c);
            } else {
                c.skip("'ipv6_prefixes' is not an array; IPv6 ranges left out");
            }
        }
    }

    private static void awsPrefixes(JsonNode array, String arrayName, String field, Collector c) {
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            String where = arrayName + "[" + i + "]";
            Cidr cidr = c.cidr(item, field, where);
            if (cidr == null) {
                continue;
            }
            String region = ScopeParts.region(text(item, "region"));
            String service = ProviderNaming.awsService(text(item, "service"));
            c.add(new RangeEntry(cidr, ProviderNaming.AWS, region, service,
                    ScopeParts.token(text(item, "network_border_group"))));
        }
    }

    // ---- Google cloud.json / goog.json -----------------------------------------------------------

    private static void google(JsonNode root, Collector c, boolean cloud) throws RangeFileException {
        JsonNode prefixes = requireArray(root, "prefixes", c, "not a Google ip ranges file");
        String sync = text(root, "syncToken");
        c.version = sync != null ? sync : text(root, "creationTime");
        for (int i = 0; i < prefixes.size(); i++) {
            JsonNode item = prefixes.get(i);
            String where = "prefixes[" + i + "]";
            String field = item != null && item.has("ipv6Prefix") ? "ipv6Prefix" : "ipv4Prefix";
            Cidr cidr = c.cidr(item, field, where);
            if (cidr == null) {
                continue;
            }
            String region = cloud ? ScopeParts.region(text(item, "scope")) : ScopeParts.GLOBAL;
            String service = cloud ? ProviderNaming.gcpService(text(item, "service")) : null;
            c.add(new RangeEntry(cidr, ProviderNaming.GCP, region, service, null));
        }
    }

    // ---- Azure Service Tags ----------------------------------------------------------------------

    private static void azure(JsonNode root, Collector c) throws RangeFileException {
        JsonNode values = requireArray(root, "values", c, "not an Azure Service Tags file");
        c.version = text(root, "changeNumber");
        for (int i = 0; i < values.size(); i++) {
            JsonNode tag = values.get(i);
            String name = text(tag, "name");
            String where = "values[" + i + "]" + (name == null ? "" : " (" + name + ")");
            JsonNode props = tag == null ? null : tag.get("properties");
            if (props == null || !props.isObject()) {
                c.skip(where + ": no 'properties' object");
                continue;
            }
            JsonNode prefixes = props.get("addressPrefixes");
            if (prefixes == null || !prefixes.isArray()) {
                c.skip(where + ": no 'addressPrefixes' array");
                continue;
            }
            String region = ScopeParts.region(text(props, "region"));
            String service = ProviderNaming.azureService(name, text(props, "systemService"));
            for (int j = 0; j < prefixes.size(); j++) {
                Cidr cidr = c.cidr(prefixes.get(j), where + ".addressPrefixes[" + j + "]");
                if (cidr != null) {
                    c.add(new RangeEntry(cidr, ProviderNaming.AZURE, region, service, null));
                }
            }
        }
    }

    // ---- Cloudflare ------------------------------------------------------------------------------

    /** Cloudflare publishes its anycast proxy (CDN) network: no region, service {@code cdn}. */
    private static final String CLOUDFLARE_SERVICE = "cdn";

    private static void cloudflareText(List<String> lines, Collector c) {
        for (int i = 0; i < lines.size(); i++) {
            String line = stripComment(lines.get(i));
            if (line.isEmpty()) {
                continue;
            }
            Cidr cidr = c.cidr(line, "line " + (i + 1));
            if (cidr != null) {
                c.add(new RangeEntry(cidr, ProviderNaming.CLOUDFLARE, ScopeParts.GLOBAL, CLOUDFLARE_SERVICE, null));
            }
        }
    }

    private static void cloudflareJson(JsonNode root, Collector c) throws RangeFileException {
        if (!root.isObject()) {
            throw c.error("root is not a JSON object");
        }
        JsonNode success = root.get("success");
        if (success != null && success.isBoolean() && !success.asBoolean()) {
            throw c.error("the API answered success=false: " + root.path("errors"));
        }
        JsonNode result = root.get("result");
        if (result == null || !result.isObject()) {
            throw c.error("no 'result' object: not a Cloudflare /ips answer");
        }
        c.version = text(result, "etag");
        for (String field : List.of("ipv4_cidrs", "ipv6_cidrs")) {
            JsonNode array = result.get(field);
            if (array == null || !array.isArray()) {
                c.skip("result." + field + " is missing or not an array");
                continue;
            }
            for (int i = 0; i < array.size(); i++) {
                Cidr cidr = c.cidr(array.get(i), "result." + field + "[" + i + "]");
                if (cidr != null) {
                    c.add(new RangeEntry(cidr, ProviderNaming.CLOUDFLARE, ScopeParts.GLOBAL, CLOUDFLARE_SERVICE, null));
                }
            }
        }
    }

    // ---- Oracle ----------------------------------------------------------------------------------

    private static void oracle(JsonNode root, Collector c) throws RangeFileException {
        JsonNode regions = requireArray(root, "regions", c, "not an Oracle public_ip_ranges.json");
        c.version = text(root, "last_updated_timestamp");
        for (int i = 0; i < regions.size(); i++) {
            JsonNode r = regions.get(i);
            String regionName = text(r, "region");
            String where = "regions[" + i + "]" + (regionName == null ? "" : " (" + regionName + ")");
            JsonNode cidrs = r == null ? null : r.get("cidrs");
            if (cidrs == null || !cidrs.isArray()) {
                c.skip(where + ": no 'cidrs' array");
                continue;
            }
            String region = ScopeParts.region(regionName);
            for (int j = 0; j < cidrs.size(); j++) {
                JsonNode item = cidrs.get(j);
                Cidr cidr = c.cidr(item, "cidr", where + ".cidrs[" + j + "]");
                if (cidr == null) {
                    continue;
                }
                // one entry per tag; the table picks the most specific (OBJECT_STORAGE over OSN over OCI)
                JsonNode tags = item.get("tags");
                List<String> services = new ArrayList<>();
                if (tags != null && tags.isArray()) {
                    tags.forEach(t -> services.add(t.isTextual() ? ProviderNaming.oracleService(t.asText()) : null));
                }
                if (services.isEmpty()) {
                    services.add(null);
                }
                for (String service : services) {
                    c.add(new RangeEntry(cidr, ProviderNaming.ORACLE, region, service, null));
                }
            }
        }
    }

    // ---- DigitalOcean geofeed --------------------------------------------------------------------

    private static void digitalocean(List<String> lines, Collector c) {
        for (int i = 0; i < lines.size(); i++) {
            String line = stripComment(lines.get(i));
            if (line.isEmpty()) {
                continue;
            }
            String[] cols = line.split(",", -1);
            if (i == 0 && cols[0].trim().equalsIgnoreCase("prefix")) {
                continue; // a header row, though RFC 8805 has none
            }
            Cidr cidr = c.cidr(cols[0], "line " + (i + 1));
            if (cidr == null) {
                continue;
            }
            String country = cols.length > 1 ? cols[1] : null;
            String regionCode = cols.length > 2 ? cols[2] : null;
            String city = cols.length > 3 ? cols[3].trim() : null;
            String region = ProviderNaming.digitaloceanRegion(country, regionCode, city);
            c.add(new RangeEntry(cidr, ProviderNaming.DIGITALOCEAN, region, null,
                    city == null || city.isEmpty() ? null : ScopeParts.token(city)));
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static JsonNode readJson(Collector c, byte[] content) throws RangeFileException {
        if (content.length == 0) {
            throw c.error("the file is empty");
        }
        if (looksLikeMarkup(content)) {
            throw c.error("got HTML/XML instead of JSON (an error page?)");
        }
        try {
            JsonNode root = JSON.readTree(content);
            if (root == null || root.isMissingNode()) {
                throw c.error("the file is empty");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw c.error("not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw c.error("unreadable: " + e.getMessage(), e);
        }
    }

    private static List<String> readText(Collector c, byte[] content) throws RangeFileException {
        if (looksLikeMarkup(content)) {
            throw c.error("got HTML/XML instead of a prefix list (an error page?)");
        }
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.stripLeading().startsWith("{") || text.stripLeading().startsWith("[")) {
            throw c.error("got JSON instead of a plain prefix list");
        }
        return text.lines().toList();
    }

    private static boolean looksLikeMarkup(byte[] content) {
        for (byte b : content) {
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == (byte) 0xEF || b == (byte) 0xBB || b == (byte) 0xBF) {
                continue;
            }
            return b == '<';
        }
        return false;
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return (hash < 0 ? line : line.substring(0, hash)).trim();
    }

    private static JsonNode requireArray(JsonNode root, String field, Collector c, String notIt) throws RangeFileException {
        if (!root.isObject()) {
            throw c.error("root is not a JSON object: " + notIt);
        }
        JsonNode array = root.get(field);
        if (array == null || !array.isArray()) {
            throw c.error("no '" + field + "' array: " + notIt);
        }
        return array;
    }

    /** A scalar field as text, or null when absent, null or not a scalar. */
    private static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    /** Gathers entries and problems of one file. */
    private static final class Collector {
        final RangeFormat format;
        final String origin;
        final List<RangeEntry> entries = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        int skipped;
        String version;

        Collector(RangeFormat format, String origin) {
            this.format = format;
            this.origin = origin;
        }

        void add(RangeEntry e) {
            entries.add(e);
        }

        void skip(String problem) {
            skipped++;
            if (problems.size() < MAX_REPORTED_PROBLEMS) {
                problems.add(problem);
            }
        }

        Cidr cidr(JsonNode item, String field, String where) {
            if (item == null || !item.isObject()) {
                skip(where + ": not an object");
                return null;
            }
            return cidr(item.get(field), where + "." + field);
        }

        Cidr cidr(JsonNode value, String where) {
            if (value == null || !value.isTextual()) {
                skip(where + ": missing or not a string");
                return null;
            }
            return cidr(value.asText(), where);
        }

        Cidr cidr(String text, String where) {
            try {
                return Cidr.parse(text);
            } catch (IllegalArgumentException e) {
                skip(where + ": " + e.getMessage());
                return null;
            }
        }

        RangeFileException error(String message) {
            return new RangeFileException(origin, format, message);
        }

        RangeFileException error(String message, Throwable cause) {
            return new RangeFileException(origin, format, message, cause);
        }

        ParsedRanges result() throws RangeFileException {
            if (entries.isEmpty()) {
                throw error("no usable prefix" + (skipped == 0 ? "" : " (" + skipped + " unusable entries, first: "
                        + problems.get(0) + ")"));
            }
            return new ParsedRanges(format, origin, version, entries, skipped, problems);
        }
    }
}
