package io.blastradius.ingest.social.bluesky;

import io.blastradius.http.retry.Backoff;
import io.blastradius.ingest.connect.QueueingSourceTask;
import io.blastradius.ingest.social.SocialSignals;
import io.blastradius.ingest.social.bluesky.JetstreamConnection.Message;
import io.blastradius.ingest.social.bluesky.JetstreamEvent.JetstreamFormatException;
import io.blastradius.schemas.SocialSignal;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Jetstream on one thread. The stored offset is the {@code time_us} of the last event read;
 * a (re)connection asks for {@code cursor = last - rewind} and skips events at or before {@code last},
 * so a restart or a dropped connection neither loses nor repeats posts. Frames that are not events go
 * to the dead-letter topic; the connection stays up.
 */
public final class JetstreamSourceTask extends QueueingSourceTask<JetstreamConfig> {
    private static final Logger log = LoggerFactory.getLogger(JetstreamSourceTask.class);
    static final String TIME_US = "time_us";

    private final Clock clock;
    private SocialSignals signals;
    private HttpClient client;

    public JetstreamSourceTask() {
        this(Clock.systemUTC());
    }

    JetstreamSourceTask(Clock clock) {
        this.clock = clock;
    }

    @Override
    protected JetstreamConfig parseConfig(Map<String, String> props) {
        return new JetstreamConfig(props);
    }

    @Override
    protected void startReading(JetstreamConfig config) {
        signals = config.signals(clock);
        client = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build();
        ZstdFrames zstd = config.compress() ? new ZstdFrames(config.dictionary(), config.maxMessageBytes()) : null;
        Map<String, String> partition = Map.of("platform", JetstreamEvent.PLATFORM, "endpoint",
                config.endpoint().getHost() + config.endpoint().getPath());
        startReader("jetstream", () -> read(config, partition, zstd));
    }

    private void read(JetstreamConfig config, Map<String, String> partition, ZstdFrames zstd) throws InterruptedException {
        Object stored = storedOffset(partition).get(TIME_US);
        long last = stored instanceof Number n ? n.longValue() : stored == null ? 0 : Long.parseLong(stored.toString());
        Backoff backoff = new Backoff(config.reconnectBackoffMin(), config.reconnectBackoffMax(), RandomGenerator.getDefault());
        int failures = 0;
        while (running()) {
            URI uri = config.subscribeUri(last > 0 ? Math.max(1, last - config.rewind().toNanos() / 1_000) : null);
            try (JetstreamConnection connection = JetstreamConnection.open(client, uri, config.userAgent(),
                    config.connectTimeout(), config.maxMessageBytes())) {
                log.info("{}: connected to {}", stage(), uri);
                while (running()) {
                    Message m = connection.next(config.idleTimeout());
                    if (m instanceof JetstreamConnection.Closed c) {
                        throw new IOException("closed by the server (" + c.code() + " " + c.reason() + ")");
                    }
                    if (m instanceof JetstreamConnection.Failed f) {
                        throw new IOException("connection failed: " + f.error(), f.error());
                    }
                    failures = 0;
                    last = handle(m, partition, last, zstd, uri);
                }
            } catch (IOException e) {
                failures++;
                upstreamError("jetstream " + uri, e);
                if (!pause(backoff.delay(failures))) {
                    return;
                }
            }
        }
    }

    /** Publishes what one message carries; returns the cursor after it. */
    private long handle(Message m, Map<String, String> partition, long last, ZstdFrames zstd, URI uri)
            throws InterruptedException {
        byte[] raw = null;
        try {
            String text;
            if (m instanceof JetstreamConnection.Text t) {
                text = t.text();
            } else if (m instanceof JetstreamConnection.Binary b) {
                raw = b.bytes();
                if (zstd == null) {
                    throw new JetstreamFormatException("binary frame on an uncompressed stream", null);
                }
                text = zstd.decompress(b.bytes());
            } else {
                JetstreamConnection.Oversized o = (JetstreamConnection.Oversized) m;
                raw = o.head();
                throw new JetstreamFormatException("frame of " + o.size() + " bytes is larger than the "
                        + JetstreamConfig.MAX_MESSAGE_BYTES + " cap", null);
            }
            raw = text.getBytes(StandardCharsets.UTF_8);
            JetstreamEvent event = JetstreamEvent.parse(text);
            if (event.timeUs() <= last) {
                return last; // replayed by the rewind: already read
            }
            if (event.post().isPresent()) {
                Optional<SocialSignal> signal = signals.toSignal(event.post().get());
                if (signal.isPresent()) {
                    SocialSignal s = signal.get();
                    emit(record(partition, Map.of(TIME_US, event.timeUs()), s.getPostId(), s, s.getCreatedAt()));
                }
            }
            return event.timeUs();
        } catch (JetstreamFormatException | IOException e) {
            deadLetter(partition, Map.of(TIME_US, last), uri.toString(), raw, e);
            return last;
        }
    }
}
