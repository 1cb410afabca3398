package io.blastradius.ingest.social.reddit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code /r/<sub>/new.json} on 127.0.0.1 in Reddit's listing format: newest first, {@code limit} and
 * {@code after} paging, rate-limit headers. Canned answers ({@link #answerOnce}) are served first.
 */
public final class FakeReddit implements AutoCloseable {
    /** A canned response: status, body, extra headers. */
    record Answer(int status, String body, Map<String, String> headers) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<String[]> posts = new CopyOnWriteArrayList<>(); // {id36, title, selftext, removed}
    private final ConcurrentLinkedQueue<Answer> canned = new ConcurrentLinkedQueue<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<Long> requestTimes = new CopyOnWriteArrayList<>();
    final List<String> userAgents = new CopyOnWriteArrayList<>();
    volatile String fixture;

    public FakeReddit() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/r/", this::listing);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void post(long n, String title) {
        posts.add(new String[] {Long.toString(n, 36), title, "", ""});
    }

    void remove(long n) {
        for (String[] p : posts) {
            if (p[0].equals(Long.toString(n, 36))) {
                p[2] = "[removed]";
                p[3] = "moderator";
            }
        }
    }

    void answerOnce(int status, String body, Map<String, String> headers) {
        canned.add(new Answer(status, body, headers));
    }

    private void listing(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestURI().toString());
        requestTimes.add(System.nanoTime());
        userAgents.add(exchange.getRequestHeaders().getFirst("User-Agent"));
        Answer a = canned.poll();
        if (a == null) {
            a = new Answer(200, fixture != null ? fixture : page(exchange.getRequestURI().getRawQuery()),
                    Map.of("X-Ratelimit-Remaining", "99", "X-Ratelimit-Reset", "30", "X-Ratelimit-Used", "1"));
        }
        a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", a.body().startsWith("<") ? "text/html" : "application/json");
        exchange.sendResponseHeaders(a.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private String page(String query) {
        int limit = 25;
        String after = null;
        for (String kv : query == null ? new String[0] : query.split("&")) {
            if (kv.startsWith("limit=")) {
                limit = Integer.parseInt(kv.substring(6));
            } else if (kv.startsWith("after=")) {
                after = kv.substring(6).replace("t3_", "");
            }
        }
        List<String[]> newestFirst = new ArrayList<>(posts);
        newestFirst.sort((x, y) -> Long.compare(Long.parseLong(y[0], 36), Long.parseLong(x[0], 36)));
        int from = 0;
        if (after != null) {
            long a = Long.parseLong(after, 36);
            while (from < newestFirst.size() && Long.parseLong(newestFirst.get(from)[0], 36) >= a) {
                from++;
            }
        }
        List<String[]> page = newestFirst.subList(from, Math.min(newestFirst.size(), from + limit));
        StringBuilder children = new StringBuilder();
        for (String[] p : page) {
            if (children.length() > 0) {
                children.append(',');
            }
            children.append("{\"kind\":\"t3\",\"data\":{\"id\":\"").append(p[0]).append("\",\"name\":\"t3_").append(p[0])
                    .append("\",\"subreddit\":\"aws\",\"title\":\"").append(p[1]).append("\",\"selftext\":\"").append(p[2])
                    .append("\",\"author\":\"user").append(p[0]).append("\",\"author_fullname\":\"t2_").append(p[0])
                    .append("\",\"created_utc\":").append(1_773_500_000 + Long.parseLong(p[0], 36))
                    .append(",\"permalink\":\"/r/aws/comments/").append(p[0]).append("/x/\",\"removed_by_category\":")
                    .append(p[3].isEmpty() ? "null" : "\"" + p[3] + "\"").append("}}");
        }
        String next = page.size() == limit && from + limit < newestFirst.size() ? "\"t3_" + page.get(page.size() - 1)[0] + "\"" : "null";
        return "{\"kind\":\"Listing\",\"data\":{\"after\":" + next + ",\"dist\":" + page.size() + ",\"modhash\":\"\","
                + "\"geo_filter\":null,\"children\":[" + children + "],\"before\":null}}";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
