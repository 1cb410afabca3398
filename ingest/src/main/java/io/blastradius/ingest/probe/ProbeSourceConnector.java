package io.blastradius.ingest.probe;

import io.blastradius.ingest.connect.IngestSourceConnector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;

/**
 * Kafka Connect source connector for synthetic probes from one vantage point: writes a
 * {@code ProbeResult} per check per round to the probe-results topic, and the dependencies it infers
 * from them to the catalog topic. Its tasks split the checks evenly; each task carries the
 * connector's vantage identity.
 * Configuration: {@link ProbeConnectorConfig}.
 */
public final class ProbeSourceConnector extends IngestSourceConnector {

    /** Targets, ranges and resolvers parse, the world loads, the vantage has a region, and there is something to probe. */
    @Override
    protected void checkConfig(Map<String, String> props) {
        ProbeConnectorConfig config = new ProbeConnectorConfig(props);
        var world = ProbeCatalog.world(config);
        ProbeCatalog.vantage(config, world); // a vantage without a region fails the connector, not its tasks
        if (ProbeCatalog.checks(config, world).isEmpty()) {
            throw new org.apache.kafka.common.config.ConfigException(ProbeConnectorConfig.TARGETS, "",
                    "nothing to probe: set probe.targets or a probe.world with service endpoints");
        }
    }

    @Override
    protected String keyForErrors() {
        return ProbeConnectorConfig.TARGETS;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return ProbeSourceTask.class;
    }

    @Override
    public ConfigDef config() {
        return ProbeConnectorConfig.CONFIG;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        ProbeConnectorConfig config = new ProbeConnectorConfig(props());
        List<Check> checks = ProbeCatalog.checks(config, ProbeCatalog.world(config));
        return split(props(), checks, maxTasks);
    }

    /**
     * One config per share of the checks, dealt in id order so that shares differ by at most one.
     * (Connect restarts every task on a reconfiguration anyway, so keeping a check on its task when
     * others are added would buy nothing.)
     */
    static List<Map<String, String>> split(Map<String, String> props, List<Check> checks, int maxTasks) {
        int n = Math.max(1, Math.min(maxTasks, checks.size()));
        List<List<String>> shares = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            shares.add(new ArrayList<>());
        }
        List<String> ids = checks.stream().map(Check::id).sorted().toList();
        for (int i = 0; i < ids.size(); i++) {
            shares.get(i % n).add(ids.get(i));
        }
        List<Map<String, String>> configs = new ArrayList<>();
        for (List<String> share : shares) {
            if (share.isEmpty()) {
                continue;
            }
            Map<String, String> task = new HashMap<>(props);
            task.put(ProbeConnectorConfig.TASK_CHECKS, String.join("\n", share));
            task.put(ProbeConnectorConfig.TASK_INDEX, String.valueOf(configs.size()));
            configs.add(task);
        }
        return configs;
    }
}
