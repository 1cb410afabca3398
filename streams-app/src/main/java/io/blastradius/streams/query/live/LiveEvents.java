package io.blastradius.streams.query.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.blastradius.schemas.DeadLetter;
import io.blastradius.schemas.Outage;
import io.blastradius.schemas.OutageAlert;
import io.blastradius.schemas.OutageState;
import io.blastradius.schemas.serde.AvroSerdes;
import io.blastradius.schemas.topic.Topics;
import io.blastradius.streams.config.StreamsAppConfig;
import io.blastradius.streams.query.QueryConfig;
import io.blastradius.streams.query.api.OutageView;
import io.blastradius.streams.query.http.ApiException;
import io.blastradius.streams.query.http.Request;
import io.blastradius.streams.query.ops.Metrics;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live stream of outage changes, {@code GET /api/v1/events} (server-sent events). Every instance
 * reads the outage-alerts and outages topics itself (committed records only, no consumer group), so
 * any instance serves any stream. Events: {@code transition} (one lifecycle step, from an
 * OutageAlert) and {@code outage} (a new version of an outage: confidence, blast radius), each with
 * the outage's summary; comment-line heartbeats keep idle streams open.
 *
 * <p>Event ids are positions in those topics (the next offset of every partition), the same on
 * every instance, so a client that reconnects with {@code Last-Event-ID}, to this instance or
 * another, gets what it missed from the recent events kept in memory; when it missed more than
 * that, it gets a {@code reset} event and reloads through the API. The same reader keeps the
 * detection counters: outages by state, alerts, dead letters.
 */
public final class LiveEvents implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveEvents.class);
    private static final int CLIENT_QUEUE = 1_000;

    /** One event as kept for resumption. */
    private record Event(int topic, int partition, long offset, String frameWithoutId, String positionId) {
    }

    private final Topics topics;
    private final AvroSerdes serdes;
    private final Map<String, Object> consumerConfig;
    private final QueryConfig config;
    private final ObjectMapper json;
    private final Metrics metrics;
    private final Deque<Event> buffer = new ArrayDeque<>();
    /** Next offset per partition of [alerts, outages], as far as read. */
    private final List<Map<Integer, Long>> position = List.of(new HashMap<>(), new HashMap<>());
    /** Per partition, the position from which the buffer holds every event (older ones were dropped). */
    private final List<Map<Integer, Long>> bufferStart = List.of(new HashMap<>(), new HashMap<>());
    private final List<SseClient> clients = new CopyOnWriteArrayList<>();
    private final Map<String, OutageState> states = new ConcurrentHashMap<>();
    private final Map<OutageState, AtomicInteger> byState = new EnumMap<>(OutageState.class);
    private final ScheduledExecutorService heartbeats;
    private final AtomicInteger threads = new AtomicInteger();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running = true;
    private Thread reader;

    public LiveEvents(StreamsAppConfig streamsConfig, QueryConfig config, ObjectMapper json, Metrics metrics) {
        this.config = config;
        this.json = json;
        this.metrics = metrics;
        this.serdes = new AvroSerdes(streamsConfig.serdeConfig());
        this.topics = Topics.create(streamsConfig.topicNames(), serdes);
        Map<String, Object> c = new HashMap<>(streamsConfig.originalsWithPrefix(StreamsAppConfig.KAFKA_PREFIX));
        c.keySet().removeIf(k -> !ConsumerConfig.configNames().contains(k));
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", streamsConfig.getList(StreamsAppConfig.BOOTSTRAP_SERVERS)));
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "blastradius-live-" + config.advertisedHost() + "-" + System.nanoTime());
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumerConfig = c;
        for (OutageState s : OutageState.values()) {
            AtomicInteger n = new AtomicInteger();
            byState.put(s, n);
            metrics.gauge("blastradius.outages", "Outages by lifecycle state (from the outages topic)",
                    Map.of("state", s.name()), n, AtomicInteger::get);
        }
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "query-sse-heartbeat");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts reading the topics and sending heartbeats. */
    public void start() {
        reader = new Thread(this::read, "query-live-reader");
        reader.setDaemon(true);
        reader.start();
        long every = config.heartbeat().toMillis();
        heartbeats.scheduleAtFixedRate(() -> clients.forEach(c -> c.offer(": heartbeat\n\n")), every, every,
                TimeUnit.MILLISECONDS);
    }

    /** Serves one live stream (the HTTP service hands over the exchange). */
    public void serve(Request request, HttpExchange exchange) throws IOException {
        if (!request.method().equals("GET")) {
            throw new ApiException(405, "method_not_allowed", null, "the live stream is read with GET");
        }
        clients.removeIf(c -> !c.isOpen());
        if (clients.size() >= config.maxStreams()) {
            throw ApiException.retry("too many live streams open (" + config.maxStreams() + ")");
        }
        String lastId = request.header("Last-Event-ID");
        if (lastId == null) {
            lastId = request.param("lastEventId");
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Accel-Buffering", "no");
        exchange.sendResponseHeaders(200, 0);
        SseClient[] holder = new SseClient[1];
        SseClient client = new SseClient(exchange, CLIENT_QUEUE, () -> clients.remove(holder[0]));
        holder[0] = client;
        synchronized (buffer) {
            client.offer("retry: 2000\n: blastradius live outage events\n\n");
            if (lastId != null && !lastId.isBlank()) {
                replay(client, lastId.trim());
            } else {
                client.offer("event: ready\nid: " + positionId() + "\ndata: {}\n\n");
            }
            clients.add(client);
        }
        Thread t = new Thread(client, "query-sse-" + threads.incrementAndGet());
        t.setDaemon(true);
        t.start();
    }

    /** Open live streams. */
    public int openStreams() {
        clients.removeIf(c -> !c.isOpen());
        return clients.size();
    }

    private void replay(SseClient client, String lastId) {
        List<Map<Integer, Long>> from = parsePosition(lastId);
        if (from == null || gap(from)) {
            client.offer("event: reset\nid: " + positionId() + "\ndata: {\"reason\":\"missed more than this instance keeps; reload\"}\n\n");
            return;
        }
        for (Event e : buffer) {
            Long next = from.get(e.topic()).get(e.partition());
            if (next == null || e.offset() >= next) {
                client.offer(e.frameWithoutId().replace("\n\n", "") + "\nid: " + e.positionId() + "\n\n");
            }
        }
    }

    /** True when the client's position is older than what the buffer still holds. */
    private boolean gap(List<Map<Integer, Long>> from) {
        for (int t = 0; t < 2; t++) {
            for (Map.Entry<Integer, Long> start : bufferStart.get(t).entrySet()) {
                Long next = from.get(t).get(start.getKey());
                if ((next == null ? 0L : next) < start.getValue()) {
                    return true;
                }
            }
        }
        return false;
    }

    private String positionId() {
        StringBuilder sb = new StringBuilder();
        for (int t = 0; t < 2; t++) {
            if (t > 0) {
                sb.append('_');
            }
            Map<Integer, Long> pos = position.get(t);
            int n = pos.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
            for (int p = 0; p < n; p++) {
                if (p > 0) {
                    sb.append('.');
                }
                sb.append(pos.getOrDefault(p, 0L));
            }
        }
        return sb.toString();
    }

    private static List<Map<Integer, Long>> parsePosition(String id) {
        String[] groups = id.split("_", -1);
        if (groups.length != 2) {
            return null;
        }
        List<Map<Integer, Long>> out = new ArrayList<>();
        try {
            for (String g : groups) {
                Map<Integer, Long> m = new HashMap<>();
                if (!g.isEmpty()) {
                    String[] parts = g.split("\\.");
                    for (int p = 0; p < parts.length; p++) {
                        m.put(p, Long.parseLong(parts[p]));
                    }
                }
                out.add(m);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return out;
    }

    private void read() {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer = c;
            List<String> names = List.of(topics.outageAlerts().name(), topics.outages().name(), topics.deadLetters().name());
            while (running && !assign(c, names)) {
                Thread.sleep(1_000);
            }
            while (running) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                    handle(r);
                }
            }
        } catch (WakeupException e) {
            // close() woke the reader to stop it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("the live event reader stopped; live streams get no new events", e);
        }
    }

    private boolean assign(KafkaConsumer<String, byte[]> c, List<String> names) {
        List<TopicPartition> all = new ArrayList<>();
        for (String name : names) {
            List<PartitionInfo> infos = c.partitionsFor(name, Duration.ofSeconds(5));
            if (infos == null || infos.isEmpty()) {
                LOG.info("waiting for topic {} to exist", name);
                return false;
            }
            infos.forEach(i -> all.add(new TopicPartition(name, i.partition())));
        }
        c.assign(all);
        c.seekToBeginning(all);
        Map<TopicPartition, Long> beginnings = c.beginningOffsets(all, Duration.ofSeconds(10));
        synchronized (buffer) {
            for (TopicPartition tp : all) {
                int t = tp.topic().equals(names.get(0)) ? 0 : tp.topic().equals(names.get(1)) ? 1 : -1;
                if (t >= 0) {
                    long start = beginnings.getOrDefault(tp, 0L);
                    position.get(t).put(tp.partition(), start);
                    bufferStart.get(t).put(tp.partition(), start);
                }
            }
        }
        return true;
    }

    private void handle(ConsumerRecord<String, byte[]> r) {
        try {
            if (r.topic().equals(topics.deadLetters().name())) {
                DeadLetter d = topics.deadLetters().valueSerde().deserializer().deserialize(r.topic(), r.value());
                metrics.counter("blastradius.dead.letters", "Records rejected to the dead-letter topic, by stage",
                        "stage", d == null ? "unknown" : d.getStage()).increment();
                return;
            }
            int t = r.topic().equals(topics.outageAlerts().name()) ? 0 : 1;
            String frame;
            if (t == 0) {
                OutageAlert a = topics.outageAlerts().valueSerde().deserializer().deserialize(r.topic(), r.value());
                if (a == null) {
                    return;
                }
                metrics.counter("blastradius.outage.alerts", "Outage lifecycle transitions emitted, by new state",
                        "state", a.getState().name()).increment();
                ObjectNode data = json.createObjectNode();
                data.put("alertId", a.getAlertId());
                data.put("outageId", a.getOutageId());
                data.put("sequence", a.getSequence());
                data.put("previousState", a.getPreviousState() == null ? null : a.getPreviousState().name());
                data.put("state", a.getState().name());
                data.put("at", a.getAt().toString());
                data.put("reason", a.getReason());
                data.set("outage", json.valueToTree(OutageView.from(a.getOutage()).brief()));
                frame = "event: transition\ndata: " + json.writeValueAsString(data) + "\n\n";
            } else {
                if (r.value() == null) {
                    return;
                }
                Outage o = topics.outages().valueSerde().deserializer().deserialize(r.topic(), r.value());
                countState(o);
                frame = "event: outage\ndata: " + json.writeValueAsString(OutageView.from(o).brief()) + "\n\n";
            }
            publish(t, r.partition(), r.offset(), frame);
        } catch (IOException | RuntimeException e) {
            LOG.warn("live event reader skips a record at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.toString());
        }
    }

    private void countState(Outage o) {
        OutageState before = states.put(o.getOutageId(), o.getState());
        if (before != o.getState()) {
            if (before != null) {
                byState.get(before).decrementAndGet();
            }
            byState.get(o.getState()).incrementAndGet();
        }
    }

    private void publish(int topic, int partition, long offset, String frame) {
        synchronized (buffer) {
            position.get(topic).put(partition, offset + 1);
            String id = positionId();
            Event e = new Event(topic, partition, offset, frame, id);
            buffer.addLast(e);
            while (buffer.size() > config.bufferedEvents()) {
                Event gone = buffer.removeFirst();
                bufferStart.get(gone.topic()).put(gone.partition(), gone.offset() + 1);
            }
            String withId = frame.substring(0, frame.length() - 2) + "\nid: " + id + "\n\n";
            for (SseClient c : clients) {
                c.offer(withId);
            }
        }
    }

    /** Ends every live stream and stops the reader (bounded). */
    @Override
    public void close() {
        running = false;
        heartbeats.shutdownNow();
        clients.forEach(SseClient::close);
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (reader != null) {
            try {
                reader.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        serdes.close();
    }

    /** The states the reader has seen (for tests and the dashboard's counts). */
    Set<Map.Entry<String, OutageState>> outageStates() {
        return states.entrySet();
    }
}
