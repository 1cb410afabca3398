package io.blastradius.ingest.social.stream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a server-sent-events stream (the {@code text/event-stream} format of the HTML standard):
 * {@code event:}/{@code data:}/{@code id:} fields, several {@code data:} lines joined by newlines, a
 * blank line dispatching the event, lines starting with {@code :} as comments (heartbeats), and
 * {@code \n}, {@code \r\n} or {@code \r} line ends. An event larger than the cap is not buffered: it
 * is reported as oversized with its first bytes, and reading goes on with the next event.
 */
public final class SseReader {
    /** What the reader reports. Called on the reading thread, in stream order. */
    public interface Listener {
        void event(String name, String data, String id) throws InterruptedException;

        /** A comment line: a heartbeat such as {@code :thump}. */
        default void comment(String text) {
        }

        /** An event whose data exceeded the cap; {@code head} holds its first bytes. */
        void oversized(String name, byte[] head, long size) throws InterruptedException;
    }

    private final InputStream in;
    private final int maxEventBytes;
    private final Runnable onActivity;

    /**
     * @param onActivity called whenever bytes arrive (keeps an idle timer alive)
     */
    public SseReader(InputStream in, int maxEventBytes, Runnable onActivity) {
        this.in = in;
        this.maxEventBytes = maxEventBytes;
        this.onActivity = onActivity;
    }

    /** Reads until the stream ends (returns) or fails (throws). */
    public void run(Listener listener) throws IOException, InterruptedException {
        byte[] buffer = new byte[8192];
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        EventBuilder event = new EventBuilder();
        boolean lastWasCr = false;
        boolean lineTooLong = false;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            onActivity.run();
            for (int k = 0; k < n; k++) {
                byte b = buffer[k];
                if (b == '\n' && lastWasCr) {
                    lastWasCr = false;
                    continue; // the \n of a \r\n
                }
                lastWasCr = b == '\r';
                if (b == '\n' || b == '\r') {
                    field(line, lineTooLong, event, listener);
                    line.reset();
                    lineTooLong = false;
                } else if (line.size() < maxEventBytes) {
                    line.write(b);
                } else {
                    lineTooLong = true;
                    event.size++;
                }
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("SSE reading interrupted");
            }
        }
    }

    private void field(ByteArrayOutputStream line, boolean truncated, EventBuilder event, Listener listener)
            throws InterruptedException {
        if (line.size() == 0 && !truncated) {
            event.dispatch(listener);
            return;
        }
        byte[] bytes = line.toByteArray();
        if (bytes[0] == ':') {
            listener.comment(new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8).strip());
            return;
        }
        int colon = indexOf(bytes, (byte) ':');
        String name = new String(bytes, 0, colon < 0 ? bytes.length : colon, StandardCharsets.UTF_8);
        int from = colon < 0 ? bytes.length : colon + 1;
        if (from < bytes.length && bytes[from] == ' ') {
            from++;
        }
        switch (name) {
            case "event" -> event.name = new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
            case "id" -> event.id = new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
            case "data" -> event.data(bytes, from, truncated, maxEventBytes);
            default -> {
                // "retry" and unknown fields are ignored, as the standard says
            }
        }
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int k = 0; k < bytes.length; k++) {
            if (bytes[k] == b) {
                return k;
            }
        }
        return -1;
    }

    private static final class EventBuilder {
        String name;
        String id;
        ByteArrayOutputStream data;
        long size;
        boolean oversized;

        void data(byte[] bytes, int from, boolean truncated, int max) {
            if (data == null) {
                data = new ByteArrayOutputStream(Math.min(bytes.length, 4096));
            } else {
                data.write('\n');
            }
            int length = bytes.length - from;
            size += length + 1;
            oversized |= truncated || data.size() + length > max;
            if (data.size() < max) {
                data.write(bytes, from, Math.min(length, max - data.size()));
            }
        }

        void dispatch(Listener listener) throws InterruptedException {
            try {
                if (data == null) {
                    return; // an event without data is not dispatched
                }
                String type = name == null || name.isEmpty() ? "message" : name;
                if (oversized) {
                    listener.oversized(type, data.toByteArray(), size);
                } else {
                    listener.event(type, data.toString(StandardCharsets.UTF_8), id);
                }
            } finally {
                name = null;
                data = null;
                size = 0;
                oversized = false;
            }
        }
    }
}
