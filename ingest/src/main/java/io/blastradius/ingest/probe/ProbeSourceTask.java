package io.blastradius.ingest.probe;

import io.blastradius.ingest.catalog.World;
import io.blastradius.ingest.connect.AvroConnectData;
import io.blastradius.ingest.connect.QueueingSourceTask;
import io.blastradius.ingest.probe.infer.DependencyInference;
import io.blastradius.ingest.probe.ranges.DefaultRangeFetcher;
import io.blastradius.ingest.probe.ranges.LiveRangeTable;
import io.blastradius.schemas.ProbeResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task of the probe connector: runs its share of the checks every interval from the
 * connector's vantage point, with the IP-range table refreshing in the background, and emits each
 * result (keyed by service id, timestamped with the check's start) and the dependencies inferred
 * from it.
 *
 * <p>A round starts its checks on the prober's pool and does not wait for them; results are emitted
 * as they complete, blocking on the task's bounded queue when Kafka is slow. Probe records have no
 * upstream position to resume from: the source offset only counts rounds.
 */
public final class ProbeSourceTask extends QueueingSourceTask<ProbeConnectorConfig> {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeSourceTask.class);

    private final AvroConnectData connectData = new AvroConnectData();
    private final AtomicLong round = new AtomicLong();
    private LiveRangeTable ranges;
    private Prober prober;
    private DependencyInference inference;
    private Map<String, Object> partition;

    @Override
    protected ProbeConnectorConfig parseConfig(Map<String, String> props) {
        return new ProbeConnectorConfig(props);
    }

    @Override
    protected void startReading(ProbeConnectorConfig config) throws Exception {
        Optional<World> world = ProbeCatalog.world(config);
        List<Check> checks = config.taskChecks() != null ? config.taskChecks() : ProbeCatalog.checks(config, world);
        VantagePoint vantage = ProbeCatalog.vantage(config, world);
        partition = Map.of("vantage", vantage.id(), "task", config.taskIndex());

        ranges = new LiveRangeTable(config.rangeSources(), new DefaultRangeFetcher(Duration.ofSeconds(10),
                Duration.ofSeconds(60)), config.rangeRefreshInterval(), Clock.systemUTC());
        ranges.start();
        if (!ranges.awaitFirstLoad(config.rangeInitialLoadTimeout())) {
            LOG.warn("{}: IP ranges not loaded after {}; probing without attribution until they are", stage(),
                    config.rangeInitialLoadTimeout());
        }
        prober = new Prober(config.proberSettings(), vantage, ranges::table, tls(config), Clock.systemUTC());
        prober.warmUp();
        if (config.dependenciesTopic() != null) {
            Set<String> declared = ProbeCatalog.declaredEdgeKeys(world);
            inference = new DependencyInference(config.inferenceWindow(), 500, config.inferenceMinConfidence(),
                    config.inferenceRepublish(), declared::contains);
        }
        LOG.info("{}: probing {} check(s) every {} from {} ({} task index {})", stage(), checks.size(), config.interval(),
                vantage.id(), vantage.region(), config.taskIndex());
        startReader("rounds", () -> {
            do {
                round.incrementAndGet();
                prober.run(checks, this::publish);
            } while (pause(config.interval()));
        });
    }

    /** Called from the prober's threads as each check completes. */
    private void publish(ProbeResult result) {
        try {
            Map<String, Object> offset = Map.of("round", round.get());
            if (!emit(record(partition, offset, result.getTarget().getService(), result, result.getStartedAt()))) {
                return;
            }
            if (inference == null) {
                return;
            }
            for (DependencyInference.Update u : inference.observe(result)) {
                Struct value = u.value() == null ? null : connectData.toConnect(u.value());
                emit(new SourceRecord(partition, offset, config().dependenciesTopic(), null, Schema.OPTIONAL_STRING_SCHEMA,
                        u.key(), value == null ? null : value.schema(), value, result.getStartedAt().toEpochMilli()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the task is stopping
        }
    }

    private static TlsSupport tls(ProbeConnectorConfig config) {
        String path = config.truststorePath();
        if (path == null) {
            return TlsSupport.withSystemTrust();
        }
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            KeyStore store = KeyStore.getInstance(path.endsWith(".jks") ? "JKS" : "PKCS12");
            store.load(in, config.truststorePassword());
            return TlsSupport.withTrustStore(store);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(ProbeConnectorConfig.TRUSTSTORE_PATH, path, "cannot load: " + e.getMessage());
        }
    }

    @Override
    protected void stopReading() {
        if (prober != null) {
            prober.close();
        }
        if (ranges != null) {
            ranges.close();
        }
    }
}
