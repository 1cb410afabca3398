package io.blastradius.ingest.probe.ranges;

import java.util.Locale;
import java.util.regex.Pattern;

/** Normalization of free text from range files into valid scope parts ({@code [a-z0-9][a-z0-9._-]*}). */
final class ScopeParts {
    static final String GLOBAL = "global";
    private static final Pattern INVALID_CHARS = Pattern.compile("[^a-z0-9._-]+");
    private static final Pattern CAMEL_BOUNDARY = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");

    private ScopeParts() {
    }

    /**
     * A region as the catalog writes it: lowercase, {@code global} for empty or regionless
     * markers ({@code GLOBAL}, {@code ""}). Characters a scope part cannot hold become '-'.
     */
    static String region(String raw) {
        String token = token(raw);
        return token == null ? GLOBAL : token;
    }

    /** Lowercase scope token, or null when nothing usable is left. Underscores and spaces become '-'. */
    static String token(String raw) {
        if (raw == null) {
            return null;
        }
        String t = raw.trim().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        t = INVALID_CHARS.matcher(t).replaceAll("-");
        t = t.replaceAll("^[-._]+", "").replaceAll("[-._]+$", "");
        return t.isEmpty() ? null : t;
    }

    /** {@code CosmosDB} → {@code cosmos-db}, {@code MachineLearning} → {@code machine-learning}. */
    static String kebab(String camel) {
        if (camel == null) {
            return null;
        }
        return token(CAMEL_BOUNDARY.matcher(camel.trim()).replaceAll("-"));
    }
}
