package io.blastradius.streams.query.live;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open live stream: a bounded queue of frames and a thread of its own that writes them, so a
 * slow reader never holds up the others. A reader too slow to keep up is disconnected (its queue
 * overflowed); browsers reconnect by themselves with Last-Event-ID and resume.
 */
final class SseClient implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SseClient.class);
    private static final String CLOSE = "\u0000close";

    private final HttpExchange exchange;
    private final BlockingQueue<String> frames;
    private final Runnable onClose;
    private volatile boolean open = true;

    SseClient(HttpExchange exchange, int capacity, Runnable onClose) {
        this.exchange = exchange;
        this.frames = new ArrayBlockingQueue<>(capacity);
        this.onClose = onClose;
    }

    /** Queues a frame; false (and the stream is ended) when the reader has fallen too far behind. */
    boolean offer(String frame) {
        if (!open) {
            return false;
        }
        if (!frames.offer(frame)) {
            LOG.info("live stream reader too slow; disconnecting it (it may resume with Last-Event-ID)");
            close();
            return false;
        }
        return true;
    }

    boolean isOpen() {
        return open;
    }

    void close() {
        open = false;
        frames.clear();
        frames.offer(CLOSE);
    }

    @Override
    public void run() {
        try (OutputStream out = exchange.getResponseBody()) {
            while (open) {
                String frame = frames.poll(1, TimeUnit.SECONDS);
                if (frame == null) {
                    continue;
                }
                if (frame.equals(CLOSE)) {
                    break;
                }
                out.write(frame.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            LOG.debug("live stream reader went away: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open = false;
            exchange.close();
            onClose.run();
        }
    }
}
