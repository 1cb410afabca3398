package io.blastradius.ingest.probe.ranges;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;

/**
 * Fetches range files over HTTP(S) with a conditional GET ({@code If-None-Match} /
 * {@code If-Modified-Since}, so an unchanged multi-megabyte file costs one 304), or from the
 * file system, where an unchanged modification time and size count as "not modified".
 */
public final class DefaultRangeFetcher implements RangeFetcher {
    /** The largest range file accepted; the biggest real one (Azure Service Tags) is a few MB. */
    static final int MAX_BYTES = 64 * 1024 * 1024;
    private static final String USER_AGENT = "blastradius-ip-ranges/0.1 (cloud outage detection; polls hourly at most)";

    private final HttpClient http;
    private final Duration requestTimeout;

    public DefaultRangeFetcher(Duration connectTimeout, Duration requestTimeout) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.requestTimeout = requestTimeout;
    }

    @Override
    public Fetched fetch(RangeSource source, String validator) throws IOException {
        URI uri = source.location();
        return "file".equals(uri.getScheme()) ? fetchFile(Path.of(uri), validator) : fetchHttp(uri, validator);
    }

    private Fetched fetchFile(Path path, String validator) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
        String current = attrs.lastModifiedTime().toMillis() + "/" + attrs.size();
        if (current.equals(validator)) {
            return Fetched.notModified();
        }
        if (attrs.size() > MAX_BYTES) {
            throw new IOException(path + " is " + attrs.size() + " bytes, more than the " + MAX_BYTES + " accepted");
        }
        return new Fetched(Files.readAllBytes(path), current);
    }

    private Fetched fetchHttp(URI uri, String validator) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("User-Agent", USER_AGENT)
                .GET();
        String[] previous = validator == null ? new String[0] : validator.split("\n", -1);
        if (previous.length == 2) {
            if (!previous[0].isEmpty()) {
                request.header("If-None-Match", previous[0]);
            }
            if (!previous[1].isEmpty()) {
                request.header("If-Modified-Since", previous[1]);
            }
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + uri, e);
        }
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 304) {
                return Fetched.notModified();
            }
            if (status != 200) {
                throw new IOException("GET " + uri + " answered HTTP " + status);
            }
            byte[] content = body.readNBytes(MAX_BYTES + 1);
            if (content.length > MAX_BYTES) {
                throw new IOException("GET " + uri + " returned more than the " + MAX_BYTES + " bytes accepted");
            }
            String etag = response.headers().firstValue("ETag").orElse("");
            String lastModified = response.headers().firstValue("Last-Modified").orElse("");
            return new Fetched(content, etag.isEmpty() && lastModified.isEmpty() ? null : etag + "\n" + lastModified);
        }
    }
}
