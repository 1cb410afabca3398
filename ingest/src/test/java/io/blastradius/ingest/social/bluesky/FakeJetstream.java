package io.blastradius.ingest.social.bluesky;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A Jetstream on 127.0.0.1 (a real WebSocket server): each connection plays the next script. Script
 * items: a String is a text frame, a byte[] a binary frame, "SLEEP:n" waits, "REPLAY" sends the stored
 * events from the requested cursor on (all without one), "ABORT" drops the TCP connection, "CLOSE"
 * closes it cleanly; after the script the connection stays open.
 */
public final class FakeJetstream extends WebSocketServer {
    private final CountDownLatch started = new CountDownLatch(1);
    private final BlockingQueue<List<Object>> scripts = new LinkedBlockingQueue<>();
    private final Map<Long, String> events = new ConcurrentSkipListMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    volatile Function<String, Object> encoder = s -> s;

    public FakeJetstream() throws InterruptedException {
        super(new InetSocketAddress("127.0.0.1", 0));
        setReuseAddr(true);
        setConnectionLostTimeout(0);
        start();
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("WebSocket server did not start");
        }
    }

    public String url() {
        return "ws://127.0.0.1:" + getPort() + "/subscribe";
    }

    public void connection(Object... items) {
        scripts.add(List.of(items));
    }

    public void store(long timeUs, String json) {
        events.put(timeUs, json);
    }

    public static String post(long timeUs, String did, String rkey, String text) {
        return "{\"did\":\"" + did + "\",\"time_us\":" + timeUs + ",\"kind\":\"commit\",\"commit\":{\"rev\":\"r" + rkey
                + "\",\"operation\":\"create\",\"collection\":\"app.bsky.feed.post\",\"rkey\":\"" + rkey
                + "\",\"record\":{\"$type\":\"app.bsky.feed.post\",\"createdAt\":\"2026-03-14T16:26:06.981Z\",\"langs\":[\"en\"],"
                + "\"text\":\"" + text + "\"},\"cid\":\"bafy" + rkey + "\"}}";
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        String resource = handshake.getResourceDescriptor();
        requests.add(resource);
        connections.incrementAndGet();
        List<Object> script;
        try {
            script = scripts.poll(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (script == null) {
            return;
        }
        Long cursor = cursor(resource);
        Thread player = new Thread(() -> play(conn, script, cursor), "fake-jetstream-" + connections.get());
        player.setDaemon(true);
        player.start();
    }

    private void play(WebSocket conn, List<Object> script, Long cursor) {
        try {
            for (Object item : script) {
                if (!conn.isOpen()) {
                    return;
                }
                if (item instanceof byte[] bytes) {
                    conn.send(ByteBuffer.wrap(bytes));
                } else if ("REPLAY".equals(item)) {
                    Map<Long, String> from = cursor == null ? events : new TreeMap<>(events).tailMap(cursor);
                    for (String e : from.values()) {
                        send(conn, encoder.apply(e));
                    }
                } else if ("ABORT".equals(item)) {
                    conn.closeConnection(1006, "dropped");
                    return;
                } else if ("CLOSE".equals(item)) {
                    conn.close(1001, "going away");
                    return;
                } else if (item instanceof String s && s.startsWith("SLEEP:")) {
                    Thread.sleep(Long.parseLong(s.substring(6)));
                } else {
                    send(conn, item);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the client went away mid-script
        }
    }

    private static void send(WebSocket conn, Object frame) {
        if (frame instanceof byte[] bytes) {
            conn.send(ByteBuffer.wrap(bytes));
        } else {
            conn.send((String) frame);
        }
    }

    static Long cursor(String resource) {
        String query = URI.create(resource).getRawQuery();
        if (query != null) {
            for (String kv : query.split("&")) {
                if (kv.startsWith("cursor=")) {
                    return Long.parseLong(kv.substring(7));
                }
            }
        }
        return null;
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
    }

    public void shutdown() throws InterruptedException {
        stop(1000);
    }
}
