package io.blastradius.streams.query.http;

import com.sun.net.httpserver.Headers;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP request as the handlers see it: method, decoded path, query parameters, headers and path parameters. */
public record Request(String method, String path, String rawQuery, Map<String, String> query, Headers headers,
        Map<String, String> pathParams) {

    static Request of(String method, URI uri, Headers headers) {
        String raw = uri.getRawQuery();
        return new Request(method, uri.getPath(), raw, parseQuery(raw), headers, Map.of());
    }

    /** A request made up by this instance (to ask others for parts of an answer), with {@code params} as its query. */
    public static Request synthetic(String path, Map<String, String> params) {
        StringBuilder raw = new StringBuilder();
        params.forEach((k, v) -> {
            if (raw.length() > 0) {
                raw.append('&');
            }
            raw.append(java.net.URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return new Request("GET", path, raw.length() == 0 ? null : raw.toString(), Map.copyOf(params), new Headers(), Map.of());
    }

    Request withPathParams(Map<String, String> params) {
        return new Request(method, path, rawQuery, query, headers, params);
    }

    /** A query parameter, or null. */
    public String param(String name) {
        return query.get(name);
    }

    public String pathParam(String name) {
        return pathParams.get(name);
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        return headers.getFirst(name);
    }

    /** Path plus query string, as received (for forwarding). */
    public String pathAndQuery() {
        return rawQuery == null ? path : path + "?" + rawQuery;
    }

    private static Map<String, String> parseQuery(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (params.putIfAbsent(name, value) != null) {
                throw ApiException.badParameter(name, "parameter '" + name + "' is given more than once");
            }
        }
        return params;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter(null, "malformed percent-encoding in the query string");
        }
    }
}
