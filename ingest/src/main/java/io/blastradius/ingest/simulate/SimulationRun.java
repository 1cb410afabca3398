package io.blastradius.ingest.simulate;

import io.blastradius.ingest.catalog.CatalogPublisher;
import io.blastradius.ingest.catalog.CatalogRecords;
import io.blastradius.ingest.simulate.ScenarioLoader.LoadedScenario;
import io.blastradius.schemas.serde.AvroSerdeConfig;
import io.blastradius.schemas.serde.AvroSerdes;
import io.blastradius.schemas.topic.TopicNames;
import io.blastradius.schemas.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulation run as configured by {@link SimulatorConfig}: plans the scenario, writes the truth,
 * publishes (or writes) the catalog, then streams the signals to files and/or Kafka.
 */
public final class SimulationRun {
    private static final Logger LOG = LoggerFactory.getLogger(SimulationRun.class);

    private SimulationRun() {
    }

    /** What a run produced. */
    public record Result(String scenario, Truth truth, Simulator.Counts counts, Duration simulated, Duration wall) {
        /** Signals per simulated day. */
        public double perDay() {
            return counts.total() / (simulated.toMillis() / 86_400_000.0);
        }
    }

    public static Result run(SimulatorConfig config) {
        LoadedScenario loaded = ScenarioLoader.resolve(config.getString(SimulatorConfig.SCENARIO));
        Simulator sim = Simulator.of(loaded);
        Plan plan = sim.plan();
        Truth truth = sim.truth();
        String dir = config.getString(SimulatorConfig.OUTPUT_DIR);
        String truthFile = config.getString(SimulatorConfig.TRUTH_FILE);
        if (!truthFile.isBlank()) {
            truth.write(Path.of(truthFile));
        } else if (!dir.isBlank()) {
            truth.write(Path.of(dir).resolve("truth.json"));
        }
        boolean catalog = config.getBoolean(SimulatorConfig.CATALOG_PUBLISH);
        List<SignalOutput> outputs = new ArrayList<>();
        if (!dir.isBlank()) {
            Path out = Path.of(dir);
            if (catalog) {
                FileOutput.writeCatalog(out, config.format(), plan.seed(), CatalogRecords.serviceInfos(plan.world(), plan.start()),
                        CatalogRecords.dependencies(plan.world(), plan.start()));
            }
            outputs.add(new FileOutput(out, config.format(), plan.seed()));
        }
        AvroSerdes serdes = null;
        String bootstrap = config.getString(SimulatorConfig.BOOTSTRAP_SERVERS);
        if (!bootstrap.isBlank()) {
            serdes = new AvroSerdes(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, config.getString(SimulatorConfig.SCHEMA_REGISTRY_URL)));
            Topics topics = Topics.create(TopicNames.withPrefix(config.getString(SimulatorConfig.TOPIC_PREFIX)), serdes);
            Map<String, Object> producer = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            if (catalog) {
                CatalogPublisher.publish(plan.world(), topics, producer, plan.start());
            }
            outputs.add(KafkaOutput.create(topics, producer, config.pacer()));
        }
        LOG.info("simulating {} ({} .. {}): {} provider outages, {} service incidents", plan.scenario(), plan.start(), plan.end(),
                plan.outages().size(), plan.serviceIncidents().size());
        long t0 = System.nanoTime();
        Simulator.Counts counts;
        try (SignalOutput out = SignalOutput.tee(outputs)) {
            counts = sim.run(out);
        } finally {
            if (serdes != null) {
                serdes.close();
            }
        }
        Result result = new Result(plan.scenario(), truth, counts, Duration.between(plan.start(), plan.end()),
                Duration.ofNanos(System.nanoTime() - t0));
        LOG.info("simulated {}: {} status, {} social, {} probe records ({} per simulated day) in {} s", plan.scenario(),
                counts.status(), counts.social(), counts.probes(), Math.round(result.perDay()), result.wall().toMillis() / 1000.0);
        return result;
    }
}
