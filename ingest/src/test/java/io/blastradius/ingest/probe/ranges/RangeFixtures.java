package io.blastradius.ingest.probe.ranges;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The real-format range files under {@code src/test/resources/ranges}. */
final class RangeFixtures {
    private RangeFixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = RangeFixtures.class.getResourceAsStream("/ranges/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ParsedRanges parse(RangeFormat format, String name) throws RangeFileException {
        return RangeFileParser.parse(format, bytes(name), name);
    }

    /** Every sample file, the published ones and the ones with never-seen names and nesting. */
    static List<RangeEntry> all() throws RangeFileException {
        List<RangeEntry> all = new ArrayList<>();
        all.addAll(parse(RangeFormat.AWS, "aws-ip-ranges.json").entries());
        all.addAll(parse(RangeFormat.AWS, "aws-ip-ranges-unseen.json").entries());
        all.addAll(parse(RangeFormat.GCP_CLOUD, "gcp-cloud.json").entries());
        all.addAll(parse(RangeFormat.GCP_GOOG, "gcp-goog.json").entries());
        all.addAll(parse(RangeFormat.AZURE, "azure-service-tags.json").entries());
        all.addAll(parse(RangeFormat.AZURE, "azure-service-tags-unseen.json").entries());
        all.addAll(parse(RangeFormat.CLOUDFLARE_TEXT, "cloudflare-ips-v4.txt").entries());
        all.addAll(parse(RangeFormat.CLOUDFLARE_TEXT, "cloudflare-ips-v6.txt").entries());
        all.addAll(parse(RangeFormat.CLOUDFLARE_JSON, "cloudflare-ips-api.json").entries());
        all.addAll(parse(RangeFormat.ORACLE, "oracle-public-ip-ranges.json").entries());
        all.addAll(parse(RangeFormat.DIGITALOCEAN, "digitalocean-geo.csv").entries());
        all.addAll(parse(RangeFormat.DIGITALOCEAN, "digitalocean-geo-unseen.csv").entries());
        return all;
    }
}
