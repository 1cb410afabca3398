package io.blastradius.evaluation.tuning;

import io.blastradius.evaluation.recording.RecordedRun;
import io.blastradius.evaluation.report.ReportWriter;
import io.blastradius.evaluation.report.ReportWriter.ScenarioRun;
import io.blastradius.evaluation.report.Timelines;
import io.blastradius.evaluation.score.PipelineOutput;
import io.blastradius.evaluation.score.ScenarioScore;
import io.blastradius.evaluation.score.Scorer;
import io.blastradius.evaluation.signal.SignalSink;
import io.blastradius.evaluation.truth.TruthReader;
import io.blastradius.ingest.catalog.CatalogRecords;
import io.blastradius.ingest.simulate.ScenarioLoader;
import io.blastradius.ingest.simulate.ScenarioLoader.LoadedScenario;
import io.blastradius.ingest.simulate.SignalOutput;
import io.blastradius.ingest.simulate.Simulator;
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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * A developer's tool for tuning detection, not part of the harness: runs scenarios through the
 * simulator straight into the topology on a {@code TopologyTestDriver} (one partition, in-memory
 * registry, no broker), scores them with the harness's scorer and writes the harness's report
 * (table, JSON, timelines) plus a recording that {@code EvaluationRunner.scoreRecorded} reads.
 * The numbers to report come from the runner on the real broker; this is for fast iteration.
 *
 * <pre>
 * java -cp ... io.blastradius.evaluation.tuning.DriverRun target/tuning built-in [detection.key=value ...]
 * </pre>
 * Scenario arguments are built-in scenario names, scenario files, or {@code built-in} (the suite).
 */
public final class DriverRun {
    private DriverRun() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        List<LoadedScenario> scenarios = new ArrayList<>();
        Map<String, Object> settings = new HashMap<>();
        settings.put(StreamsAppConfig.BOOTSTRAP_SERVERS, "127.0.0.1:9");
        settings.put(StreamsAppConfig.SCHEMA_REGISTRY_URL, "mock://unused");
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.contains("=")) {
                settings.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            } else if (a.equals("built-in")) {
                scenarios.addAll(ScenarioLoader.suite("built-in"));
            } else {
                scenarios.add(ScenarioLoader.resolve(a));
            }
        }
        StreamsAppConfig config = new StreamsAppConfig(settings);
        List<ScenarioRun> runs = new ArrayList<>();
        Scorer scorer = new Scorer();
        for (LoadedScenario scenario : scenarios) {
            long t0 = System.nanoTime();
            Simulator sim = Simulator.of(scenario);
            Path dir = out.resolve(scenario.scenario().name());
            Files.createDirectories(dir);
            Path truthFile = dir.resolve("truth.json");
            sim.truth().write(truthFile);
            PipelineOutput output;
            try (CorrelationTrace.Writer trace = new CorrelationTrace.Writer(dir.resolve("correlation-trace.bin"))) {
                output = run(sim, config, out.resolve("state"), trace);
            }
            RecordedRun.writeOutput(dir.resolve("recording"), output);
            ScenarioScore score = scorer.score(TruthReader.read(truthFile), output);
            runs.add(new ScenarioRun(score, sink -> sim.run(new Forward(sink)), List.of(), scenario.scenario().name()));
            System.out.printf("%s: %d detections in %.1f s%n", scenario.scenario().name(), output.detections().size(),
                    (System.nanoTime() - t0) / 1e9);
        }
        System.out.println(new ReportWriter(new Timelines(50)).write(out, runs));
    }

    static PipelineOutput run(Simulator sim, StreamsAppConfig config, Path stateRoot, CorrelationTrace.Writer trace)
            throws Exception {
        String scope = "driver-run-" + UUID.randomUUID();
        AvroSerdes serdes = new AvroSerdes(Map.of("schema.registry.url", "mock://" + scope));
        Topics topics = Topics.create(TopicNames.defaults(), serdes);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "driver-run");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(stateRoot).resolve(scope).toString());
        Instant start = sim.plan().start();
        List<Outage> outages = new ArrayList<>();
        List<OutageAlert> alerts = new ArrayList<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(BlastRadiusTopology.build(topics, config.detectionSettings()),
                props, start)) {
            StringSerializer keys = new StringSerializer();
            TestInputTopic<String, ServiceInfo> services = driver.createInputTopic(topics.services().name(), keys,
                    topics.services().valueSerde().serializer());
            TestInputTopic<String, ServiceDependency> deps = driver.createInputTopic(topics.serviceDependencies().name(), keys,
                    topics.serviceDependencies().valueSerde().serializer());
            for (ServiceInfo s : CatalogRecords.serviceInfos(sim.plan().world(), start)) {
                services.pipeInput(s.getService(), s);
            }
            for (ServiceDependency d : CatalogRecords.dependencies(sim.plan().world(), start)) {
                deps.pipeInput(d.getService() + "|" + d.getTarget(), d);
            }
            TestInputTopic<String, ProbeResult> probes = driver.createInputTopic(topics.probeResults().name(), keys,
                    topics.probeResults().valueSerde().serializer());
            TestInputTopic<String, SocialSignal> social = driver.createInputTopic(topics.socialSignals().name(), keys,
                    topics.socialSignals().valueSerde().serializer());
            TestInputTopic<String, StatusEvent> status = driver.createInputTopic(topics.statusEvents().name(), keys,
                    topics.statusEvents().valueSerde().serializer());
            StringDeserializer keyReader = new StringDeserializer();
            TestOutputTopic<String, Outage> outageTopic = driver.createOutputTopic(topics.outages().name(), keyReader,
                    topics.outages().valueSerde().deserializer());
            TestOutputTopic<String, OutageAlert> alertTopic = driver.createOutputTopic(topics.outageAlerts().name(), keyReader,
                    topics.outageAlerts().valueSerde().deserializer());
            TestOutputTopic<String, ServiceHealth> health = driver.createOutputTopic(topics.serviceHealth().name(), keyReader,
                    topics.serviceHealth().valueSerde().deserializer());
            Map<String, HealthState> lastState = new HashMap<>();
            var dead = driver.createOutputTopic(topics.deadLetters().name(), keyReader, keyReader);
            long[] n = {0};
            Runnable drain = () -> {
                outages.addAll(outageTopic.readValuesToList());
                alerts.addAll(alertTopic.readValuesToList());
                for (ServiceHealth h : health.readValuesToList()) {
                    // what the correlation stage is sent: changes, and a refresh every five minutes while unhealthy
                    boolean unhealthy = h.getState() == HealthState.DEGRADED || h.getState() == HealthState.DOWN;
                    long end = h.getWindowEnd().toEpochMilli();
                    boolean changed = lastState.put(h.getService(), h.getState()) != h.getState();
                    if (changed || (unhealthy && (end / 60_000 - 1) % 5 == 0)) {
                        trace.write(new CorrelationTrace.Health(h.getService(), unhealthy, h.getScore(),
                                h.getProbe().getAttributedScopes(), end));
                    }
                }
                if (!dead.isEmpty()) {
                    dead.readRecordsToList().clear();
                }
            };
            sim.run(new SignalOutput() {
                @Override
                public void status(StatusEvent e) {
                    status.pipeInput(e.getSubject(), e, e.getEventTime());
                    if (e.getSubjectType() == SubjectType.PROVIDER) {
                        ScopeId scope = ScopeId.parse(e.getSubject());
                        trace.write(new CorrelationTrace.Status(scope.toString(), e.getComponent(), e.getStatus().name(),
                                e.getIncidentId(), e.getIncidentStatus(), e.getEventTime().toEpochMilli()));
                    }
                    tick();
                }

                @Override
                public void social(SocialSignal s) {
                    social.pipeInput(s.getPostId(), s, s.getCreatedAt());
                    if (s.getAction() == PostAction.CREATE && s.getComplaintScore() > 0) {
                        Set<String> providers = new LinkedHashSet<>();
                        s.getProviders().forEach(p -> providers.add(ScopeId.parse(p).provider()));
                        providers.forEach(p -> trace.write(new CorrelationTrace.Complaint(p, s.getComplaintScore(),
                                s.getCreatedAt().toEpochMilli())));
                    }
                    tick();
                }

                @Override
                public void probe(ProbeResult p) {
                    probes.pipeInput(p.getTarget().getService(), p, p.getStartedAt());
                    tick();
                }

                private void tick() {
                    if (++n[0] % 100_000 == 0) {
                        drain.run();
                    }
                }
            });
            drain.run();
        } finally {
            serdes.close();
            SchemaRegistryClients.dropMockScope(scope);
        }
        return new PipelineOutput(outages, alerts);
    }

    /** Feeds the simulator's signals to a timeline sink. */
    private record Forward(SignalSink sink) implements SignalOutput {
        @Override
        public void status(StatusEvent event) {
            if (sink.wants(event.getEventTime().toEpochMilli())) {
                sink.status(event);
            }
        }

        @Override
        public void social(SocialSignal signal) {
            if (sink.wants(signal.getCreatedAt().toEpochMilli())) {
                sink.social(signal);
            }
        }

        @Override
        public void probe(ProbeResult result) {
            if (sink.wants(result.getStartedAt().toEpochMilli())) {
                sink.probe(result);
            }
        }
    }
}
