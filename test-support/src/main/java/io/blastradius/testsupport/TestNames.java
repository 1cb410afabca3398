package io.blastradius.testsupport;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Unique, readable names for one test: topic names, application ids, group ids and subjects built
 * from the test class, the test method and a counter, so tests sharing a broker never see each
 * other's data and a leftover topic says which test made it.
 */
public final class TestNames {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    /** Topic names may be 249 characters; leave room for prefixes and suffixes added by callers. */
    private static final int MAX_ID_LENGTH = 120;

    private TestNames() {
    }

    /** {@code <Class>-<method>-<n>} for the test running in {@code context}, legal in topic names. */
    public static String idOf(ExtensionContext context) {
        String method = context.getTestMethod().map(m -> m.getName()).orElse("class");
        String raw = context.getRequiredTestClass().getSimpleName() + "-" + method;
        String id = sanitize(raw);
        if (id.length() > MAX_ID_LENGTH) {
            id = id.substring(0, MAX_ID_LENGTH);
        }
        return id + "-" + SEQUENCE.incrementAndGet();
    }

    /** Replaces every character Kafka does not allow in a topic name by {@code _}. */
    public static String sanitize(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_").toLowerCase(Locale.ROOT);
    }
}
