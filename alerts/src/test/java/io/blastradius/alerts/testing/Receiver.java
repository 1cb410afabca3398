package io.blastradius.alerts.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A local HTTP receiver (JDK HttpServer on 127.0.0.1, a free port) whose answer to each request is
 * programmable: accept, reject, fail, rate-limit with Retry-After, answer late or never. It records
 * every request it gets, in order of arrival.
 */
public final class Receiver implements AutoCloseable {

    /** A request as received. */
    public record Request(int number, String path, Map<String, String> headers, byte[] body, long receivedNanos) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** What to answer: status, body, headers, after an optional delay; {@link #hang()} never answers. */
    public record Answer(int status, String body, Map<String, String> headers, Duration delay) {
        public static Answer status(int status) {
            return new Answer(status, "", Map.of(), Duration.ZERO);
        }

        public static Answer status(int status, String body) {
            return new Answer(status, body, Map.of(), Duration.ZERO);
        }

        public static Answer rateLimited(int retryAfterSeconds) {
            return new Answer(429, "rate limited", Map.of("Retry-After", Integer.toString(retryAfterSeconds)), Duration.ZERO);
        }

        public static Answer hang() {
            return new Answer(200, "", Map.of(), Duration.ofMinutes(5));
        }

        public Answer after(Duration delay) {
            return new Answer(status, body, headers, delay);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "receiver");
        t.setDaemon(true);
        return t;
    });
    private final List<Request> requests = new ArrayList<>();
    private final AtomicInteger counter = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Function<Request, Answer> behaviour = r -> Answer.status(200, "ok");

    public Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The receiver's URL with {@code path}. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Sets how requests are answered from now on. */
    public Receiver answer(Function<Request, Answer> behaviour) {
        this.behaviour = behaviour;
        return this;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Waits until at least {@code count} requests arrived. */
    public List<Request> await(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (requests.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + count + " requests within " + timeout + ", got "
                            + requests.size());
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return List.copyOf(requests);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            Request request = new Request(counter.incrementAndGet(), exchange.getRequestURI().getPath(), headers, body,
                    System.nanoTime());
            synchronized (this) {
                requests.add(request);
                notifyAll();
            }
            Answer answer = behaviour.apply(request);
            if (!answer.delay().isZero()) {
                try {
                    if (closed.await(answer.delay().toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
