package io.blastradius.evaluation.run;

import io.blastradius.evaluation.testing.OutageRecords;
import io.blastradius.schemas.ComponentStatus;
import io.blastradius.schemas.Outage;
import io.blastradius.schemas.OutageAlert;
import io.blastradius.schemas.OutageState;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.SubjectType;
import io.blastradius.schemas.scope.ScopeId;
import io.blastradius.schemas.serde.AvroSerdeConfig;
import io.blastradius.schemas.serde.AvroSerdes;
import io.blastradius.schemas.topic.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A real, if naive, pipeline for the runner's integration test: a consumer group that reads the three
 * signal streams and declares an outage whenever a provider's own status feed reports a problem (so
 * it is never ahead of the acknowledgment), resolving it when the feed says operational again. It
 * processes slowly on purpose, so a runner that did not wait for it would score an incomplete output.
 */
final class StatusEchoPipeline implements PipelineLauncher {
    private final Duration pausePerBatch;

    StatusEchoPipeline(Duration pausePerBatch) {
        this.pausePerBatch = pausePerBatch;
    }

    @Override
    public RunningPipeline start(EvaluationStack stack, RunTopics topics) {
        AvroSerdes serdes = new AvroSerdes(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl()));
        Topics typed = Topics.create(topics.names(), serdes);
        Map<String, Object> consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, topics.applicationId(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        KafkaProducer<String, Outage> outages = new KafkaProducer<>(producerConfig, new StringSerializer(),
                typed.outages().valueSerde().serializer());
        KafkaProducer<String, OutageAlert> alerts = new KafkaProducer<>(producerConfig, new StringSerializer(),
                typed.outageAlerts().valueSerde().serializer());
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Map<String, Outage> open = new HashMap<>();
        Map<String, Integer> sequences = new HashMap<>();
        Thread thread = new Thread(() -> {
            try {
                consumer.subscribe(topics.signals());
                while (running.get()) {
                    var batch = consumer.poll(Duration.ofMillis(100));
                    if (batch.isEmpty()) {
                        continue;
                    }
                    for (ConsumerRecord<byte[], byte[]> r : batch) {
                        if (r.topic().equals(typed.statusEvents().name())) {
                            StatusEvent e = typed.statusEvents().valueSerde().deserializer().deserialize(r.topic(), r.value());
                            echo(e, open, sequences, typed, outages, alerts);
                        }
                    }
                    outages.flush();
                    alerts.flush();
                    consumer.commitSync();
                    Thread.sleep(pausePerBatch.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure.set(e);
            } finally {
                consumer.close();
                outages.close();
                alerts.close();
                serdes.close();
            }
        }, "status-echo-" + topics.applicationId());
        thread.start();
        return new RunningPipeline() {
            @Override
            public List<String> consumerGroups() {
                return List.of(topics.applicationId());
            }

            @Override
            public void close() throws Exception {
                running.set(false);
                thread.join(30_000);
                if (failure.get() != null) {
                    throw new IllegalStateException("the echo pipeline failed", failure.get());
                }
            }
        };
    }

    private static void echo(StatusEvent e, Map<String, Outage> open, Map<String, Integer> sequences, Topics typed,
                             KafkaProducer<String, Outage> outages, KafkaProducer<String, OutageAlert> alerts) {
        if (e.getSubjectType() != SubjectType.PROVIDER) {
            return;
        }
        String id = "echo-" + e.getSubject().replace('/', '-');
        Outage current = open.get(id);
        Outage next;
        if (e.getStatus() != ComponentStatus.OPERATIONAL && current == null) {
            next = OutageRecords.version(id, ScopeId.parse(e.getSubject()), e.getEventTime(), e.getEventTime(),
                    OutageState.ACKNOWLEDGED, List.of(), List.of());
            open.put(id, next);
        } else if (e.getStatus() == ComponentStatus.OPERATIONAL && current != null) {
            next = OutageRecords.version(id, ScopeId.parse(e.getSubject()), current.getDetected(), e.getEventTime(),
                    OutageState.RESOLVED, List.of(), List.of());
            open.remove(id);
        } else {
            return;
        }
        int sequence = sequences.merge(id, 1, Integer::sum);
        long timestamp = e.getEventTime().toEpochMilli();
        outages.send(new ProducerRecord<>(typed.outages().name(), null, timestamp, id, next));
        alerts.send(new ProducerRecord<>(typed.outageAlerts().name(), null, timestamp, id,
                OutageRecords.alert(next, sequence, current == null ? null : current.getState(), e.getEventTime(), "echo")));
    }
}
