package io.blastradius.deploy.local;

import io.blastradius.schemas.Outage;
import io.blastradius.schemas.OutageAlert;
import io.blastradius.schemas.ServiceInfo;
import io.blastradius.schemas.serde.AvroSerdes;
import io.blastradius.schemas.topic.Topic;
import io.blastradius.schemas.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints outages as the pipeline reports them: reads the outage-alerts topic (every lifecycle
 * transition) and the outages topic (blast-radius updates between transitions) from the beginning,
 * with the catalog's service names, and prints through the {@link StackConsole}. It reads what a
 * subscriber reads (committed records, Avro through the registry), so what it prints is what the
 * pipeline published.
 */
final class OutageConsolePart implements StackPart {
    private static final Logger log = LoggerFactory.getLogger(OutageConsolePart.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Map<String, String> names = new ConcurrentHashMap<>();
    private final Map<String, Outage> printed = new ConcurrentHashMap<>();
    private final CountDownLatch firstDetection = new CountDownLatch(1);
    private final OutageLines lines = new OutageLines(id -> names.getOrDefault(id, id));
    private volatile String firstDetectionLine;
    private volatile boolean running;
    private KafkaConsumer<String, byte[]> consumer;
    private AvroSerdes serdes;
    private Thread thread;

    @Override
    public String name() {
        return "outage-console";
    }

    @Override
    public void start(StackContext context) {
        serdes = new AvroSerdes(context.serdeConfig());
        Topics topics = Topics.create(context.topicNames(), serdes);
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, context.bootstrapServers(),
                // alerts are written in exactly-once transactions: show only committed ones
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "blastradius-local-console"),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topic<?, ?> topic : List.of(topics.services(), topics.outageAlerts(), topics.outages())) {
            consumer.partitionsFor(topic.name()).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        running = true;
        thread = new Thread(() -> run(topics, context.console()), "blastradius-outage-console");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Topics topics, StackConsole console) {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    try {
                        handle(topics, console, record);
                    } catch (RuntimeException e) {
                        // an unreadable record is the pipeline's problem, not a reason to stop showing the rest
                        log.warn("cannot show {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString());
                    }
                }
            }
        } catch (WakeupException e) {
            // stop() asked us to end
        } catch (RuntimeException e) {
            log.error("the outage console stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void handle(Topics topics, StackConsole console, ConsumerRecord<String, byte[]> record) {
        String topic = record.topic();
        if (record.value() == null) {
            return;
        }
        if (topic.equals(topics.services().name())) {
            ServiceInfo info = topics.services().valueSerde().deserializer().deserialize(topic, record.value());
            names.put(info.getService(), info.getName());
        } else if (topic.equals(topics.outageAlerts().name())) {
            OutageAlert alert = topics.outageAlerts().valueSerde().deserializer().deserialize(topic, record.value());
            List<String> block = lines.transition(alert);
            console.print(block);
            printed.put(alert.getOutageId(), alert.getOutage());
            if (firstDetectionLine == null) {
                firstDetectionLine = block.get(0).strip();
                firstDetection.countDown();
            }
        } else {
            Outage outage = topics.outages().valueSerde().deserializer().deserialize(topic, record.value());
            Outage before = printed.get(outage.getOutageId());
            if (before != null && outage.getUpdatedAt().isAfter(before.getUpdatedAt())) {
                List<String> growth = lines.growth(before, outage);
                if (!growth.isEmpty()) {
                    console.print(growth);
                    printed.put(outage.getOutageId(), outage);
                }
            }
        }
    }

    /** Waits until the first outage is printed; returns its headline, or null if none came within {@code timeout}. */
    String awaitFirstDetection(Duration timeout) throws InterruptedException {
        return firstDetection.await(timeout.toMillis(), TimeUnit.MILLISECONDS) ? firstDetectionLine : null;
    }

    @Override
    public void stop() {
        if (thread != null) {
            // no interrupt: it would cut the consumer's close short
            running = false;
            consumer.wakeup();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        } else if (consumer != null) {
            consumer.close(Duration.ofSeconds(5));
        }
        consumer = null;
        if (serdes != null) {
            serdes.close();
            serdes = null;
        }
    }
}
