package io.blastradius.streams.query.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a handler answers: status, content type, extra headers and body. */
public record Response(int status, String contentType, Map<String, String> headers, byte[] body) {
    public static final String JSON = "application/json; charset=utf-8";

    public static Response json(int status, byte[] body) {
        return new Response(status, JSON, new LinkedHashMap<>(), body);
    }

    public static Response text(int status, String contentType, String body) {
        return new Response(status, contentType, new LinkedHashMap<>(), body.getBytes(StandardCharsets.UTF_8));
    }

    public Response withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Response(status, contentType, h, body);
    }
}
