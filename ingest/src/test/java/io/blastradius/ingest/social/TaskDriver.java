package io.blastradius.ingest.social;

import io.blastradius.ingest.connect.AvroConnectData;
import io.blastradius.ingest.connect.QueueingSourceTask;
import io.blastradius.schemas.DeadLetter;
import io.blastradius.schemas.SocialSignal;
import io.blastradius.testsupport.connect.MapTaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Drives a source task the way a Connect worker does, without Kafka: start with the committed
 * offsets, poll, read the records back as generated Avro, and "commit" each polled record's source
 * offset, so a second task started from the same driver resumes where the first one stopped.
 */
public final class TaskDriver {
    public static final String SALT = "test-salt-0123456789abcdef";
    private final MapTaskContext context = new MapTaskContext();
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
        newTask.initialize(context);
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
            context.commit(r.sourcePartition(), r.sourceOffset());
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
        return context.committed();
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
