package io.blastradius.ingest.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.SocialSignal;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.registry.InMemorySchemaRegistryClient;
import io.blastradius.schemas.serde.AvroSerdes;
import io.blastradius.schemas.topic.TopicNames;
import io.blastradius.schemas.topic.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaOutputTest {
    final Topics topics = Topics.create(TopicNames.withPrefix("sim."), new AvroSerdes(new InMemorySchemaRegistryClient(), Map.of()));

    @Test
    void publishesEachStreamToItsTopicKeyedAndTimestampedByEventTime() {
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        Recorded recorded = new Recorded();
        KafkaOutput out = new KafkaOutput(topics, producer, Pacer.asFastAsPossible());
        Plan plan = TinyWorld.plan("4h", SimulatorTest.OUTAGE);
        new Simulator(plan).run(SignalOutput.tee(List.of(out, recorded)));
        out.close();

        List<ProducerRecord<String, byte[]>> sent = producer.history();
        assertThat(sent).hasSize(recorded.times.size());
        assertThat(out.sent()).isEqualTo(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            assertThat(sent.get(i).timestamp()).isEqualTo(recorded.times.get(i).toEpochMilli());
        }
        ProducerRecord<String, byte[]> probe = sent.stream().filter(r -> r.topic().equals("sim.probe-results")).findFirst().orElseThrow();
        ProbeResult p = topics.probeResults().valueSerde().deserializer().deserialize(probe.topic(), probe.value());
        assertThat(probe.key()).isEqualTo(p.getTarget().getService());
        ProducerRecord<String, byte[]> post = sent.stream().filter(r -> r.topic().equals("sim.social-signals")).findFirst().orElseThrow();
        SocialSignal s = topics.socialSignals().valueSerde().deserializer().deserialize(post.topic(), post.value());
        assertThat(post.key()).isEqualTo(s.getPostId());
        ProducerRecord<String, byte[]> status = sent.stream().filter(r -> r.topic().equals("sim.status-events")).findFirst().orElseThrow();
        StatusEvent e = topics.statusEvents().valueSerde().deserializer().deserialize(status.topic(), status.value());
        assertThat(status.key()).isEqualTo(e.getSubject());
        assertThat(probe.value()[0]).as("Confluent framing").isEqualTo((byte) 0);
    }

    @Test
    void failsLoudlyWhenTheBrokerRejectsRecords() {
        MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        KafkaOutput out = new KafkaOutput(topics, producer, Pacer.asFastAsPossible());
        Recorded r = Recorded.run(TinyWorld.plan("1h", ""));
        out.probe(r.probes.get(0));
        producer.errorNext(new org.apache.kafka.common.errors.RecordTooLargeException("too large"));

        assertThatThrownBy(() -> out.probe(r.probes.get(1))).isInstanceOf(IllegalStateException.class).hasMessageContaining("too large");
    }

    @Test
    void pacesRecordsToTheScenarioClock() {
        List<Long> sleeps = new ArrayList<>();
        long[] now = {1_000_000};
        Pacer pacer = Pacer.speedup(60, new Pacer.Sleeper() {
            @Override
            public void sleepMillis(long millis) {
                sleeps.add(millis);
                now[0] += millis;
            }

            @Override
            public long nowMillis() {
                return now[0];
            }
        });
        pacer.start(SimulatorTest.T0);
        pacer.await(SimulatorTest.T0.plusSeconds(60));
        pacer.await(SimulatorTest.T0.plusSeconds(90));
        pacer.await(SimulatorTest.T0.plusSeconds(30));

        assertThat(sleeps).containsExactly(1_000L, 500L);
        assertThat(Pacer.parse("max").unpaced()).isTrue();
        assertThat(Pacer.parse("realtime").unpaced()).isFalse();
        assertThatThrownBy(() -> Pacer.parse("fast-ish")).hasMessageContaining("not max, realtime or a factor");
    }
}
