package io.blastradius.ingest.status;

import io.blastradius.schemas.StatusEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Test helpers: fixture text, and the context and event lists parsers are checked with. */
public final class Fixtures {
    public static final Instant INGEST = Instant.parse("2026-03-14T17:00:00Z");
    /** No look-back cut: parsers are checked on everything they read. */
    public static final ParseContext ALL = new ParseContext(INGEST, Instant.EPOCH);

    private Fixtures() {
    }

    public static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/status/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<StatusEvent> events(ParseResult result) {
        return result.events().stream().map(FeedEvent::event).toList();
    }
}
