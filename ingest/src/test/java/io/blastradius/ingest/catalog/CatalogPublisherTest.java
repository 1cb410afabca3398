package io.blastradius.ingest.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.schemas.DependencyTargetType;
import io.blastradius.schemas.ServiceDependency;
import io.blastradius.schemas.ServiceInfo;
import io.blastradius.schemas.registry.InMemorySchemaRegistryClient;
import io.blastradius.schemas.serde.AvroSerdes;
import io.blastradius.schemas.topic.TopicNames;
import io.blastradius.schemas.topic.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class CatalogPublisherTest {
    static final Instant AT = Instant.parse("2025-10-20T00:00:00Z");
    final Topics topics = Topics.create(TopicNames.withPrefix("t."), new AvroSerdes(new InMemorySchemaRegistryClient(), Map.of()));
    final MockProducer<String, ServiceInfo> services = new MockProducer<>(true, null, new StringSerializer(),
            topics.services().valueSerde().serializer());
    final MockProducer<String, ServiceDependency> dependencies = new MockProducer<>(true, null, new StringSerializer(),
            topics.serviceDependencies().valueSerde().serializer());
    final World world = WorldLoader.parse(WorldLoaderTest.PROVIDERS + """
            services:
              - id: infura
                name: Infura
                users: 1000
                aliases: [infura.io]
                endpoints: [https://mainnet.infura.io]
                dependsOn:
                  - {target: aws/us-east-1/dynamodb, kind: database, documented: true, reference: "https://aws.amazon.com/message/101925/"}
              - {id: metamask, name: MetaMask, dependsOn: [infura rpc]}
            """, "test.yaml");

    @Test
    void publishesEveryServiceAndEdgeKeyedAsTheCatalogTopicsExpect() {
        int sent = new CatalogPublisher(topics, services, dependencies).publish(world, Set.of(), AT);

        assertThat(services.history()).extracting(ProducerRecord::topic, ProducerRecord::key)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("t.services", "infura"),
                        org.assertj.core.groups.Tuple.tuple("t.services", "metamask"));
        ServiceInfo infura = services.history().get(0).value();
        assertThat(infura.getAliases()).containsExactly("infura.io");
        assertThat(infura.getUsers()).isEqualTo(1000);
        assertThat(services.history().get(0).timestamp()).isEqualTo(AT.toEpochMilli());

        List<ProducerRecord<String, ServiceDependency>> edges = dependencies.history();
        assertThat(edges).extracting(ProducerRecord::key).contains(
                "infura|aws/us-east-1/dynamodb", "metamask|infura",
                "aws/us-east-1/ec2|aws/us-east-1/dynamodb", "aws/global/sts|aws/us-east-1/sts");
        ServiceDependency documented = edges.stream().filter(r -> r.key().equals("infura|aws/us-east-1/dynamodb")).findFirst().orElseThrow().value();
        assertThat(documented.getDocumented()).isTrue();
        assertThat(documented.getReference()).isEqualTo("https://aws.amazon.com/message/101925/");
        assertThat(documented.getTargetType()).isEqualTo(DependencyTargetType.SCOPE);
        ServiceDependency rpc = edges.stream().filter(r -> r.key().equals("metamask|infura")).findFirst().orElseThrow().value();
        assertThat(rpc.getTargetType()).isEqualTo(DependencyTargetType.SERVICE);
        assertThat(sent).isEqualTo(services.history().size() + edges.size());
    }

    @Test
    void tombstonesEdgesThatAreNoLongerInTheWorld() {
        new CatalogPublisher(topics, services, dependencies).publish(world, Set.of("metamask|infura", "metamask|alchemy"), AT);

        assertThat(dependencies.history()).filteredOn(r -> r.value() == null).extracting(ProducerRecord::key)
                .containsExactly("metamask|alchemy");
    }

    @Test
    void catalogRecordsRoundTripToTheSameGraph() {
        List<DependencyEdge> back = CatalogRecords.dependencies(world, AT).stream().map(CatalogRecords::edge).toList();

        assertThat(back).containsExactlyElementsOf(world.edges());
        assertThat(DependencyGraph.of(back).paths("metamask")).isEqualTo(world.graph().paths("metamask"));
    }
}
