package io.blastradius.testsupport.kafka;

import io.blastradius.testsupport.TestNames;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One real Kafka cluster per test class, and a fresh {@link KafkaTestContext} (unique names, clients
 * closed afterwards) per test. Register it on a static field:
 *
 * <pre>{@code
 * class PipelineIT {
 *     @RegisterExtension
 *     static final KafkaExtension KAFKA = KafkaExtension.embedded();
 *
 *     @Test
 *     void carriesRecordsThrough(KafkaTestContext kafka) { ... }
 * }
 * }</pre>
 *
 * <p>To run the same tests on a containerized broker too, put them in an abstract class and extend it
 * twice: {@code FooIT} with {@link #embedded()} and {@code FooContainerIT} with {@link #container()},
 * annotated {@code @Testcontainers(disabledWithoutDocker = true)} so it is skipped, not failed, where
 * there is no Docker engine.
 */
public final class KafkaExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaExtension.class);
    private static final String CONTEXT_KEY = "context";

    private final Supplier<KafkaCluster> clusters;
    private KafkaCluster cluster;

    private KafkaExtension(Supplier<KafkaCluster> clusters) {
        this.clusters = clusters;
    }

    /** The in-JVM KRaft broker on loopback. */
    public static KafkaExtension embedded() {
        return embedded(Map.of());
    }

    /** The in-JVM broker with extra broker configs (e.g. {@code num.partitions}). */
    public static KafkaExtension embedded(Map<String, String> brokerOverrides) {
        return new KafkaExtension(() -> new EmbeddedKafkaCluster(brokerOverrides));
    }

    /** An {@code apache/kafka} container through Testcontainers (needs Docker). */
    public static KafkaExtension container() {
        return new KafkaExtension(ContainerKafkaCluster::new);
    }

    /** Bootstrap servers of this class's cluster, for {@code @BeforeAll} code. */
    public String bootstrapServers() {
        if (cluster == null) {
            throw new IllegalStateException("no cluster: register KafkaExtension on a static field");
        }
        return cluster.bootstrapServers();
    }

    /** The running cluster. */
    public KafkaCluster cluster() {
        return cluster;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster = clusters.get();
        try {
            cluster.start();
        } catch (RuntimeException e) {
            cluster.close();
            cluster = null;
            throw e;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (cluster == null) {
            throw new IllegalStateException("KafkaExtension must be registered on a static field: one cluster per class");
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        KafkaTestContext testContext = context.getStore(NAMESPACE).remove(CONTEXT_KEY, KafkaTestContext.class);
        if (testContext != null) {
            testContext.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaTestContext.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("KafkaTestContext is per test: inject it into @Test or @BeforeEach methods");
        }
        // @BeforeEach and the @Test method of one test share the same context
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(CONTEXT_KEY,
                k -> new KafkaTestContext(bootstrapServers(), TestNames.idOf(context)), KafkaTestContext.class);
    }
}
