package io.blastradius.streams.query;

import io.blastradius.streams.query.http.ApiException;
import io.blastradius.streams.query.http.Response;
import io.blastradius.streams.query.http.Routes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's files (plain HTML, CSS and JavaScript from the classpath; nothing from elsewhere,
 * so it works offline) and the OpenAPI description, served by the instance itself.
 */
final class StaticFiles {
    private static final String ROOT = "/io/blastradius/streams/query/dashboard/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "json", "application/json; charset=utf-8",
            "svg", "image/svg+xml");
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    Routes register(Routes routes) {
        return routes
                .get("/", r -> file("index.html"))
                .get("/dashboard/{file}", r -> file(r.pathParam("file")))
                .get("/api/openapi.json", r -> new Response(200, TYPES.get("json"), new LinkedHashMap<>(),
                        load("/io/blastradius/streams/query/openapi.json")));
    }

    private Response file(String name) {
        if (!name.matches("[a-z0-9-]+\\.(html|css|js|svg)")) {
            throw ApiException.notFound("no such file: " + name);
        }
        String ext = name.substring(name.lastIndexOf('.') + 1);
        return new Response(200, TYPES.get(ext), new LinkedHashMap<>(), load(ROOT + name));
    }

    private byte[] load(String path) {
        return cache.computeIfAbsent(path, p -> {
            try (InputStream in = StaticFiles.class.getResourceAsStream(p)) {
                if (in == null) {
                    throw ApiException.notFound("no such file: " + p.substring(p.lastIndexOf('/') + 1));
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
