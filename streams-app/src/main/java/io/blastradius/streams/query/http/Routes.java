package io.blastradius.streams.query.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The route table: {@code GET /api/v1/outages/{id}} style patterns, where {@code {name}} matches
 * one path segment and one {@code {name*}} one or more segments
 * (scopes have slashes), followed only by literal segments.
 */
public final class Routes {
    /** One route; {@code name} is its pattern, used as the metrics tag. */
    public record Route(String method, String pattern, Handler handler) {
    }

    /** A matched route and its path parameters. */
    public record Match(Route route, Map<String, String> params) {
    }

    private final List<Route> routes = new ArrayList<>();

    public Routes get(String pattern, Handler handler) {
        routes.add(new Route("GET", pattern, handler));
        return this;
    }

    public Routes post(String pattern, Handler handler) {
        routes.add(new Route("POST", pattern, handler));
        return this;
    }

    public List<Route> all() {
        return List.copyOf(routes);
    }

    /** The route for {@code path} and {@code method}; null when no pattern matches the path. */
    public Match match(String method, String path) {
        Match pathOnly = null;
        for (Route r : routes) {
            Map<String, String> params = matchPath(r.pattern(), path);
            if (params != null) {
                if (r.method().equals(method) || (method.equals("HEAD") && r.method().equals("GET"))) {
                    return new Match(r, params);
                }
                pathOnly = new Match(null, params);
            }
        }
        return pathOnly;
    }

    static Map<String, String> matchPath(String pattern, String path) {
        String[] p = pattern.substring(1).split("/", -1);
        String[] s = path.length() <= 1 ? new String[] {""} : path.substring(1).split("/", -1);
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < p.length; i++) {
            String part = p[i];
            if (part.startsWith("{") && part.endsWith("*}")) {
                int tail = p.length - i - 1; // literal segments after the wildcard, e.g. /timeline
                if (s.length - tail <= i) {
                    return null;
                }
                for (int t = 1; t <= tail; t++) {
                    if (!p[p.length - t].equals(s[s.length - t])) {
                        return null;
                    }
                }
                params.put(part.substring(1, part.length() - 2), String.join("/", List.of(s).subList(i, s.length - tail)));
                return params;
            }
            if (i >= s.length) {
                return null;
            }
            if (part.startsWith("{") && part.endsWith("}")) {
                if (s[i].isEmpty()) {
                    return null;
                }
                params.put(part.substring(1, part.length() - 1), s[i]);
            } else if (!part.equals(s[i])) {
                return null;
            }
        }
        return p.length == s.length ? params : null;
    }
}
