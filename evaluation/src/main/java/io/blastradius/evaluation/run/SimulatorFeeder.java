package io.blastradius.evaluation.run;

import io.blastradius.ingest.catalog.CatalogPublisher;
import io.blastradius.ingest.simulate.KafkaOutput;
import io.blastradius.ingest.simulate.Pacer;
import io.blastradius.ingest.simulate.ScenarioLoader;
import io.blastradius.ingest.simulate.ScenarioLoader.LoadedScenario;
import io.blastradius.ingest.simulate.Simulator;
import io.blastradius.schemas.serde.AvroSerdeConfig;
import io.blastradius.schemas.serde.AvroSerdes;
import io.blastradius.schemas.topic.Topics;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Step (b) with the real simulator: plans the scenario (a file, or a built-in one by name), writes its
 * {@code truth.json}, publishes the world's catalog, and on demand streams the three signal streams to
 * the run's topics as fast as the broker takes them (event time is in the records, so pacing would
 * only slow the run down).
 */
public final class SimulatorFeeder implements ScenarioFeeder {

    @Override
    public Prepared prepare(Scenario scenario, EvaluationStack stack, RunTopics topics, Path workDir) {
        LoadedScenario loaded = scenario.isBuiltIn() ? ScenarioLoader.builtIn(scenario.name())
                : ScenarioLoader.load(scenario.file());
        Simulator simulator = Simulator.of(loaded);
        Path truthFile = workDir.resolve(EvaluationRunner.TRUTH_FILE);
        simulator.truth().write(truthFile);
        Map<String, Object> producer = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        Map<String, Object> serdeConfig = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
        try (AvroSerdes serdes = new AvroSerdes(serdeConfig)) {
            CatalogPublisher.publish(simulator.plan().world(), Topics.create(topics.names(), serdes), producer,
                    simulator.plan().start());
        }
        return new Prepared() {
            @Override
            public long publishSignals() {
                try (AvroSerdes serdes = new AvroSerdes(serdeConfig);
                     KafkaOutput out = KafkaOutput.create(Topics.create(topics.names(), serdes), producer,
                             Pacer.asFastAsPossible())) {
                    return simulator.run(out).total();
                }
            }

            @Override
            public Path truthFile() {
                return truthFile;
            }
        };
    }
}
