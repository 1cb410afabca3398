package io.blastradius.streams.query;

import io.blastradius.schemas.topic.TopicNames;
import io.blastradius.schemas.topic.Topics;
import io.blastradius.schemas.serde.AvroSerdes;
import io.blastradius.testsupport.TempDirectories;
import io.blastradius.testsupport.kafka.KafkaTestContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Two instances of the streams app with their query services, one application id, distinct state
 * directories and HTTP ports, one standby replica each, on a test's own topics.
 */
final class TwoInstances implements AutoCloseable {
    static final String TOKEN = "test-token-0123456789";

    final KafkaTestContext kafka;
    final TopicNames names;
    final Topics topics;
    final QueryWorld world;
    final Map<String, Object> baseProps = new HashMap<>();
    final Path stateRoot;
    QueryService a;
    QueryService b;

    TwoInstances(KafkaTestContext kafka, Map<String, Object> serdeConfig, AvroSerdes serdes) {
        this.kafka = kafka;
        this.names = kafka.topicNames();
        kafka.createTopics(names, 3);
        this.topics = Topics.create(names, serdes);
        this.world = new QueryWorld(kafka, topics);
        this.stateRoot = TempDirectories.create("query-it-");
        baseProps.putAll(serdeConfig);
        baseProps.put("bootstrap.servers", kafka.bootstrapServers());
        baseProps.put("application.id", kafka.applicationId());
        baseProps.put("topic.prefix", kafka.testId() + ".");
        baseProps.put("kafka.commit.interval.ms", 100);
        baseProps.put("kafka.num.standby.replicas", 1);
        baseProps.put("kafka.acceptable.recovery.lag", 100_000);
        baseProps.put("query.port", 0);
        baseProps.put("query.api.token", TOKEN);
        baseProps.put("query.sse.heartbeat.ms", 500);
        baseProps.put("query.forward.timeout.ms", 1_500);
        baseProps.put("close.timeout.ms", 10_000);
    }

    QueryService startInstance(String name) throws Exception {
        Map<String, Object> props = new HashMap<>(baseProps);
        props.put("state.dir", stateRoot.resolve(name).toString());
        return QueryService.start(props);
    }

    void startBoth() throws Exception {
        a = startInstance("a");
        b = startInstance("b");
        if (!a.awaitRunning(Duration.ofSeconds(90)) || !b.awaitRunning(Duration.ofSeconds(90))) {
            throw new AssertionError("the instances did not reach RUNNING: " + a.app().state() + ", " + b.app().state());
        }
    }

    ApiClient clientOf(QueryService s) {
        return new ApiClient(s.baseUrl(), TOKEN);
    }

    static String hostOf(QueryService s) {
        return s.baseUrl().substring("http://".length());
    }

    @Override
    public void close() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
        TempDirectories.delete(stateRoot);
    }
}
