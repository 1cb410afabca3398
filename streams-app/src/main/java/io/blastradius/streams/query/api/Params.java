package io.blastradius.streams.query.api;

import io.blastradius.schemas.scope.ScopeId;
import io.blastradius.streams.query.http.ApiException;
import io.blastradius.streams.query.http.Request;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and checks request parameters; every refusal is a 400 that names the parameter. */
final class Params {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,199}");
    /** Parameters the router adds to internal scans. */
    static final Set<String> INTERNAL = Set.of("partitions", "replica");

    private Params() {
    }

    /** Rejects parameters the endpoint does not know, so a typo is an error rather than ignored. */
    static void only(Request request, Set<String> allowed, boolean internal) {
        for (String name : request.query().keySet()) {
            if (!allowed.contains(name) && !(internal && INTERNAL.contains(name))) {
                throw ApiException.badParameter(name, "unknown parameter '" + name + "'; this endpoint takes " + allowed);
            }
        }
    }

    static int limit(Request request) {
        String v = request.param("limit");
        if (v == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 1 || n > MAX_LIMIT) {
                throw ApiException.badParameter("limit", "limit must be between 1 and " + MAX_LIMIT + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badParameter("limit", "limit must be a whole number, got '" + v + "'");
        }
    }

    static Instant instant(Request request, String name) {
        String v = request.param(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter(name, name + " must be an ISO-8601 instant like 2025-10-20T07:00:00Z, got '" + v + "'");
        }
    }

    static Duration minutes(Request request, String name, int defaultMinutes, int max) {
        String v = request.param(name);
        if (v == null) {
            return Duration.ofMinutes(defaultMinutes);
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0 || n > max) {
                throw ApiException.badParameter(name, name + " must be between 0 and " + max + " minutes, got " + n);
            }
            return Duration.ofMinutes(n);
        } catch (NumberFormatException e) {
            throw ApiException.badParameter(name, name + " must be a whole number of minutes, got '" + v + "'");
        }
    }

    static void ordered(Instant from, Instant to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw ApiException.badParameter("from", "from (" + from + ") is after to (" + to + ")");
        }
    }

    /** A catalog-style identifier: a service id, a provider, a region. */
    static String id(Request request, String name, String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (!ID.matcher(v).matches()) {
            throw ApiException.badParameter(name, name + " must be a lowercase id ([a-z0-9._-]), got '" + value + "'");
        }
        return v;
    }

    static String id(Request request, String name) {
        return id(request, name, request.param(name));
    }

    static ScopeId scope(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return ScopeId.parse(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter(name, name + " must be a provider scope like aws/us-east-1/dynamodb: " + e.getMessage());
        }
    }

    /** Position after the last item of a page: detected time and id, opaque to clients. */
    record Cursor(long detected, String id) {
        String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((detected + ":" + id).getBytes(StandardCharsets.UTF_8));
        }

        /** True when an outage detected at {@code d} with {@code oid} comes after this cursor (newest first, then by id). */
        boolean before(long d, String oid) {
            return d < detected || (d == detected && oid.compareTo(id) > 0);
        }
    }

    static Cursor cursor(Request request) {
        String v = request.param("cursor");
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            String s = new String(Base64.getUrlDecoder().decode(v.trim()), StandardCharsets.UTF_8);
            int colon = s.indexOf(':');
            return new Cursor(Long.parseLong(s.substring(0, colon)), s.substring(colon + 1));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw ApiException.badParameter("cursor", "cursor is not one this API gave out");
        }
    }
}
