package io.blastradius.ingest.social.bluesky;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One WebSocket connection to Jetstream, read one message at a time with flow control: the next
 * message is requested only after the reader took the previous one, so a slow Kafka slows the
 * socket, not the heap. Fragmented messages are reassembled; one bigger than the cap is reported as
 * oversized with its first bytes. Silence longer than the idle timeout (pings count as activity)
 * aborts the connection.
 */
final class JetstreamConnection implements WebSocket.Listener, AutoCloseable {
    /** What the reader gets. */
    sealed interface Message permits Text, Binary, Oversized, Closed, Failed {
    }

    record Text(String text) implements Message {
    }

    record Binary(byte[] bytes) implements Message {
    }

    record Oversized(byte[] head, long size) implements Message {
    }

    record Closed(int code, String reason) implements Message {
    }

    record Failed(Throwable error) implements Message {
    }

    private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private final int maxBytes;
    private final StringBuilder text = new StringBuilder();
    private java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
    private long size;
    private boolean oversized;
    private volatile long lastActivity = System.nanoTime();
    private WebSocket socket;

    private JetstreamConnection(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    static JetstreamConnection open(HttpClient client, URI uri, String userAgent, Duration connectTimeout, int maxBytes)
            throws IOException, InterruptedException {
        JetstreamConnection c = new JetstreamConnection(maxBytes);
        try {
            c.socket = client.newWebSocketBuilder()
                    .header("User-Agent", userAgent)
                    .connectTimeout(connectTimeout)
                    .buildAsync(uri, c)
                    .get(connectTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException("cannot connect to " + uri + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("no WebSocket handshake from " + uri + " within " + connectTimeout.toMillis() + " ms", e);
        }
        return c;
    }

    /** The next message; throws when nothing, not even a ping, arrived within {@code idle}. */
    Message next(Duration idle) throws IOException, InterruptedException {
        while (true) {
            Message m = messages.poll(200, TimeUnit.MILLISECONDS);
            if (m != null) {
                if (m instanceof Text || m instanceof Binary || m instanceof Oversized) {
                    socket.request(1);
                }
                return m;
            }
            if (System.nanoTime() - lastActivity > idle.toNanos()) {
                socket.abort();
                throw new IOException("no message or ping for " + idle.toMillis() + " ms");
            }
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        lastActivity = System.nanoTime();
        size += data.length();
        if (!oversized && text.length() + data.length() <= maxBytes) {
            text.append(data);
        } else if (!oversized) {
            oversized = true;
            text.append(data, 0, Math.max(0, Math.min(data.length(), maxBytes - text.length())));
        }
        return partRead(webSocket, last, () -> {
            Message m = oversized ? new Oversized(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), size)
                    : new Text(text.toString());
            text.setLength(0);
            return m;
        });
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        lastActivity = System.nanoTime();
        size += data.remaining();
        if (!oversized && binary.size() + data.remaining() <= maxBytes) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.write(chunk, 0, chunk.length);
        } else {
            oversized = true;
        }
        return partRead(webSocket, last, () -> {
            byte[] bytes = binary.toByteArray();
            binary = new java.io.ByteArrayOutputStream();
            return oversized ? new Oversized(bytes, size) : new Binary(bytes);
        });
    }

    /** After a fragment: queue the whole message on the last one (the reader asks for more), else ask for the next fragment. */
    private CompletionStage<?> partRead(WebSocket webSocket, boolean last, java.util.function.Supplier<Message> whole) {
        if (last) {
            messages.add(whole.get());
            size = 0;
            oversized = false;
        } else {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        lastActivity = System.nanoTime();
        return WebSocket.Listener.super.onPing(webSocket, message);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        messages.add(new Closed(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        messages.add(new Failed(error));
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(2, TimeUnit.SECONDS)
                    .whenComplete((ws, e) -> socket.abort());
        } else if (socket != null) {
            socket.abort();
        }
    }
}
