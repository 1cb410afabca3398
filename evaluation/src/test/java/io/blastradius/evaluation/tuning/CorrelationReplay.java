package io.blastradius.evaluation.tuning;

import io.blastradius.evaluation.report.ReportWriter;
import io.blastradius.evaluation.report.ReportWriter.ScenarioRun;
import io.blastradius.evaluation.score.PipelineOutput;
import io.blastradius.evaluation.score.Scorer;
import io.blastradius.evaluation.truth.TruthReader;
import io.blastradius.ingest.catalog.CatalogRecords;
import io.blastradius.ingest.simulate.ScenarioLoader;
import io.blastradius.ingest.simulate.Simulator;
import io.blastradius.schemas.DependencyTargetType;
import io.blastradius.schemas.Outage;
import io.blastradius.schemas.OutageAlert;
import io.blastradius.schemas.ServiceDependency;
import io.blastradius.schemas.ServiceInfo;
import io.blastradius.schemas.scope.ScopeId;
import io.blastradius.streams.config.StreamsAppConfig;
import io.blastradius.streams.correlation.CorrelationState;
import io.blastradius.streams.correlation.Correlator;
import io.blastradius.streams.correlation.DependencyGraph;
import io.blastradius.streams.correlation.OutageCase;
import io.blastradius.streams.correlation.OutageTracker.Change;
import io.blastradius.streams.topology.DetectionSettings;
import io.blastradius.streams.topology.OutageRecords;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A developer's tool: replays the {@link CorrelationTrace}s a {@link DriverRun} wrote through the
 * correlator alone (plain Java, one upstream task, ticks every minute, as the topology decides)
 * and scores the result. Seconds per scenario, so correlation settings can be tuned quickly; the
 * health stage's settings need a new {@link DriverRun}.
 *
 * <pre>
 * java -cp ... io.blastradius.evaluation.tuning.CorrelationReplay target/tuning target/replay built-in [key=value ...]
 * </pre>
 */
public final class CorrelationReplay {
    private static final long MINUTE = 60_000L;

    private CorrelationReplay() {
    }

    public static void main(String[] args) throws Exception {
        Path traces = Path.of(args[0]);
        Path out = Path.of(args[1]);
        List<String> scenarios = new ArrayList<>();
        Map<String, Object> settings = new HashMap<>();
        settings.put(StreamsAppConfig.BOOTSTRAP_SERVERS, "127.0.0.1:9");
        settings.put(StreamsAppConfig.SCHEMA_REGISTRY_URL, "mock://unused");
        for (int i = 2; i < args.length; i++) {
            String a = args[i];
            if (a.contains("=")) {
                settings.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            } else if (a.equals("built-in")) {
                ScenarioLoader.suite("built-in").forEach(s -> scenarios.add(s.scenario().name()));
            } else {
                scenarios.add(a);
            }
        }
        DetectionSettings detection = new StreamsAppConfig(settings).detectionSettings();
        List<ScenarioRun> runs = new ArrayList<>();
        for (String name : scenarios) {
            ScenarioLoader.LoadedScenario scenario = ScenarioLoader.resolve(name);
            Path dir = traces.resolve(scenario.scenario().name());
            Simulator sim = Simulator.of(scenario);
            PipelineOutput output = replay(dir.resolve("correlation-trace.bin"), graph(sim), detection);
            runs.add(new ScenarioRun(new Scorer().score(TruthReader.read(dir.resolve("truth.json")), output), null, List.of(),
                    scenario.scenario().name()));
        }
        System.out.println(new ReportWriter(null).write(out, runs));
    }

    static DependencyGraph graph(Simulator sim) {
        Instant start = sim.plan().start();
        DependencyGraph.Builder b = DependencyGraph.builder();
        for (ServiceInfo s : CatalogRecords.serviceInfos(sim.plan().world(), start)) {
            String org = s.getOrganization() == null || s.getOrganization().isBlank() ? s.getService() : s.getOrganization();
            b.service(new DependencyGraph.ServiceMeta(s.getService(), s.getName(), org, s.getUsers()));
        }
        for (ServiceDependency d : CatalogRecords.dependencies(sim.plan().world(), start)) {
            boolean scope = d.getTargetType() == DependencyTargetType.SCOPE;
            String target = scope ? ScopeId.parse(d.getTarget()).toString() : d.getTarget();
            b.edge(new DependencyGraph.Edge(d.getService(), target, scope, d.getKind().name(), d.getCriticality().name()));
        }
        return b.build();
    }

    static PipelineOutput replay(Path trace, DependencyGraph graph, DetectionSettings settings) throws Exception {
        List<CorrelationTrace.Entry> entries = new ArrayList<>();
        CorrelationTrace.read(trace, entries::add);
        // complaints at a minute's start belong to that minute: after the tick that closes the one before
        entries.sort(Comparator.comparingLong((CorrelationTrace.Entry e) -> e.at())
                .thenComparingInt(e -> e instanceof CorrelationTrace.Complaint ? 1 : 0));
        Correlator correlator = new Correlator(settings.correlation(), settings.baseline());
        CorrelationState state = correlator.newState();
        List<Outage> outages = new ArrayList<>();
        List<OutageAlert> alerts = new ArrayList<>();
        long nextTick = Long.MIN_VALUE;
        for (CorrelationTrace.Entry e : entries) {
            if (nextTick == Long.MIN_VALUE) {
                nextTick = (Math.floorDiv(e.at(), MINUTE) + 1) * MINUTE;
            }
            while (nextTick < e.at() || (nextTick == e.at() && e instanceof CorrelationTrace.Complaint)) {
                tick(correlator, state, graph, nextTick, outages, alerts);
                nextTick += MINUTE;
            }
            if (e instanceof CorrelationTrace.Health h) {
                correlator.onHealth(state, h.service(), h.at(), h.unhealthy(), h.score(), h.scopes());
            } else if (e instanceof CorrelationTrace.Status s) {
                correlator.onStatus(state, ScopeId.parse(s.scope()), s.component(), s.status(), s.incidentId(),
                        s.incidentStatus(), s.at());
            } else if (e instanceof CorrelationTrace.Complaint c) {
                correlator.onComplaint(state, c.provider(), c.at(), c.weight());
            }
        }
        for (int i = 0; i < 60 && nextTick != Long.MIN_VALUE; i++) {
            tick(correlator, state, graph, nextTick, outages, alerts);
            nextTick += MINUTE;
        }
        return new PipelineOutput(outages, alerts);
    }

    private static void tick(Correlator correlator, CorrelationState state, DependencyGraph graph, long at,
            List<Outage> outages, List<OutageAlert> alerts) {
        for (Change change : correlator.onTick(state, graph, at)) {
            OutageCase c = change.outage();
            Outage outage = OutageRecords.outage(c, graph);
            for (OutageCase.Step step : change.steps()) {
                alerts.add(OutageRecords.alert(step, outage));
            }
            outages.add(outage);
        }
    }
}
