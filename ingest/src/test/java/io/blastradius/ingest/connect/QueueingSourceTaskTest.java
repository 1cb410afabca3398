package io.blastradius.ingest.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.blastradius.schemas.DeadLetter;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.testsupport.connect.MapTaskContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QueueingSourceTaskTest {
    private static final Map<String, String> PARTITION = Map.of("feed", "test");

    /** A task whose reader emits what the test scripts: numbers become StatusEvents, "bad" a dead letter. */
    static final class ScriptedTask extends QueueingSourceTask<IngestSourceConfig> {
        final List<String> script;
        final AtomicInteger stopReadingCalls = new AtomicInteger();
        final AtomicBoolean readerEnded = new AtomicBoolean();
        volatile Map<String, Object> offsetAtStart;
        volatile RuntimeException failWith;

        ScriptedTask(List<String> script) {
            this.script = script;
        }

        @Override
        protected IngestSourceConfig parseConfig(Map<String, String> props) {
            return new IngestSourceConfig(IngestSourceConfig.baseConfigDef("status"), props);
        }

        @Override
        protected void startReading(IngestSourceConfig config) {
            offsetAtStart = storedOffset(PARTITION);
            long from = offsetAtStart.containsKey("position") ? ((Number) offsetAtStart.get("position")).longValue() + 1 : 0;
            startReader("script", () -> {
                for (long i = from; i < script.size() && running(); i++) {
                    String line = script.get((int) i);
                    Map<String, Object> offset = Map.of("position", i);
                    if (line.equals("bad")) {
                        deadLetter(PARTITION, offset, "feed:test", "<html>oops".getBytes(StandardCharsets.UTF_8),
                                new IllegalArgumentException("not JSON at line " + i));
                    } else if (line.equals("fail")) {
                        throw failWith;
                    } else {
                        emit(record(PARTITION, offset, "k" + line, event(line), Instant.ofEpochSecond(Long.parseLong(line))));
                    }
                }
                try {
                    while (pause(Duration.ofSeconds(30))) {
                        // idle like a poller between polls
                    }
                } finally {
                    readerEnded.set(true);
                }
            });
        }

        @Override
        protected void stopReading() {
            stopReadingCalls.incrementAndGet();
        }
    }

    static StatusEvent event(String id) {
        return StatusEvent.newBuilder().setEventId(id).setSource("test")
                .setSubjectType(io.blastradius.schemas.SubjectType.SERVICE).setSubject("svc")
                .setStatus(io.blastradius.schemas.ComponentStatus.MAJOR_OUTAGE)
                .setEventTime(Instant.ofEpochSecond(Long.parseLong(id))).setIngestTime(Instant.EPOCH).build();
    }

    private final MapTaskContext context = new MapTaskContext();
    private final List<ScriptedTask> started = new ArrayList<>();

    private ScriptedTask start(List<String> script, Map<String, String> extra) {
        ScriptedTask task = new ScriptedTask(script);
        task.initialize(context);
        Map<String, String> props = new HashMap<>(Map.of("name", "scripted", IngestSourceConfig.POLL_TIMEOUT_MS, "50"));
        props.putAll(extra);
        task.start(props);
        started.add(task);
        return task;
    }

    @AfterEach
    void stopTasks() {
        started.forEach(QueueingSourceTask::stop);
    }

    private static List<SourceRecord> pollUntil(QueueingSourceTask<?> task, int count) {
        List<SourceRecord> all = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                all.addAll(batch);
            }
            return all.size() >= count;
        });
        return all;
    }

    @Test
    void handsReaderRecordsToPollInOrderWithOffsetsKeysAndEventTime() {
        ScriptedTask task = start(List.of("1", "2", "3"), Map.of());

        List<SourceRecord> records = pollUntil(task, 3);

        assertThat(records).extracting(SourceRecord::key).containsExactly("k1", "k2", "k3");
        assertThat(records).extracting(SourceRecord::topic).containsOnly("status");
        assertThat(records).extracting(SourceRecord::sourceOffset)
                .containsExactly(Map.of("position", 0L), Map.of("position", 1L), Map.of("position", 2L));
        assertThat(records.get(1).sourcePartition()).isEqualTo(PARTITION);
        assertThat(records.get(1).timestamp()).isEqualTo(2000L);
        Struct value = (Struct) records.get(1).value();
        assertThat(value.schema().name()).isEqualTo("io.blastradius.schemas.StatusEvent");
        assertThat(new AvroConnectData().toAvro(value.schema(), value)).isEqualTo(event("2"));
    }

    @Test
    void boundsTheQueueSoAFastReaderWaitsForPoll() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            many.add(String.valueOf(i));
        }
        ScriptedTask task = start(many, Map.of(IngestSourceConfig.QUEUE_CAPACITY, "5", IngestSourceConfig.POLL_MAX_RECORDS, "3"));

        await().atMost(Duration.ofSeconds(30)).until(() -> task.metrics().snapshot().queueSize() == 5);
        assertThat(context.gauge("queue-size")).isEqualTo(5);
        List<SourceRecord> first = new ArrayList<>();
        await().until(() -> {
            List<SourceRecord> b = task.poll();
            if (b != null) {
                assertThat(b.size()).isLessThanOrEqualTo(3);
                first.addAll(b);
            }
            return first.size() >= 50;
        });
        assertThat(first).extracting(SourceRecord::key).first().isEqualTo("k0");
        assertThat(first).extracting(SourceRecord::key).last().isEqualTo("k49");
    }

    @Test
    void resumesFromTheStoredOffset() {
        context.commit(PARTITION, Map.of("position", 1L));

        ScriptedTask task = start(List.of("1", "2", "3", "4"), Map.of());

        assertThat(task.offsetAtStart).isEqualTo(Map.of("position", 1L));
        assertThat(pollUntil(task, 2)).extracting(SourceRecord::key).containsExactly("k3", "k4");
    }

    @Test
    void sendsAnUnparseablePayloadToTheDeadLetterTopicWithItsCauseAndMovesOn() {
        ScriptedTask task = start(List.of("1", "bad", "3"), Map.of(IngestSourceConfig.DEAD_LETTER_TOPIC, "dlq"));

        List<SourceRecord> records = pollUntil(task, 3);

        SourceRecord letter = records.get(1);
        assertThat(letter.topic()).isEqualTo("dlq");
        assertThat(letter.key()).isEqualTo("feed:test");
        assertThat(letter.sourceOffset()).isEqualTo(Map.of("position", 1L));
        DeadLetter dead = (DeadLetter) new AvroConnectData().toAvro(letter.valueSchema(), letter.value());
        assertThat(dead.getStage()).isEqualTo("ingest/scripted");
        assertThat(dead.getErrorType()).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(dead.getErrorMessage()).isEqualTo("not JSON at line 1");
        assertThat(dead.getValue()).isEqualTo(ByteBuffer.wrap("<html>oops".getBytes(StandardCharsets.UTF_8)));
        assertThat(dead.getHeaders()).containsEntry("source.offset", "{position=1}");
        assertThat(records.get(2).key()).isEqualTo("k3");
        assertThat(task.metrics().snapshot().payloadsSkipped()).isEqualTo(1);
        assertThat(context.gauge("payloads-skipped-total")).isEqualTo(1);
    }

    @Test
    void countsRecordsKafkaAcknowledgedButNotDeadLettersOrDroppedOnes() {
        ScriptedTask task = start(List.of("1", "bad"), Map.of());
        List<SourceRecord> records = pollUntil(task, 2);
        RecordMetadata metadata = new RecordMetadata(new TopicPartition("status", 0), 0, 0, 0, 0, 0);

        task.commitRecord(records.get(0), metadata);
        task.commitRecord(records.get(1), metadata);
        task.commitRecord(records.get(0), null);

        assertThat(task.metrics().snapshot().recordsWritten()).isEqualTo(1);
        assertThat(task.metrics().snapshot().lastSuccess()).isNotNull();
        assertThat(context.gauge("records-written-total")).isEqualTo(1);
        assertThat(context.gauge("last-success-timestamp-ms")).isPositive();
        assertThat(context.gauge("errors-total")).isZero();
    }

    @Test
    void stopEndsAPausedReaderAtOnceAndIsIdempotent() {
        ScriptedTask task = start(List.of("1"), Map.of());
        pollUntil(task, 1);

        task.stop();
        task.stop();

        // The reader was in a 30 s pause: stop wakes it (latch or interrupt, whichever comes first),
        // long before the pause would have ended.
        await().atMost(Duration.ofSeconds(20)).untilTrue(task.readerEnded);
        assertThat(task.stopReadingCalls).hasValue(1);
        assertThat(context.metricNames()).isEmpty();
        assertThatThrownBy(() -> task.start(Map.of())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSecondStartWhileRunningIsIgnored() {
        ScriptedTask task = start(List.of("1"), Map.of());
        task.start(Map.of("name", "again"));

        assertThat(pollUntil(task, 1)).hasSize(1);
        assertThat(task.stage()).isEqualTo("ingest/scripted");
    }

    @Test
    void stopBeforeStartDoesNothing() {
        ScriptedTask task = new ScriptedTask(List.of());
        task.stop();
        assertThat(task.stopReadingCalls).hasValue(0);
    }

    @Test
    void aReaderThatDiesFailsTheTaskOnTheNextPoll() {
        ScriptedTask task = new ScriptedTask(List.of("fail"));
        task.failWith = new IllegalStateException("bug in the parser");
        task.initialize(context);
        task.start(Map.of(IngestSourceConfig.POLL_TIMEOUT_MS, "20"));
        started.add(task);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThatThrownBy(task::poll)
                .isInstanceOf(ConnectException.class).hasMessageContaining("bug in the parser"));
    }

    @Test
    void aBlockedEmitReturnsWhenTheTaskStops() throws Exception {
        CountDownLatch emitting = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<String> outcome = new java.util.concurrent.atomic.AtomicReference<>();
        QueueingSourceTask<IngestSourceConfig> task = new QueueingSourceTask<>() {
            @Override
            protected IngestSourceConfig parseConfig(Map<String, String> props) {
                return new IngestSourceConfig(IngestSourceConfig.baseConfigDef("t"), props);
            }

            @Override
            protected void startReading(IngestSourceConfig config) {
                startReader("blocked", () -> {
                    emit(record(PARTITION, Map.of(), "a", event("1"), null)); // fills the queue of one
                    emitting.countDown();
                    try {
                        outcome.set("returned " + emit(record(PARTITION, Map.of(), "b", event("2"), null)));
                    } catch (InterruptedException e) {
                        outcome.set("interrupted");
                        throw e;
                    }
                });
            }
        };
        task.initialize(context);
        task.start(Map.of(IngestSourceConfig.QUEUE_CAPACITY, "1"));
        assertThat(emitting.await(30, TimeUnit.SECONDS)).isTrue();

        task.stop();

        await().atMost(Duration.ofSeconds(20)).until(() -> outcome.get() != null);
        assertThat(outcome.get()).isIn("interrupted", "returned false");
        assertThat(task.poll()).isNull();
    }

    @Test
    void countsUpstreamErrors() {
        ScriptedTask task = start(List.of(), Map.of());
        task.upstreamError("GET https://status.example.com failed", new java.io.IOException("connection reset"));

        assertThat(task.metrics().snapshot().errors()).isEqualTo(1);
        assertThat(task.metrics().snapshot().lastError()).isNotNull();
        assertThat(context.gauge("errors-total")).isEqualTo(1);
    }
}
