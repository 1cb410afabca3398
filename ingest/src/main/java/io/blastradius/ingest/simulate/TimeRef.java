package io.blastradius.ingest.simulate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.time.Instant;

/**
 * A point in time in a scenario: an absolute instant ({@code 2025-10-20T06:48:00Z}) or an offset
 * from the scenario's start ({@code +1h30m}), so that generic scenarios need no dates.
 */
public record TimeRef(Instant absolute, Duration offset) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static TimeRef parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.startsWith("+")) {
            return new TimeRef(null, Times.duration(t.substring(1)));
        }
        return new TimeRef(Times.instant(t), null);
    }

    public static TimeRef at(Instant instant) {
        return new TimeRef(instant, null);
    }

    public boolean isAbsolute() {
        return absolute != null;
    }

    /** The instant this stands for in a scenario starting at {@code start}. */
    public Instant resolve(Instant start) {
        return absolute != null ? absolute : start.plus(offset);
    }

    @JsonValue
    @Override
    public String toString() {
        return absolute != null ? absolute.toString() : "+" + Times.format(offset);
    }
}
