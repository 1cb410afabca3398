package io.blastradius.ingest.probe.ranges;

import java.util.List;

/**
 * The usable content of one range file.
 *
 * @param format the file's format
 * @param origin where it came from (URL or path), for messages
 * @param version the publisher's version marker ({@code syncToken}, {@code changeNumber}, etag,
 *     timestamp), or null when the format has none
 * @param entries the normalized prefixes
 * @param skippedCount how many entries were unusable and left out
 * @param skipped why, for the first few of them
 */
public record ParsedRanges(RangeFormat format, String origin, String version, List<RangeEntry> entries,
        int skippedCount, List<String> skipped) {

    public ParsedRanges {
        entries = List.copyOf(entries);
        skipped = List.copyOf(skipped);
    }
}
