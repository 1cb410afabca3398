package io.blastradius.ingest.social.mastodon;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Mastodon server on 127.0.0.1 speaking the real formats: the hashtag streaming endpoint as
 * server-sent events (each connection plays the next scripted {@link Connection}) and the hashtag
 * REST timeline with {@code min_id} paging and {@code Link} headers.
 */
public final class FakeMastodon implements AutoCloseable {
    public static final String TOKEN = "test-token";

    /** What one streaming connection does: chunks written in order (a chunk "SLEEP:n" waits n ms), then close or hold. */
    record Connection(List<String> chunks, boolean hold) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final BlockingQueue<Connection> script = new LinkedBlockingQueue<>();
    private final List<String> timeline = new CopyOnWriteArrayList<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger streamConnections = new AtomicInteger();
    /** The Authorization header of each timeline request ("" when there was none). */
    final List<String> timelineAuthorizations = new CopyOnWriteArrayList<>();
    volatile int streamStatus = 200;
    private volatile boolean closed;

    public FakeMastodon() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/api/v1/streaming/hashtag", this::stream);
        server.createContext("/api/v1/timelines/tag/", this::timeline);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void connection(boolean hold, String... chunks) {
        script.add(new Connection(List.of(chunks), hold));
    }

    public void post(String statusJson) {
        timeline.add(statusJson);
    }

    public static String status(String id, String html, String account) {
        return "{\"id\":\"" + id + "\",\"created_at\":\"2026-03-14T16:" + String.format("%02d", Long.parseLong(id) % 60)
                + ":00.000Z\",\"visibility\":\"public\",\"language\":\"en\",\"uri\":\"https://example.social/users/" + account
                + "/statuses/" + id + "\",\"url\":\"https://example.social/@" + account + "/" + id
                + "\",\"edited_at\":null,\"spoiler_text\":\"\",\"content\":\"" + html.replace("\"", "\\\"")
                + "\",\"reblog\":null,\"account\":{\"id\":\"9" + account.length() + "\",\"username\":\"" + account
                + "\",\"acct\":\"" + account + "\"},\"tags\":[]}";
    }

    public static String update(String statusJson) {
        return "event: update\ndata: " + statusJson + "\n\n";
    }

    private void stream(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestURI().toString());
        streamConnections.incrementAndGet();
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (streamStatus != 200 || !("Bearer " + TOKEN).equals(auth)) {
            int status = streamStatus != 200 ? streamStatus : 401;
            byte[] body = "{\"error\":\"The access token is invalid\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
            return;
        }
        Connection c;
        try {
            c = script.poll(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            if (c == null) {
                return;
            }
            for (String chunk : c.chunks()) {
                if (chunk.startsWith("SLEEP:")) {
                    Thread.sleep(Long.parseLong(chunk.substring(6)));
                } else {
                    out.write(chunk.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
            while (c.hold() && !closed) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client hung up (idle timeout, stop): expected
        }
    }

    private void timeline(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestURI().toString());
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        timelineAuthorizations.add(auth == null ? "" : auth);
        String minId = query(exchange.getRequestURI().getRawQuery()).get("min_id");
        List<String> sorted = new ArrayList<>(timeline);
        sorted.sort(Comparator.comparing((String s) -> idOf(s).length()).thenComparing(FakeMastodon::idOf));
        List<String> page = new ArrayList<>();
        for (String s : sorted) {
            if (minId == null || MastodonTimeline.compareIds(idOf(s), minId) > 0) {
                page.add(s);
            }
        }
        if (minId == null) {
            page = page.subList(Math.max(0, page.size() - 40), page.size());
        } else {
            page = page.subList(0, Math.min(40, page.size()));
        }
        List<String> newestFirst = new ArrayList<>(page);
        java.util.Collections.reverse(newestFirst);
        if (!page.isEmpty()) {
            String base = url() + exchange.getRequestURI().getPath();
            exchange.getResponseHeaders().add("Link", "<" + base + "?max_id=" + idOf(page.get(0)) + ">; rel=\"next\", <" + base
                    + "?min_id=" + idOf(page.get(page.size() - 1)) + ">; rel=\"prev\"");
        }
        byte[] body = ("[" + String.join(",", newestFirst) + "]").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    static String idOf(String status) {
        int at = status.indexOf("\"id\":\"") + 6;
        return status.substring(at, status.indexOf('"', at));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new java.util.HashMap<>();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    out.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }
}
