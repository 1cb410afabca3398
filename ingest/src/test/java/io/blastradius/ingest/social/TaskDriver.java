package io.blastradius.ingest.social;

import io.blastradius.ingest.connect.AvroConnectData;
import io.blastradius.ingest.connect.QueueingSourceTask;
import io.blastradius.schemas.DeadLetter;
import io.blastradius.schemas.SocialSignal;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * Drives a source task the way a Connect worker does, without Kafka: start with the committed
 * offsets, poll, read the records back as generated Avro, and "commit" each polled record's source
 * offset, so a second task started from the same driver resumes where the first one stopped.
 */
public final class TaskDriver {
    public static final String SALT = "test-salt-0123456789abcdef";
    private final Map<Map<String, ?>, Map<String, Object>> committed = new HashMap<>();
    private final List<SocialSignal> signals = new CopyOnWriteArrayList<>();
    private final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    private final AvroConnectData data = new AvroConnectData();
    private QueueingSourceTask<?> task;

    /** Props every social connector test needs: the built-in world, a salt, fast reconnects. */
    public static Map<String, String> baseProps(String name) {
        Map<String, String> p = new HashMap<>();
        p.put("name", name);
        p.put("author.hash.salt", SALT);
        p.put("reconnect.backoff.min.ms", "50");
        p.put("reconnect.backoff.max.ms", "200");
        p.put("poll.timeout.ms", "50");
        p.put("shutdown.timeout.ms", "5000");
        return p;
    }

    public void start(QueueingSourceTask<?> newTask, Map<String, String> props) {
        this.task = newTask;
        newTask.initialize(new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return props;
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                return new OffsetStorageReader() {
                    @Override
                    public <T> Map<String, Object> offset(Map<String, T> partition) {
                        synchronized (committed) {
                            return committed.get(partition);
                        }
                    }

                    @Override
                    public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                        Map<Map<String, T>, Map<String, Object>> out = new HashMap<>();
                        partitions.forEach(p -> out.put(p, offset(p)));
                        return out;
                    }
                };
            }

            @Override
            public PluginMetrics pluginMetrics() {
                return null;
            }
        });
        newTask.start(props);
    }

    /** Polls until {@code done} holds over what was read, or fails after {@code timeout}. */
    public void pollUntil(Predicate<TaskDriver> done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(this)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out; signals so far: " + signals + "; dead letters: " + deadLetters.size());
            }
            pollOnce();
        }
    }

    /** Polls for {@code duration}, whatever arrives. */
    public void pollFor(Duration duration) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline) {
            pollOnce();
        }
    }

    private void pollOnce() throws InterruptedException {
        List<SourceRecord> batch = task.poll();
        if (batch == null) {
            return;
        }
        for (SourceRecord r : batch) {
            Object value = data.toAvro(r.valueSchema(), r.value());
            if (value instanceof SocialSignal s) {
                signals.add(s);
                if (!s.getPostId().equals(r.key())) {
                    throw new AssertionError("record key " + r.key() + " is not the post id " + s.getPostId());
                }
            } else if (value instanceof DeadLetter d) {
                deadLetters.add(d);
            }
            synchronized (committed) {
                committed.put(r.sourcePartition(), new HashMap<>(r.sourceOffset()));
            }
        }
    }

    public void stop() {
        if (task != null) {
            task.stop();
        }
    }

    public List<SocialSignal> signals() {
        return new ArrayList<>(signals);
    }

    public List<DeadLetter> deadLetters() {
        return new ArrayList<>(deadLetters);
    }

    public Map<Map<String, ?>, Map<String, Object>> committed() {
        synchronized (committed) {
            return new HashMap<>(committed);
        }
    }

    public static String resource(String path) {
        try (InputStream in = TaskDriver.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
