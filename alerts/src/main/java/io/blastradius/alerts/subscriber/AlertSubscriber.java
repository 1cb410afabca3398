package io.blastradius.alerts.subscriber;

import io.blastradius.alerts.config.AlertsConfig;
import io.blastradius.alerts.config.DestinationConfig;
import io.blastradius.alerts.delivery.DeadLetterSink;
import io.blastradius.alerts.delivery.Destination;
import io.blastradius.alerts.delivery.DeliveryStats;
import io.blastradius.alerts.delivery.DestinationWorker;
import io.blastradius.alerts.delivery.OffsetTracker;
import io.blastradius.alerts.delivery.RetryPolicy;
import io.blastradius.alerts.filter.AlertFilter;
import io.blastradius.alerts.json.JsonTopicDestination;
import io.blastradius.alerts.pagerduty.PagerDutyDestination;
import io.blastradius.alerts.slack.SlackDestination;
import io.blastradius.alerts.webhook.WebhookDestination;
import io.blastradius.schemas.DeadLetter;
import io.blastradius.schemas.OutageAlert;
import io.blastradius.schemas.serde.AvroSerdes;
import io.blastradius.schemas.topic.TopicNames;
import io.blastradius.schemas.topic.Topics;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An alert subscriber: reads {@link OutageAlert}s with its own consumer group and hands each to every
 * destination whose filter admits it. Each destination has its own {@link DestinationWorker}
 * (own threads, own queue, per-outage order, retries, dead letters), so a slow or failing one
 * holds up nobody else. An offset is committed only when every destination is done with that
 * record and all before it, together with what each destination still owed beyond it
 * ({@link io.blastradius.alerts.delivery.DeliveryProgress}); after a crash or restart the subscriber
 * reads on from the offset and gives each destination only what it still owed, so one destination
 * that was stuck does not make the others send again. What a destination delivered after the last
 * commit comes again under the same idempotency key.
 *
 * <p>Records that cannot be read (not an alert in the registry's wire format) go to the dead-letter
 * topic with the cause and are passed over. The consumer reads committed records only: the
 * topology writes alerts in transactions.
 */
public final class AlertSubscriber implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlertSubscriber.class);
    private static final Duration POLL = Duration.ofMillis(100);
    /** The retries' jitter: a worker retries from several threads, so every draw takes the calling thread's own. */
    private static final RandomGenerator JITTER = () -> ThreadLocalRandom.current().nextLong();

    /** One destination and what it accepts. */
    private record Route(AlertFilter filter, DestinationWorker worker) {}

    private final AlertsConfig config;
    private final TopicNames names;
    private final Topics topics;
    private final AvroSerdes serdes;
    private final Consumer<String, OutageAlert> consumer;
    private final Producer<byte[], byte[]> producer;
    private final List<Route> routes;
    private final OffsetTracker tracker;
    private final Clock clock;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile boolean aborting;
    private volatile Throwable failure;
    private boolean paused;
    private long lastCommit;

    private AlertSubscriber(AlertsConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.names = config.topicNames();
        this.serdes = new AvroSerdes(config.serdeConfig());
        this.topics = Topics.create(names, serdes);
        this.consumer = new KafkaConsumer<>(consumerConfig(config), new StringDeserializer(),
                topics.outageAlerts().valueSerde().deserializer());
        this.producer = new KafkaProducer<>(producerConfig(config), new ByteArraySerializer(), new ByteArraySerializer());
        DeadLetterSink deadLetters = new KafkaDeadLetterSink(topics.alertDeadLetters(), producer);
        this.routes = new ArrayList<>();
        for (DestinationConfig d : config.destinations()) {
            DestinationWorker worker = new DestinationWorker(destination(d, config.dashboardUrl(), clock), d.concurrency(),
                    new RetryPolicy(d.retry(), JITTER), deadLetters, config.groupId(),
                    clock);
            routes.add(new Route(AlertFilter.of(d), worker));
        }
        if (config.jsonTopicEnabled()) {
            Destination json = new JsonTopicDestination(names.outageAlertsJson(), producer, config.dashboardUrl(),
                    Duration.ofSeconds(30));
            // the topic takes every alert; the broker failing is retried for as long as an HTTP destination's budget
            routes.add(new Route(AlertFilter.all(), new DestinationWorker(json, 4, new RetryPolicy(
                    new DestinationConfig.RetrySettings(Integer.MAX_VALUE, Duration.ofMillis(500), Duration.ofSeconds(30),
                            Duration.ofDays(365), Duration.ofDays(365)), JITTER),
                    deadLetters, config.groupId(), clock)));
        }
        this.tracker = new OffsetTracker(routes.stream().map(r -> r.worker().destination().name()).toList());
        this.thread = new Thread(this::run, "alerts-subscriber-" + config.groupId());
    }

    /** A subscriber for {@code config}; {@link #start()} begins reading. */
    public static AlertSubscriber create(AlertsConfig config) {
        return new AlertSubscriber(config, Clock.systemUTC());
    }

    static Destination destination(DestinationConfig d, String dashboardUrl, Clock clock) {
        return switch (d.type()) {
            case WEBHOOK -> new WebhookDestination(d, dashboardUrl, clock);
            case SLACK -> new SlackDestination(d, dashboardUrl, clock);
            case PAGERDUTY -> new PagerDutyDestination(d, dashboardUrl, clock);
            case JSON_TOPIC -> throw new IllegalArgumentException("the JSON topic is enabled by json.topic.enabled");
        };
    }

    public AlertSubscriber start() {
        thread.start();
        log.info("alert subscriber {} reading {} for {} destination(s)", config.groupId(), names.outageAlerts(),
                routes.size());
        return this;
    }

    /** Per destination: delivered, skipped, retried, dead-lettered, duplicates not resent, mean latency. */
    public Map<String, DeliveryStats.Snapshot> stats() {
        Map<String, DeliveryStats.Snapshot> out = new LinkedHashMap<>();
        routes.forEach(r -> out.put(r.worker().destination().name(), r.worker().stats()));
        return out;
    }

    /** Why the subscriber stopped by itself, or null. */
    public Throwable failure() {
        return failure;
    }

    /** Waits until the subscriber has stopped (by {@link #close()}, {@link #abort()} or a failure). */
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            consumer.subscribe(List.of(names.outageAlerts()), new Rebalance());
            lastCommit = System.nanoTime();
            while (!stopping) {
                ConsumerRecords<String, OutageAlert> records;
                try {
                    records = consumer.poll(POLL);
                } catch (RecordDeserializationException e) {
                    unreadable(e);
                    continue;
                }
                for (ConsumerRecord<String, OutageAlert> record : records) {
                    dispatch(record);
                }
                applyBackpressure();
                if (System.nanoTime() - lastCommit >= config.commitInterval().toNanos()) {
                    commit(false);
                }
            }
        } catch (WakeupException e) {
            // close() or abort() woke the poll
        } catch (Throwable e) {
            failure = e;
            log.error("alert subscriber {} failed; stopping", config.groupId(), e);
        } finally {
            shutDown();
            stopped.countDown();
        }
    }

    private void dispatch(ConsumerRecord<String, OutageAlert> record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        OutageAlert alert = record.value();
        if (alert == null) {
            tracker.read(tp, record.offset(), List.of()); // a tombstone: nothing to deliver
            return;
        }
        List<Route> admitted = new ArrayList<>(routes.size());
        List<String> owedTo = new ArrayList<>(routes.size());
        for (Route route : routes) {
            String name = route.worker().destination().name();
            // every filter sees every alert (it remembers outages); a destination done with it before a restart is passed over
            if (route.filter().admits(alert)) {
                if (tracker.owes(tp, record.offset(), name)) {
                    admitted.add(route);
                    owedTo.add(name);
                } else {
                    route.worker().doneBeforeRestart();
                }
            }
        }
        tracker.read(tp, record.offset(), owedTo);
        long read = System.nanoTime();
        for (Route route : admitted) {
            String name = route.worker().destination().name();
            route.worker().submit(new DestinationWorker.Job(alert, tp, record.offset(), read,
                    () -> tracker.done(tp, record.offset(), name)));
        }
    }

    // a destination that is far behind stops the reading; the others still work off what was read
    private void applyBackpressure() {
        boolean full = routes.stream().anyMatch(r -> r.worker().pending() >= config.maxPendingPerDestination());
        if (full && !paused) {
            consumer.pause(consumer.assignment());
            paused = true;
            log.warn("alert subscriber {}: a destination has {} alerts waiting; reading paused", config.groupId(),
                    config.maxPendingPerDestination());
        } else if (!full && paused) {
            consumer.resume(consumer.paused());
            paused = false;
        }
    }

    private void commit(boolean sync) {
        lastCommit = System.nanoTime();
        Map<TopicPartition, OffsetAndMetadata> offsets = tracker.committable();
        if (offsets.isEmpty()) {
            return;
        }
        if (sync) {
            consumer.commitSync(offsets);
            tracker.committed(offsets);
        } else {
            consumer.commitAsync(offsets, (done, e) -> {
                if (e == null) {
                    tracker.committed(done);
                } else {
                    log.warn("alert subscriber {}: commit failed ({}); the next one covers it", config.groupId(),
                            e.toString());
                }
            });
        }
    }

    private void unreadable(RecordDeserializationException e) throws InterruptedException {
        TopicPartition tp = e.topicPartition();
        log.error("alert subscriber {}: record {}@{} is not a readable alert; dead-lettered", config.groupId(), tp,
                e.offset(), e);
        Map<String, String> headers = new HashMap<>();
        if (e.headers() != null) {
            for (Header h : e.headers()) {
                headers.put(h.key(), h.value() == null ? "" : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        DeadLetter letter = DeadLetter.newBuilder()
                .setSourceTopic(tp.topic())
                .setPartition(tp.partition())
                .setOffset(e.offset())
                .setStage("alerts/deserialize")
                .setErrorType(e.getCause() == null ? e.getClass().getName() : e.getCause().getClass().getName())
                .setErrorMessage(String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage()))
                .setRecordTimestamp(e.timestamp() < 0 ? null : Instant.ofEpochMilli(e.timestamp()))
                .setFailedAt(clock.instant())
                .setKey(copy(e.keyBuffer()))
                .setValue(copy(e.valueBuffer()))
                .setHeaders(headers)
                .build();
        byte[] value = topics.deadLetters().valueSerde().serializer().serialize(names.deadLetters(), letter);
        try {
            producer.send(new ProducerRecord<>(names.deadLetters(), null, value)).get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
            // not passed over then: the poll fails on it again and the write is retried
            throw new IllegalStateException("cannot dead-letter unreadable record " + tp + "@" + e.offset(), ex);
        }
        tracker.read(tp, e.offset(), List.of());
        consumer.seek(tp, e.offset() + 1);
    }

    private static ByteBuffer copy(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        ByteBuffer dup = buffer.duplicate();
        ByteBuffer out = ByteBuffer.allocate(dup.remaining());
        out.put(dup).flip();
        return out;
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty() || aborting) {
                return;
            }
            try {
                for (Route route : routes) {
                    route.worker().revoke(partitions, Duration.ofSeconds(15));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(tracker.committable());
            offsets.keySet().retainAll(partitions);
            if (!offsets.isEmpty()) {
                consumer.commitSync(offsets);
            }
            partitions.forEach(tracker::forget);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(tracker::forget);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> committed;
            try {
                committed = consumer.committed(new HashSet<>(partitions));
            } catch (WakeupException | InterruptException e) {
                throw e;
            } catch (KafkaException e) {
                // without the progress every destination gets every record from the committed offset: still at least once
                log.warn("alert subscriber {}: cannot read the committed progress of {}; destinations may get alerts "
                        + "again that they had before", config.groupId(), partitions, e);
                committed = Map.of();
            }
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata offset = committed.get(tp);
                tracker.resume(tp, offset);
                log.info("alert subscriber {} reads {} from {}", config.groupId(), tp,
                        offset == null ? "the start" : offset.offset() + (offset.metadata().isEmpty() ? ""
                                : " (destinations' progress beyond it: " + offset.metadata() + ")"));
            }
        }
    }

    private void shutDown() {
        if (aborting) {
            routes.forEach(r -> r.worker().abort());
            consumer.close(Duration.ZERO);
            producer.close(Duration.ZERO);
            serdes.close();
            return;
        }
        long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
        for (Route r : routes) {
            r.worker().close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        try {
            try {
                commit(true);
            } catch (WakeupException e) {
                commit(true); // the wakeup of close() had not been taken by a poll yet
            }
        } catch (RuntimeException e) {
            log.warn("alert subscriber {}: final commit failed; the last alerts are delivered again after the restart",
                    config.groupId(), e);
        }
        consumer.close(Duration.ofSeconds(5));
        producer.close(Duration.ofSeconds(5));
        serdes.close();
        log.info("alert subscriber {} stopped: {}", config.groupId(), stats());
    }

    /**
     * Stops cleanly: reads no more, gives deliveries under way up to {@code shutdown.timeout.ms},
     * commits what every destination is done with.
     */
    @Override
    public void close() {
        stopping = true;
        consumer.wakeup();
        awaitThread();
    }

    /**
     * Stops at once, as if the process had been killed: no further delivery, no commit. What was
     * read but not committed is read again by the next subscriber of the group.
     */
    public void abort() {
        aborting = true;
        stopping = true;
        consumer.wakeup();
        awaitThread();
    }

    private void awaitThread() {
        if (!thread.isAlive() && thread.getState() == Thread.State.NEW) {
            shutDown();
            stopped.countDown();
            return;
        }
        try {
            thread.join(config.shutdownTimeout().toMillis() + 15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, Object> consumerConfig(AlertsConfig config) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "blastradius-alerts-" + config.groupId());
        c.putAll(config.consumerOverrides());
        // offsets are ours to commit, only once every destination is done
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return c;
    }

    private static Map<String, Object> producerConfig(AlertsConfig config) {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        c.put(ProducerConfig.CLIENT_ID_CONFIG, "blastradius-alerts-" + config.groupId() + "-producer");
        c.putAll(config.producerOverrides());
        return c;
    }
}
