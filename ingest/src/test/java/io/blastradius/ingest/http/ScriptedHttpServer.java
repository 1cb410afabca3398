package io.blastradius.ingest.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real HTTP server on 127.0.0.1 and a free port that answers each path from a script: a queue of
 * one-shot responses, then a standing response. It records every request, so tests can check the
 * headers a poller sent. Responses can be slow (a delay before the headers, or a body dripped in
 * pieces), gzip-encoded, or conditional (304 when the request's validators match).
 */
public final class ScriptedHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Deque<Reply>> once = new ConcurrentHashMap<>();
    private final Map<String, Reply> standing = new ConcurrentHashMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    public ScriptedHttpServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Answers every request to {@code path} with {@code reply} (after any one-shot replies). */
    public ScriptedHttpServer always(String path, Reply reply) {
        standing.put(path, reply);
        return this;
    }

    /** Answers the next request to {@code path} with {@code reply}, once. */
    public ScriptedHttpServer next(String path, Reply reply) {
        once.computeIfAbsent(path, k -> new ConcurrentLinkedDeque<>()).add(reply);
        return this;
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public List<Request> requests(String path) {
        return requests().stream().filter(r -> r.path.equals(path)).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            Map<String, String> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            Request request = new Request(path, headers);
            requests.add(request);
            Deque<Reply> queue = once.get(path);
            Reply reply = queue == null ? null : queue.poll();
            if (reply == null) {
                reply = standing.get(path);
            }
            if (reply == null) {
                reply = Reply.status(404, "text/plain", "no script for " + path);
            }
            reply.send(ex, request);
        } catch (IOException e) {
            // the client gave up (a timeout test): nothing to answer
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** One recorded request: its path and headers (names lowercased). */
    public record Request(String path, Map<String, String> headers) {
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** A scripted response. */
    public static final class Reply {
        private final int status;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final byte[] body;
        private Duration delay = Duration.ZERO;
        private Duration drip = Duration.ZERO;
        private boolean gzip;
        private boolean conditional;
        private Function<Request, Reply> dynamic;

        private Reply(int status, String contentType, byte[] body) {
            this.status = status;
            this.body = body;
            if (contentType != null) {
                headers.put("Content-Type", contentType);
            }
        }

        public static Reply ok(String contentType, String body) {
            return new Reply(200, contentType, body.getBytes(StandardCharsets.UTF_8));
        }

        public static Reply ok(String contentType, byte[] body) {
            return new Reply(200, contentType, body);
        }

        public static Reply json(String body) {
            return ok("application/json; charset=utf-8", body);
        }

        public static Reply xml(String body) {
            return ok("application/rss+xml; charset=utf-8", body);
        }

        public static Reply status(int status, String contentType, String body) {
            return new Reply(status, contentType, body.getBytes(StandardCharsets.UTF_8));
        }

        /** A reply computed from the request (e.g. to check what the client sent). */
        public static Reply from(Function<Request, Reply> f) {
            Reply r = new Reply(200, null, new byte[0]);
            r.dynamic = f;
            return r;
        }

        public Reply header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** Waits before sending the headers. */
        public Reply delayed(Duration d) {
            this.delay = d;
            return this;
        }

        /** Sends the headers at once, then the body in ten pieces spread over {@code total}. */
        public Reply dripped(Duration total) {
            this.drip = total;
            return this;
        }

        public Reply gzipped() {
            this.gzip = true;
            return this;
        }

        /**
         * Answers 304 when the request's If-None-Match equals this reply's ETag or its
         * If-Modified-Since equals this reply's Last-Modified.
         */
        public Reply conditional() {
            this.conditional = true;
            return this;
        }

        void send(HttpExchange ex, Request request) throws IOException {
            if (dynamic != null) {
                Objects.requireNonNull(dynamic.apply(request), "dynamic reply").send(ex, request);
                return;
            }
            sleep(delay);
            if (conditional) {
                String etag = headers.get("ETag");
                String lastModified = headers.get("Last-Modified");
                boolean match = (etag != null && etag.equals(request.header("If-None-Match")))
                        || (lastModified != null && lastModified.equals(request.header("If-Modified-Since")));
                if (match) {
                    headers.forEach((k, v) -> {
                        if (!k.equals("Content-Type")) {
                            ex.getResponseHeaders().add(k, v);
                        }
                    });
                    ex.sendResponseHeaders(304, -1);
                    return;
                }
            }
            byte[] payload = body;
            if (gzip) {
                java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
                try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(buf)) {
                    z.write(body);
                }
                payload = buf.toByteArray();
                ex.getResponseHeaders().add("Content-Encoding", "gzip");
            }
            headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            ex.sendResponseHeaders(status, payload.length == 0 ? -1 : payload.length);
            if (payload.length == 0) {
                return;
            }
            try (OutputStream out = ex.getResponseBody()) {
                if (drip.isZero()) {
                    out.write(payload);
                } else {
                    int piece = Math.max(1, payload.length / 10);
                    for (int i = 0; i < payload.length; i += piece) {
                        out.write(payload, i, Math.min(piece, payload.length - i));
                        out.flush();
                        sleep(drip.dividedBy(10));
                    }
                }
            }
        }

        private static void sleep(Duration d) {
            if (d.isZero()) {
                return;
            }
            try {
                Thread.sleep(d.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Reads a test resource as bytes. */
    public static byte[] resource(String name) {
        try (InputStream in = ScriptedHttpServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String resourceText(String name) {
        return new String(resource(name), StandardCharsets.UTF_8);
    }
}
