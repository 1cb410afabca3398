package io.blastradius.streams.query.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of one instance, on the JDK's built-in server: routes, the optional bearer token
 * on {@code /api} and {@code /internal}, security headers on every answer (a strict
 * Content-Security-Policy: the dashboard runs only its own scripts), JSON errors, and a timer per
 * route and status. Live streams get the raw exchange through {@link #stream}.
 */
public final class HttpService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpService.class);
    /** No inline script or style, nothing from elsewhere: text from posts and status pages cannot run here. */
    public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    public static final String SESSION_COOKIE = "blastradius_session";

    /** A handler that takes over the exchange (a live stream); it must close it eventually. */
    @FunctionalInterface
    public interface StreamHandler {
        void handle(Request request, HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Routes routes;
    private final String token;
    private final MeterRegistry meters;
    private final ObjectMapper json;
    private final Duration shutdownTimeout;
    private final String retryAfter;

    public HttpService(String host, int port, int threads, Routes routes, String token, MeterRegistry meters,
            ObjectMapper json, Duration shutdownTimeout, int retryAfterSeconds) throws IOException {
        this.retryAfter = Integer.toString(retryAfterSeconds);
        this.routes = routes;
        this.token = token;
        this.meters = meters;
        this.json = json;
        this.shutdownTimeout = shutdownTimeout;
        // without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: ~40 ms per answer
        // on loopback (measured). Read once, when the JDK's server classes first load; set it earlier to override.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        this.server = HttpServer.create(new InetSocketAddress(host, port), 256);
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(10_000), r -> {
            Thread t = new Thread(r, "query-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
    }

    /** Serves {@code path} (exactly) with {@code handler}, behind the same token check. */
    public void stream(String path, StreamHandler handler) {
        server.createContext(path, exchange -> {
            try {
                Request request = Request.of(exchange.getRequestMethod(), exchange.getRequestURI(), exchange.getRequestHeaders());
                if (!request.path().equals(path)) {
                    dispatch(exchange);
                    return;
                }
                authorize(request);
                securityHeaders(exchange, false);
                handler.handle(request, exchange);
            } catch (ApiException e) {
                write(exchange, error(e), "stream");
            } catch (IOException | RuntimeException e) {
                LOG.debug("live stream ended: {}", e.toString());
                exchange.close();
            }
        });
    }

    public void start() {
        server.start();
    }

    /** The bound port (useful when configured as 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    public String host() {
        return server.getAddress().getHostString();
    }

    private void dispatch(HttpExchange exchange) {
        long started = System.nanoTime();
        String routeName = "unmatched";
        Response response;
        try {
            Request request = Request.of(exchange.getRequestMethod(), exchange.getRequestURI(), exchange.getRequestHeaders());
            Routes.Match match = routes.match(request.method(), request.path());
            if (match == null) {
                throw ApiException.notFound("no such path: " + request.path());
            }
            if (match.route() == null) {
                throw new ApiException(405, "method_not_allowed", null, request.method() + " is not allowed on " + request.path());
            }
            routeName = match.route().pattern();
            if (needsToken(request.path())) {
                authorize(request);
            }
            response = match.route().handler().handle(request.withPathParams(match.params()));
        } catch (ApiException e) {
            response = error(e);
        } catch (Exception e) {
            LOG.error("request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
            response = error(new ApiException(500, "internal_error", null, "internal error: " + e.getClass().getSimpleName()));
        }
        write(exchange, response, routeName);
        Timer.builder("http.server.requests")
                .description("HTTP requests answered by the query service")
                .tag("method", exchange.getRequestMethod())
                .tag("uri", routeName)
                .tag("status", Integer.toString(response.status()))
                .publishPercentileHistogram(false)
                .register(meters)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    private static boolean needsToken(String path) {
        return (path.startsWith("/api/") && !path.equals("/api/openapi.json") && !path.equals("/api/v1/session"))
                || path.startsWith("/internal/");
    }

    /** Throws 401 unless the request carries the token (bearer header, or the dashboard's session cookie). */
    void authorize(Request request) {
        if (token == null) {
            return;
        }
        String auth = request.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && matches(auth.substring(7).trim())) {
            return;
        }
        String cookies = request.header("Cookie");
        if (cookies != null) {
            for (String c : cookies.split(";")) {
                String[] kv = c.trim().split("=", 2);
                if (kv.length == 2 && kv[0].equals(SESSION_COOKIE) && matches(kv[1])) {
                    return;
                }
            }
        }
        throw new ApiException(401, "unauthorized", null, "this API needs 'Authorization: Bearer <token>'");
    }

    /** Constant-time comparison, so the answer time says nothing about how much of a guess was right. */
    public boolean matches(String candidate) {
        return token == null || MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                candidate.getBytes(StandardCharsets.UTF_8));
    }

    public boolean tokenRequired() {
        return token != null;
    }

    private Response error(ApiException e) {
        ObjectNode body = json.createObjectNode();
        ObjectNode err = body.putObject("error");
        err.put("status", e.status());
        err.put("code", e.code());
        if (e.parameter() != null) {
            err.put("parameter", e.parameter());
        }
        err.put("message", e.getMessage());
        Response r;
        try {
            r = Response.json(e.status(), json.writeValueAsBytes(body));
        } catch (IOException io) {
            r = Response.text(e.status(), "text/plain; charset=utf-8", e.getMessage());
        }
        if (e.status() == 503) {
            r = r.withHeader("Retry-After", retryAfter);
        }
        if (e.status() == 401) {
            r = r.withHeader("WWW-Authenticate", "Bearer");
        }
        return r;
    }

    private void write(HttpExchange exchange, Response response, String route) {
        try (exchange) {
            securityHeaders(exchange, route.startsWith("/dashboard") || route.equals("/"));
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            for (Map.Entry<String, String> h : response.headers().entrySet()) {
                exchange.getResponseHeaders().set(h.getKey(), h.getValue());
            }
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(response.status(), head ? -1 : (response.body().length == 0 ? -1 : response.body().length));
            if (!head && response.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
            drain(exchange);
        } catch (IOException e) {
            LOG.debug("could not write the answer to {}: {}", exchange.getRequestURI(), e.toString());
        }
    }

    private static void drain(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static void securityHeaders(HttpExchange exchange, boolean cacheable) {
        var h = exchange.getResponseHeaders();
        h.set("Content-Security-Policy", CSP);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "no-referrer");
        h.set("X-Frame-Options", "DENY");
        h.set("Cache-Control", cacheable ? "no-cache" : "no-store");
    }

    /** Stops accepting, lets requests in flight finish within the shutdown timeout, then stops the threads. */
    @Override
    public void close() {
        server.stop((int) Math.max(0, Math.min(shutdownTimeout.toSeconds(), 60)));
        executor.shutdown();
        try {
            if (!executor.awaitTermination(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
