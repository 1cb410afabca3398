package io.blastradius.ingest.status;

import java.time.Instant;
import java.util.Objects;

/** A feed timestamp: the instant it denotes (UTC) and the text the feed actually published. */
public record FeedTime(Instant instant, String raw) implements Comparable<FeedTime> {
    public FeedTime {
        Objects.requireNonNull(instant, "instant");
        Objects.requireNonNull(raw, "raw");
    }

    @Override
    public int compareTo(FeedTime o) {
        return instant.compareTo(o.instant);
    }
}
