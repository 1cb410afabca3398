package io.blastradius.evaluation.run;

import io.blastradius.evaluation.testing.Signals;
import io.blastradius.ingest.catalog.CatalogPublisher;
import io.blastradius.ingest.catalog.WorldLoader;
import io.blastradius.evaluation.truth.GroundTruth;
import io.blastradius.evaluation.truth.TrueOutage;
import io.blastradius.evaluation.truth.TruthReader;
import io.blastradius.schemas.ComponentStatus;
import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.SocialSignal;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.serde.AvroSerdeConfig;
import io.blastradius.schemas.serde.AvroSerdes;
import io.blastradius.schemas.topic.Topic;
import io.blastradius.schemas.topic.Topics;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Stands in for the simulator in the runner's integration test: writes a hand-made truth and publishes
 * signals consistent with it through the project's serde: probes of the hit services failing while
 * they are hit, complaints about them, the providers' status posts at the acknowledgment and the end
 * (none for a silent provider), and one status post of a provider during chatter about it.
 */
final class SyntheticFeeder implements ScenarioFeeder {
    private static final List<String> VANTAGES = List.of("probe-us-east", "probe-eu-west", "probe-ap-south");

    private final String truthResource;
    private final String world;

    /** @param world built-in world whose catalog is published first, or null to publish none */
    SyntheticFeeder(String truthResource, String world) {
        this.truthResource = truthResource;
        this.world = world;
    }

    @Override
    public Prepared prepare(Scenario scenario, EvaluationStack stack, RunTopics topics, Path workDir) throws Exception {
        Path truthFile = workDir.resolve("truth.json");
        try (InputStream in = getClass().getResourceAsStream(truthResource)) {
            Files.copy(in, truthFile, StandardCopyOption.REPLACE_EXISTING);
        }
        GroundTruth truth = TruthReader.read(truthFile);
        if (world != null) {
            try (AvroSerdes serdes = new AvroSerdes(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl()))) {
                CatalogPublisher.publish(WorldLoader.builtIn(world), Topics.create(topics.names(), serdes),
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()), truth.start());
            }
        }
        return new Prepared() {
            @Override
            public long publishSignals() {
                return publish(truth, stack, topics);
            }

            @Override
            public Path truthFile() {
                return truthFile;
            }
        };
    }

    private static long publish(GroundTruth truth, EvaluationStack stack, RunTopics topics) {
        long records = 0;
        try (AvroSerdes serdes = new AvroSerdes(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl()));
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                     ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            Topics typed = Topics.create(topics.names(), serdes);
            for (TrueOutage outage : truth.outages()) {
                for (Instant t = outage.onset().minus(Duration.ofMinutes(30)); t.isBefore(outage.end());
                     t = t.plus(Duration.ofMinutes(2))) {
                    for (TrueOutage.HitService h : outage.hit()) {
                        boolean failing = !t.isBefore(h.from()) && t.isBefore(h.until());
                        for (String vantage : VANTAGES) {
                            records += send(producer, typed.probeResults(), h.service(), t,
                                    Signals.probe(h.service(), vantage, t, !failing, outage.scope().toString()));
                        }
                        if (failing) {
                            SocialSignal post = Signals.complaint(t, List.of(h.service()), List.of(), 0.8);
                            records += send(producer, typed.socialSignals(), post.getPostId(), t, post);
                        }
                    }
                }
                if (outage.acknowledged() != null) {
                    String scope = outage.phasesAt(outage.acknowledged()).get(0).scope().toString();
                    records += status(producer, typed, scope, outage.acknowledged(), ComponentStatus.MAJOR_OUTAGE);
                    records += status(producer, typed, scope, outage.end(), ComponentStatus.OPERATIONAL);
                }
            }
            for (GroundTruth.Chatter c : truth.chatter()) {
                records += status(producer, typed, c.provider() + "/global", c.from().plus(Duration.ofMinutes(5)),
                        ComponentStatus.DEGRADED);
            }
            producer.flush();
        }
        return records;
    }

    private static long status(KafkaProducer<String, byte[]> producer, Topics typed, String scope, Instant at,
                               ComponentStatus status) {
        StatusEvent e = Signals.providerStatus(scope, at, status, status + " <b>untrusted</b> title");
        return send(producer, typed.statusEvents(), scope, at, e);
    }

    /** Sends through the topic's own serializer, with the event time as the record timestamp. */
    private static <V> long send(KafkaProducer<String, byte[]> producer, Topic<String, V> topic, String key, Instant at,
                                 V value) {
        byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        producer.send(new ProducerRecord<>(topic.name(), null, at.toEpochMilli(), key, bytes));
        return 1;
    }
}
