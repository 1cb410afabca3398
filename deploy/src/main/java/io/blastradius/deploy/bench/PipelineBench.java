package io.blastradius.deploy.bench;

import io.blastradius.deploy.evaluate.ClusterStack;
import io.blastradius.evaluation.run.ConsumerGroupDrain;
import io.blastradius.evaluation.run.Directories;
import io.blastradius.ingest.catalog.CatalogPublisher;
import io.blastradius.ingest.simulate.KafkaOutput;
import io.blastradius.ingest.simulate.Pacer;
import io.blastradius.ingest.simulate.Plan;
import io.blastradius.ingest.simulate.ScenarioLoader;
import io.blastradius.ingest.simulate.SignalOutput;
import io.blastradius.ingest.simulate.Simulator;
import io.blastradius.schemas.Outage;
import io.blastradius.schemas.OutageAlert;
import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.SocialSignal;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.serde.AvroSerdeConfig;
import io.blastradius.schemas.serde.AvroSerdes;
import io.blastradius.schemas.topic.TopicNames;
import io.blastradius.schemas.topic.Topics;
import io.blastradius.streams.app.BlastRadiusApp;
import io.blastradius.streams.config.StreamsAppConfig;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * {@code blastradius bench pipeline}: how fast the whole topology goes on this machine, beside a bare
 * Kafka Streams windowed count over the same input, and how long an outage decision takes to become
 * a readable alert. Everything runs on the embedded broker and registry, with exactly-once v2.
 *
 * <ol>
 *   <li>Throughput: the first {@code events} signals of a scenario (and the world's catalog) are
 *       pre-loaded into fresh topics; the pipeline is started on them and timed from RUNNING until
 *       its consumer group has committed every input and repartition partition to its end. Then the
 *       bare count ({@link WindowedCountTopology}) is timed the same way over the same topics.</li>
 *   <li>Latency: a real outage scenario's ordinary traffic is pre-loaded and consumed; then the
 *       signals from shortly before the outage are published live, one event-time minute per burst,
 *       bursts {@code burstInterval} apart. A consumer of the alert topic (read_committed) notes when
 *       each alert arrives. The decision for an alert of event time {@code at} is made by a record of
 *       the burst holding {@code at} (the pipeline's grace, 5 s, is shorter than a minute), so the
 *       delay is measured from the start of that burst's publishing: an upper bound that includes
 *       publishing the burst. An alert arriving after the next burst started is counted as ambiguous.</li>
 * </ol>
 */
final class PipelineBench {
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(60);

    /** What to run. */
    record Settings(String scenario, long events, int partitions, String latencyScenario, Duration latencyWindow,
            Duration burstInterval, Duration leadBeforeOutage, boolean measureLatency, boolean rocksDbCount,
            boolean warmUp, Map<String, String> overrides) {
    }

    /**
     * One timed run; {@code streamCpu} is the CPU time its stream threads used meanwhile and {@code processCpu} the
     * whole JVM's (broker included): unlike the rate, these hardly depend on what else runs on the machine.
     */
    record Throughput(String what, long events, Duration took, Duration streamCpu, Duration processCpu) {
        double perSecond() {
            return events / (took.toNanos() / 1e9);
        }

        /** Microseconds of stream-thread CPU per event. */
        double streamMicrosPerEvent() {
            return streamCpu.toNanos() / 1e3 / events;
        }

        /** Microseconds of the JVM's CPU (stream threads, broker, clients) per event. */
        double processMicrosPerEvent() {
            return processCpu.toNanos() / 1e3 / events;
        }
    }

    /** One alert: when it was decided (event time), how long until it was readable, and whether that is certain. */
    record AlertDelay(String alert, Instant at, Duration delay, boolean ambiguous) {
    }

    /** The delays of the alerts and of the outage records published during the live window. */
    record Latency(List<AlertDelay> alerts, List<AlertDelay> updates) {
    }

    /** What was measured; {@code bare} (RocksDB count) and {@code latency} are null when left out. */
    record Result(Instant inputFrom, Instant inputTo, double publishRate, Throughput pipeline, Throughput bare,
            Throughput bareInMemory, Latency latency, double loadBefore, double loadAfter) {
    }

    private final Settings settings;
    private final PrintWriter progress;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);

    PipelineBench(Settings settings, PrintWriter progress) {
        this.settings = settings;
        this.progress = progress;
    }

    Result run() throws Exception {
        double loadBefore = load();
        Path work = Files.createTempDirectory("blastradius-bench-");
        try (ClusterStack stack = ClusterStack.embedded();
                AvroSerdes serdes = new AvroSerdes(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl()));
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            say("broker and registry up; load average %.1f", load());

            String inputPrefix = "bench-" + runId + "-throughput.";
            TopicNames input = TopicNames.withPrefix(inputPrefix);
            stack.ensureTopics(input.definitions(settings.partitions()));
            Simulator simulator = Simulator.of(ScenarioLoader.resolve(settings.scenario()));
            Plan plan = simulator.plan();
            Topics topics = Topics.create(input, serdes);
            CatalogPublisher.publish(plan.world(), topics, producerConfig(stack, 20), plan.start());
            long t0 = System.nanoTime();
            Limited limited = new Limited(settings.events());
            try (KafkaOutput out = KafkaOutput.create(topics, producerConfig(stack, 20), Pacer.asFastAsPossible())) {
                limited.out = out;
                try {
                    simulator.run(limited);
                } catch (Limited.Enough e) {
                    // the first events are all we want
                }
            }
            double publishRate = limited.count / ((System.nanoTime() - t0) / 1e9);
            say("pre-loaded %,d signals of %s (%s → %s event time) at %,.0f/s", limited.count, plan.scenario(), limited.first,
                    limited.last, publishRate);

            List<String> signals = List.of(input.statusEvents(), input.socialSignals(), input.probeResults());
            if (settings.warmUp()) {
                // a long-running service runs compiled code: one untimed pass first, so that the timed ones do not
                // pay for the JIT compiler on these two cores (the first timed run would pay it alone otherwise)
                String warmUpId = "bench-" + runId + "-warm-up";
                timeToDrain("warm-up pass of the whole topology (not timed)", limited.count, admin, warmUpId, signals, () -> {
                    BlastRadiusApp app = new BlastRadiusApp(new StreamsAppConfig(pipelineConfig(stack, inputPrefix, warmUpId, work)));
                    return new Running(app::start, app::awaitRunning, app::close);
                });
            }
            String pipelineId = "bench-" + runId + "-pipeline";
            Throughput pipeline = timeToDrain("whole topology (blastradius)", limited.count, admin, pipelineId, signals, () -> {
                BlastRadiusApp app = new BlastRadiusApp(new StreamsAppConfig(pipelineConfig(stack, inputPrefix, pipelineId, work)));
                return new Running(app::start, app::awaitRunning, app::close);
            });
            say("%s: %,.0f events/s; load average %.1f", pipeline.what(), pipeline.perSecond(), load());

            Throughput bare = settings.rocksDbCount() ? bareCount(stack, admin, work, signals, limited.count, false) : null;
            Throughput bareInMemory = bareCount(stack, admin, work, signals, limited.count, true);

            Latency alerts = settings.measureLatency() ? latency(stack, serdes, admin, work) : null;
            return new Result(limited.first, limited.last, publishRate, pipeline, bare, bareInMemory, alerts, loadBefore, load());
        } finally {
            Directories.deleteTree(work);
        }
    }

    private Throughput bareCount(ClusterStack stack, Admin admin, Path work, List<String> signals, long events, boolean inMemory)
            throws Exception {
        String variant = inMemory ? "memory" : "rocksdb";
        String countId = "bench-" + runId + "-count-" + variant;
        String countOutput = countId + "-out";
        stack.ensureTopics(List.of(new TopicNames.TopicDefinition(countOutput, settings.partitions(), Map.of())));
        Throughput bare = timeToDrain("bare windowed count, " + (inMemory ? "in-memory store" : "RocksDB store"), events, admin,
                countId, signals, () -> {
                    KafkaStreams streams = new KafkaStreams(WindowedCountTopology.build(signals, countOutput, inMemory),
                            countConfig(stack, countId, work));
                    CountDownLatch running = new CountDownLatch(1);
                    streams.setStateListener((now, before) -> {
                        if (now == KafkaStreams.State.RUNNING) {
                            running.countDown();
                        }
                    });
                    return new Running(streams::start, timeout -> running.await(timeout.toMillis(), TimeUnit.MILLISECONDS),
                            () -> streams.close(Duration.ofSeconds(30)));
                });
        say("%s: %,.0f events/s; load average %.1f", bare.what(), bare.perSecond(), load());
        return bare;
    }

    /** A streams application to time: start it, wait for RUNNING, close it. */
    private record Running(Runnable start, AwaitRunning awaitRunning, Runnable close) {
    }

    @FunctionalInterface
    private interface AwaitRunning {
        boolean await(Duration timeout) throws InterruptedException;
    }

    @FunctionalInterface
    private interface Starter {
        Running create() throws Exception;
    }

    /** Starts an application on pre-loaded topics and times it from RUNNING until its group has consumed everything. */
    private Throughput timeToDrain(String what, long events, Admin admin, String group, List<String> inputs, Starter starter)
            throws Exception {
        say("%s: processing ...", what);
        Running app = starter.create();
        try {
            app.start().run();
            if (!app.awaitRunning().await(Duration.ofMinutes(3))) {
                throw new IllegalStateException(what + " did not reach RUNNING");
            }
            long t0 = System.nanoTime();
            long stream0 = streamThreadCpu(group);
            long process0 = processCpu();
            new ConsumerGroupDrain(admin, Duration.ofMillis(100), DRAIN_TIMEOUT).await(List.of(group), inputs);
            long took = System.nanoTime() - t0;
            return new Throughput(what, events, Duration.ofNanos(took), Duration.ofNanos(streamThreadCpu(group) - stream0),
                    Duration.ofNanos(processCpu() - process0));
        } finally {
            app.close().run();
        }
    }

    private Latency latency(ClusterStack stack, AvroSerdes serdes, Admin admin, Path work) throws Exception {
        String prefix = "bench-" + runId + "-latency.";
        TopicNames names = TopicNames.withPrefix(prefix);
        stack.ensureTopics(names.definitions(settings.partitions()));
        Topics topics = Topics.create(names, serdes);
        Simulator simulator = Simulator.of(ScenarioLoader.resolve(settings.latencyScenario()));
        Plan plan = simulator.plan();
        Instant onset = plan.outages().stream().map(Plan.PlannedOutage::onset).min(Comparator.naturalOrder())
                .orElseThrow(() -> new IllegalArgumentException(settings.latencyScenario() + " has no provider outage"));
        Instant liveFrom = onset.minus(settings.leadBeforeOutage());
        Instant liveTo = liveFrom.plus(settings.latencyWindow());
        CatalogPublisher.publish(plan.world(), topics, producerConfig(stack, 20), plan.start());

        String group = "bench-" + runId + "-latency";
        BlastRadiusApp app = new BlastRadiusApp(new StreamsAppConfig(pipelineConfig(stack, prefix, group, work)));
        // linger 0: a burst goes out as it is handed over, as a connector's would
        Bursts bursts = new Bursts(KafkaOutput.create(topics, producerConfig(stack, 0), Pacer.asFastAsPossible()),
                liveFrom.toEpochMilli(), liveTo.toEpochMilli(), settings.burstInterval());
        Latency delays;
        try (app; AlertClock clock = new AlertClock(stack.bootstrapServers(), topics)) {
            app.start();
            if (!app.awaitRunning(Duration.ofMinutes(3))) {
                throw new IllegalStateException("the pipeline did not reach RUNNING");
            }
            say("latency: pre-loading %s up to %s ...", plan.scenario(), liveFrom);
            bursts.onWarmedUp = () -> {
                bursts.out.flush();
                new ConsumerGroupDrain(admin, Duration.ofMillis(200), DRAIN_TIMEOUT).await(List.of(group),
                        List.of(names.statusEvents(), names.socialSignals(), names.probeResults()));
                clock.start();
                say("latency: pipeline caught up; publishing %s → %s live, one event-minute per %s burst", liveFrom, liveTo,
                        settings.burstInterval().toMillis() + " ms");
            };
            try {
                simulator.run(bursts);
            } catch (Limited.Enough e) {
                // past the live window
            } finally {
                bursts.out.close();
            }
            Thread.sleep(5_000); // alerts of the last bursts
            delays = new Latency(clock.delays(bursts, true), clock.delays(bursts, false));
        }
        say("latency: %d alerts, %d outage updates; load average %.1f", delays.alerts().size(), delays.updates().size(), load());
        return delays;
    }

    /** Passes on the first {@code limit} signals, then ends the simulation. */
    private static final class Limited implements SignalOutput {
        static final class Enough extends RuntimeException {
            Enough() {
                super("enough signals", null, false, false);
            }
        }

        private final long limit;
        SignalOutput out;
        long count;
        Instant first;
        Instant last;

        Limited(long limit) {
            this.limit = limit;
        }

        private boolean take(Instant at) {
            if (count == limit) {
                throw new Enough();
            }
            if (first == null) {
                first = at;
            }
            last = at;
            count++;
            return true;
        }

        @Override
        public void status(StatusEvent e) {
            if (take(e.getEventTime())) {
                out.status(e);
            }
        }

        @Override
        public void social(SocialSignal s) {
            if (take(s.getCreatedAt())) {
                out.social(s);
            }
        }

        @Override
        public void probe(ProbeResult p) {
            if (take(p.getStartedAt())) {
                out.probe(p);
            }
        }
    }

    /**
     * The latency run's publisher: everything before {@code liveFrom} at once, then one burst per
     * event-time minute, {@code interval} apart, noting when each burst began.
     */
    private static final class Bursts implements SignalOutput {
        interface WarmedUp {
            void run() throws Exception;
        }

        final KafkaOutput out;
        private final long liveFrom;
        private final long liveTo;
        private final long intervalNanos;
        final Map<Long, Long> burstStart = new HashMap<>();
        final List<Long> burstOrder = new ArrayList<>();
        WarmedUp onWarmedUp;
        private long minute = Long.MIN_VALUE;
        private long nextSlot;

        Bursts(KafkaOutput out, long liveFrom, long liveTo, Duration interval) {
            this.out = out;
            this.liveFrom = liveFrom;
            this.liveTo = liveTo;
            this.intervalNanos = interval.toNanos();
        }

        private void before(Instant at) {
            long t = at.toEpochMilli();
            if (t < liveFrom) {
                return;
            }
            if (t >= liveTo) {
                throw new Limited.Enough();
            }
            long m = Math.floorDiv(t, 60_000L);
            if (m == minute) {
                return;
            }
            try {
                if (minute == Long.MIN_VALUE) {
                    onWarmedUp.run();
                    nextSlot = System.nanoTime();
                } else {
                    out.flush();
                    long wait = nextSlot - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            minute = m;
            long now = System.nanoTime();
            burstStart.put(m, now);
            burstOrder.add(now);
            nextSlot = now + intervalNanos;
        }

        @Override
        public void status(StatusEvent e) {
            before(e.getEventTime());
            out.status(e);
        }

        @Override
        public void social(SocialSignal s) {
            before(s.getCreatedAt());
            out.social(s);
        }

        @Override
        public void probe(ProbeResult p) {
            before(p.getStartedAt());
            out.probe(p);
        }
    }

    /**
     * Reads the alert and outage topics as a subscriber would (read_committed), noting when each
     * record became readable. An outage record (the blast radius and confidence, updated between
     * transitions) is timed like an alert, from its event time {@code updatedAt}.
     */
    private static final class AlertClock implements AutoCloseable {
        private record Arrival(String what, boolean alert, Instant at, long nanos) {
        }

        private final KafkaConsumer<String, byte[]> consumer;
        private final Topics topics;
        private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
        private volatile boolean running = true;
        private Thread thread;

        AlertClock(String bootstrap, Topics topics) {
            this.topics = topics;
            this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                    new StringDeserializer(), new ByteArrayDeserializer());
        }

        /** Starts reading from the end of both topics. */
        void start() {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(topics.outageAlerts().name(), topics.outages().name())) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            thread = new Thread(() -> {
                while (running) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                        long now = System.nanoTime();
                        if (r.topic().equals(topics.outageAlerts().name())) {
                            OutageAlert a = topics.outageAlerts().valueSerde().deserializer().deserialize(r.topic(), r.value());
                            arrivals.add(new Arrival(a.getOutage().getScope() + " " + a.getState(), true, a.getAt(), now));
                        } else if (r.value() != null) {
                            Outage o = topics.outages().valueSerde().deserializer().deserialize(r.topic(), r.value());
                            arrivals.add(new Arrival(o.getScope() + " update", false, o.getUpdatedAt(), now));
                        }
                    }
                }
            }, "bench-alert-clock");
            thread.start();
        }

        /** The delays of the alerts ({@code alerts} true) or of the outage updates. */
        List<AlertDelay> delays(Bursts bursts, boolean alerts) {
            List<AlertDelay> delays = new ArrayList<>();
            for (Arrival a : arrivals) {
                if (a.alert() != alerts) {
                    continue;
                }
                Long started = bursts.burstStart.get(Math.floorDiv(a.at().toEpochMilli(), 60_000L));
                if (started == null) {
                    continue; // decided by the pre-loaded traffic
                }
                long lastBefore = bursts.burstOrder.stream().filter(s -> s <= a.nanos()).max(Long::compare).orElse(started);
                delays.add(new AlertDelay(a.what(), a.at(), Duration.ofNanos(a.nanos() - started), lastBefore != started));
            }
            return delays;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            if (thread != null) {
                thread.join(5_000);
            }
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private Map<String, Object> producerConfig(ClusterStack stack, int lingerMs) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        return config;
    }

    private Map<String, Object> pipelineConfig(ClusterStack stack, String topicPrefix, String applicationId, Path work) {
        Map<String, Object> props = new HashMap<>();
        props.put(StreamsAppConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
        props.put(StreamsAppConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
        props.put(StreamsAppConfig.APPLICATION_ID, applicationId);
        props.put(StreamsAppConfig.TOPIC_PREFIX, topicPrefix);
        props.put(StreamsAppConfig.STATE_DIR, work.resolve(applicationId).toString());
        props.putAll(settings.overrides());
        return props;
    }

    private Properties countConfig(ClusterStack stack, String applicationId, Path work) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        p.put(StreamsConfig.STATE_DIR_CONFIG, work.resolve(applicationId).toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        return p;
    }

    /** CPU time so far of the stream threads of {@code applicationId} (named {@code <id>-<uuid>-StreamThread-<n>}). */
    private static long streamThreadCpu(String applicationId) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(applicationId + "-")
                    && info.getThreadName().matches(".*-StreamThread-\\d+")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private void say(String format, Object... args) {
        progress.printf(Locale.ROOT, "  " + format + "%n", args);
        progress.flush();
    }
}
