package io.blastradius.evaluation.tuning;

import io.blastradius.evaluation.score.PipelineOutput;
import io.blastradius.ingest.catalog.CatalogRecords;
import io.blastradius.ingest.simulate.SignalOutput;
import io.blastradius.ingest.simulate.Simulator;
import io.blastradius.schemas.DeadLetter;
import io.blastradius.schemas.HealthState;
import io.blastradius.schemas.Outage;
import io.blastradius.schemas.OutageAlert;
import io.blastradius.schemas.PostAction;
import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.ServiceDependency;
import io.blastradius.schemas.ServiceHealth;
import io.blastradius.schemas.ServiceInfo;
import io.blastradius.schemas.SocialSignal;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.SubjectType;
import io.blastradius.schemas.registry.SchemaRegistryClients;
import io.blastradius.schemas.scope.ScopeId;
import io.blastradius.schemas.serde.AvroSerdes;
import io.blastradius.schemas.topic.TopicNames;
import io.blastradius.schemas.topic.Topics;
import io.blastradius.streams.config.StreamsAppConfig;
import io.blastradius.streams.topology.BlastRadiusTopology;
import io.blastradius.streams.topology.DirectTopology;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The whole topology fed a scenario by the simulator as the connectors would write it (Avro in the
 * Confluent wire format, in-memory registry), with optional malformed input mixed in, on one
 * partition: either on a {@code TopologyTestDriver} or as the topology's processors chained directly
 * ({@link DirectTopology}: the same decisions, tens of times faster). Used by the tuning tools and by
 * tests of the pipeline on whole scenarios.
 */
final class DriverPipeline {
    private DriverPipeline() {
    }

    /** How the topology is run. */
    enum Engine { TEST_DRIVER, DIRECT }

    /** Where raw records of one input topic go. */
    interface Sink {
        void send(byte[] key, byte[] value, long timestamp);
    }

    /** The raw input topics, for records the serdes would never write. */
    record RawInputs(Topics topics, Sink probes, Sink socials, Sink statuses) {
        void probe(byte[] key, byte[] value, long timestamp) {
            probes.send(key, value, timestamp);
        }

        void social(byte[] key, byte[] value, long timestamp) {
            socials.send(key, value, timestamp);
        }

        void status(byte[] key, byte[] value, long timestamp) {
            statuses.send(key, value, timestamp);
        }
    }

    /** Mixes extra input into a run: called after each simulated signal, with its event time. */
    interface Mixer {
        Mixer NONE = (signal, at, raw) -> { };

        void after(Object signal, long at, RawInputs raw);
    }

    /** What the run wrote: the outage versions and alerts, the dead letters and the health judgements. */
    record Result(PipelineOutput output, List<DeadLetter> deadLetters, List<ServiceHealth> health) {
    }

    /**
     * Runs {@code sim} through the topology with {@code config}'s detection settings; {@code trace}
     * (may be null) records what the correlation stage was sent.
     */
    static Result run(Simulator sim, StreamsAppConfig config, Path stateRoot, CorrelationTrace.Writer trace, Mixer mixer)
            throws Exception {
        return run(Engine.TEST_DRIVER, sim, config, stateRoot, trace, mixer);
    }

    static Result run(Engine engine, Simulator sim, StreamsAppConfig config, Path stateRoot, CorrelationTrace.Writer trace,
            Mixer mixer) throws Exception {
        return run(engine, sim, config, stateRoot, trace, mixer, 0);
    }

    /**
     * As {@link #run(Engine, Simulator, StreamsAppConfig, Path, CorrelationTrace.Writer, Mixer)}; on the
     * {@link Engine#DIRECT} engine, {@code repartitionLag} input records pass between deliveries of the
     * by-service repartition ({@link DirectTopology#lagRepartition}).
     */
    static Result run(Engine engine, Simulator sim, StreamsAppConfig config, Path stateRoot, CorrelationTrace.Writer trace,
            Mixer mixer, int repartitionLag) throws Exception {
        String scope = "driver-run-" + UUID.randomUUID();
        AvroSerdes serdes = new AvroSerdes(Map.of("schema.registry.url", "mock://" + scope));
        Topics topics = Topics.create(TopicNames.defaults(), serdes);
        Instant start = sim.plan().start();
        List<Outage> outages = new ArrayList<>();
        List<OutageAlert> alerts = new ArrayList<>();
        List<DeadLetter> letters = new ArrayList<>();
        List<ServiceHealth> judged = new ArrayList<>();
        Map<String, HealthState> lastState = new HashMap<>();
        Consumer<ServiceHealth> traceHealth = h -> {
            judged.add(h);
            if (trace == null) {
                return;
            }
            // what the correlation stage is sent: changes, and a refresh every five minutes while unhealthy
            boolean unhealthy = h.getState() == HealthState.DEGRADED || h.getState() == HealthState.DOWN;
            long end = h.getWindowEnd().toEpochMilli();
            boolean changed = lastState.put(h.getService(), h.getState()) != h.getState();
            if (changed || (unhealthy && (end / 60_000 - 1) % 5 == 0)) {
                trace.write(new CorrelationTrace.Health(h.getService(), unhealthy, h.getScore(),
                        h.getProbe().getAttributedScopes(), end));
            }
        };
        TopologyTestDriver driver = null;
        try {
            RawInputs raw;
            Runnable drain;
            Runnable end = () -> { };
            if (engine == Engine.DIRECT) {
                DirectTopology direct = new DirectTopology(topics, config.detectionSettings(), new DirectTopology.Outputs() {
                    @Override
                    public void health(ServiceHealth health) {
                        traceHealth.accept(health);
                    }

                    @Override
                    public void outage(Outage outage) {
                        outages.add(outage);
                    }

                    @Override
                    public void alert(OutageAlert alert) {
                        alerts.add(alert);
                    }

                    @Override
                    public void deadLetter(DeadLetter letter) {
                        letters.add(letter);
                    }
                }).lagRepartition(repartitionLag);
                CatalogRecords.serviceInfos(sim.plan().world(), start).forEach(direct::service);
                CatalogRecords.dependencies(sim.plan().world(), start).forEach(direct::dependency);
                raw = new RawInputs(topics, direct::probe, direct::social, direct::status);
                drain = () -> { };
                end = direct::flush;
            } else {
                Properties props = new Properties();
                props.put(StreamsConfig.APPLICATION_ID_CONFIG, "driver-run");
                props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
                props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(stateRoot).resolve(scope).toString());
                driver = new TopologyTestDriver(BlastRadiusTopology.build(topics, config.detectionSettings()), props, start);
                StringSerializer keys = new StringSerializer();
                TestInputTopic<String, ServiceInfo> services = driver.createInputTopic(topics.services().name(), keys,
                        topics.services().valueSerde().serializer());
                TestInputTopic<String, ServiceDependency> deps = driver.createInputTopic(topics.serviceDependencies().name(),
                        keys, topics.serviceDependencies().valueSerde().serializer());
                for (ServiceInfo s : CatalogRecords.serviceInfos(sim.plan().world(), start)) {
                    services.pipeInput(s.getService(), s);
                }
                for (ServiceDependency d : CatalogRecords.dependencies(sim.plan().world(), start)) {
                    deps.pipeInput(d.getService() + "|" + d.getTarget(), d);
                }
                ByteArraySerializer bytes = new ByteArraySerializer();
                TestInputTopic<byte[], byte[]> probes = driver.createInputTopic(topics.probeResults().name(), bytes, bytes);
                TestInputTopic<byte[], byte[]> social = driver.createInputTopic(topics.socialSignals().name(), bytes, bytes);
                TestInputTopic<byte[], byte[]> status = driver.createInputTopic(topics.statusEvents().name(), bytes, bytes);
                raw = new RawInputs(topics, probes::pipeInput, social::pipeInput, status::pipeInput);
                StringDeserializer keyReader = new StringDeserializer();
                TestOutputTopic<String, Outage> outageTopic = driver.createOutputTopic(topics.outages().name(), keyReader,
                        topics.outages().valueSerde().deserializer());
                TestOutputTopic<String, OutageAlert> alertTopic = driver.createOutputTopic(topics.outageAlerts().name(),
                        keyReader, topics.outageAlerts().valueSerde().deserializer());
                TestOutputTopic<String, ServiceHealth> health = driver.createOutputTopic(topics.serviceHealth().name(),
                        keyReader, topics.serviceHealth().valueSerde().deserializer());
                TestOutputTopic<String, DeadLetter> dead = driver.createOutputTopic(topics.deadLetters().name(), keyReader,
                        topics.deadLetters().valueSerde().deserializer());
                drain = () -> {
                    outages.addAll(outageTopic.readValuesToList());
                    alerts.addAll(alertTopic.readValuesToList());
                    letters.addAll(dead.readValuesToList());
                    health.readValuesToList().forEach(traceHealth);
                };
            }
            feed(sim, topics, raw, trace, mixer, drain);
            end.run();
            drain.run();
        } finally {
            if (driver != null) {
                driver.close();
            }
            serdes.close();
            SchemaRegistryClients.dropMockScope(scope);
        }
        return new Result(new PipelineOutput(outages, alerts), letters, judged);
    }

    private static void feed(Simulator sim, Topics topics, RawInputs raw, CorrelationTrace.Writer trace, Mixer mixer,
            Runnable drain) {
        long[] n = {0};
        sim.run(new SignalOutput() {
            @Override
            public void status(StatusEvent e) {
                String topic = topics.statusEvents().name();
                raw.status(utf8(e.getSubject()), topics.statusEvents().valueSerde().serializer().serialize(topic, e),
                        e.getEventTime().toEpochMilli());
                if (trace != null && e.getSubjectType() == SubjectType.PROVIDER) {
                    ScopeId scope = ScopeId.parse(e.getSubject());
                    trace.write(new CorrelationTrace.Status(scope.toString(), e.getComponent(), e.getStatus().name(),
                            e.getIncidentId(), e.getIncidentStatus(), e.getEventTime().toEpochMilli()));
                }
                after(e, e.getEventTime());
            }

            @Override
            public void social(SocialSignal s) {
                String topic = topics.socialSignals().name();
                raw.social(utf8(s.getPostId()), topics.socialSignals().valueSerde().serializer().serialize(topic, s),
                        s.getCreatedAt().toEpochMilli());
                if (trace != null && s.getAction() == PostAction.CREATE && s.getComplaintScore() > 0) {
                    Set<String> providers = new LinkedHashSet<>();
                    s.getProviders().forEach(p -> providers.add(ScopeId.parse(p).provider()));
                    providers.forEach(p -> trace.write(new CorrelationTrace.Complaint(p, s.getComplaintScore(),
                            s.getCreatedAt().toEpochMilli())));
                }
                after(s, s.getCreatedAt());
            }

            @Override
            public void probe(ProbeResult p) {
                String topic = topics.probeResults().name();
                raw.probe(utf8(p.getTarget().getService()), topics.probeResults().valueSerde().serializer().serialize(topic, p),
                        p.getStartedAt().toEpochMilli());
                after(p, p.getStartedAt());
            }

            private void after(Object signal, Instant at) {
                mixer.after(signal, at.toEpochMilli(), raw);
                if (++n[0] % 100_000 == 0) {
                    drain.run();
                }
            }
        });
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
