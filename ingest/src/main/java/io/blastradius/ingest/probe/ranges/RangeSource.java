package io.blastradius.ingest.probe.ranges;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One published range file to load: its format and where it is ({@code https://}, {@code http://}
 * or {@code file:} URI, or a plain path).
 */
public record RangeSource(RangeFormat format, URI location) {

    public RangeSource {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(location, "location");
        String scheme = location.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https") || scheme.equals("file"))) {
            throw new IllegalArgumentException("range file location '" + location + "' must be an http(s) or file URI");
        }
    }

    /**
     * Parses {@code <format>=<location>}, e.g. {@code aws=https://ip-ranges.amazonaws.com/ip-ranges.json}
     * or {@code azure=/data/ServiceTags_Public.json}.
     */
    public static RangeSource parse(String spec) {
        int eq = spec == null ? -1 : spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new IllegalArgumentException("range source '" + spec + "' is not <format>=<location>");
        }
        RangeFormat format = RangeFormat.fromId(spec.substring(0, eq));
        String where = spec.substring(eq + 1).trim();
        URI uri = where.contains("://") || where.startsWith("file:") ? URI.create(where) : Path.of(where).toUri();
        return new RangeSource(format, uri);
    }

    @Override
    public String toString() {
        return format.id() + "=" + location;
    }
}
