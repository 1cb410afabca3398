package io.blastradius.ingest.probe.ranges;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RealSizeRangesTest {

    @Test
    void generatesFilesOfRealSizeThatParseWithoutLoss() throws Exception {
        Map<RangeFormat, byte[]> files = RealSizeRanges.files(1);
        ParsedRanges aws = RangeFileParser.parse(RangeFormat.AWS, files.get(RangeFormat.AWS), "generated");
        assertThat(aws.entries().size()).isBetween(RealSizeRanges.AWS_V4 + RealSizeRanges.AWS_V6 - 2,
                RealSizeRanges.AWS_V4 + RealSizeRanges.AWS_V6 + 1);
        assertThat(aws.skippedCount()).isZero();
        ParsedRanges azure = RangeFileParser.parse(RangeFormat.AZURE, files.get(RangeFormat.AZURE), "generated");
        assertThat(azure.entries().size()).isGreaterThanOrEqualTo(RealSizeRanges.AZURE);
        assertThat(azure.skippedCount()).isZero();
    }

    @Test
    void attributesTheFirstAndLastAddressOfEveryGeneratedPrefixToItsProvider() {
        List<RangeEntry> entries = RealSizeRanges.entries(1);
        RangeTable table = RangeTable.build(entries);
        assertThat(table.v4PrefixCount() + table.v6PrefixCount()).isEqualTo(entries.size()).isGreaterThan(70_000);
        for (RangeEntry e : entries) {
            Cidr c = e.cidr();
            Attribution first = c.v4() ? table.lookupV4((int) c.low()) : table.lookupV6(c.high(), c.low());
            Attribution last = c.v4() ? table.lookupV4((int) c.lastLow()) : table.lookupV6(c.lastHigh(), c.lastLow());
            assertThat(first.provider()).as("%s", e).isEqualTo(e.provider());
            assertThat(last.provider()).as("%s", e).isEqualTo(e.provider());
            assertThat(Cidr.parse(first.prefix()).length()).as("%s", e).isGreaterThanOrEqualTo(c.length());
        }
    }
}
