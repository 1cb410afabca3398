package io.blastradius.ingest.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class ProbeSourceConnectorTest {

    private static Map<String, String> props(String targets) {
        Map<String, String> p = new HashMap<>();
        p.put(ProbeConnectorConfig.VANTAGE_ID, "probe-a");
        p.put(ProbeConnectorConfig.VANTAGE_REGION, "eu-west");
        p.put(ProbeConnectorConfig.RESOLVERS, "127.0.0.1:5353");
        p.put(ProbeConnectorConfig.RANGE_SOURCES, "aws=/tmp/none.json");
        p.put(ProbeConnectorConfig.TARGETS, targets);
        return p;
    }

    private static List<Check> checks(int n) {
        List<Check> checks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            checks.add(Check.parse("svc" + i + "|https://host" + i + ".example/path?a=1;b=2"));
        }
        return checks;
    }

    @Test
    void splitsTheChecksSoThatEachRunsOnExactlyOneTask() {
        List<Check> checks = checks(40);
        List<Map<String, String>> tasks = ProbeSourceConnector.split(props(""), checks, 4);
        List<Check> assigned = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            ProbeConnectorConfig c = new ProbeConnectorConfig(tasks.get(i));
            assertThat(c.taskIndex()).isEqualTo(i);
            assertThat(c.vantageId()).isEqualTo("probe-a");
            assertThat(c.taskChecks()).isNotEmpty();
            assigned.addAll(c.taskChecks());
        }
        assertThat(tasks).hasSize(4);
        assertThat(assigned).containsExactlyInAnyOrderElementsOf(checks);
    }

    @Test
    void dealsTheChecksEvenly() {
        List<Map<String, String>> tasks = ProbeSourceConnector.split(props(""), checks(10), 4);
        assertThat(tasks).hasSize(4);
        assertThat(tasks).extracting(t -> new ProbeConnectorConfig(t).taskChecks().size())
                .allSatisfy(n -> assertThat(n).isBetween(2, 3));
    }

    @Test
    void startsNoMoreTasksThanThereAreChecks() {
        assertThat(ProbeSourceConnector.split(props(""), checks(2), 8)).hasSize(2).allSatisfy(t ->
                assertThat(new ProbeConnectorConfig(t).taskChecks()).hasSize(1));
    }

    @Test
    void refusesToStartWithNothingToProbe() {
        ProbeSourceConnector connector = new ProbeSourceConnector();
        assertThatThrownBy(() -> connector.start(props(""))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("nothing to probe");
    }

    @Test
    void reportsInConnectsValidateCallWhatOnlyTheWholeConfigShows() {
        ProbeSourceConnector connector = new ProbeSourceConnector();

        assertThat(errors(connector.validate(props("")), ProbeConnectorConfig.TARGETS)).singleElement().asString()
                .contains("nothing to probe");
        Map<String, String> noRegion = props("svc|https://x.example/");
        noRegion.remove(ProbeConnectorConfig.VANTAGE_REGION);
        assertThat(errors(connector.validate(noRegion), ProbeConnectorConfig.VANTAGE_REGION)).singleElement().asString()
                .contains("region");
        assertThat(connector.validate(props("svc|https://x.example/")).configValues())
                .allSatisfy(v -> assertThat(v.errorMessages()).as(v.name()).isEmpty());
    }

    private static List<String> errors(Config result, String key) {
        return result.configValues().stream().filter(v -> v.name().equals(key)).findFirst().orElseThrow().errorMessages();
    }

    @Test
    void reportsABadTargetWithItsKey() {
        assertThatThrownBy(() -> new ProbeConnectorConfig(props("svc|ICMP|host.example")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(ProbeConnectorConfig.TARGETS)
                .hasMessageContaining("not supported");
        Map<String, String> badResolver = props("svc|https://x.example/");
        badResolver.put(ProbeConnectorConfig.RESOLVERS, "dns.google");
        assertThatThrownBy(() -> new ProbeConnectorConfig(badResolver)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("must be an IP");
        Map<String, String> badRanges = props("svc|https://x.example/");
        badRanges.put(ProbeConnectorConfig.RANGE_SOURCES, "ibm=https://example/ranges.json");
        assertThatThrownBy(() -> new ProbeConnectorConfig(badRanges)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown range file format");
        Map<String, String> badStatuses = props("svc|https://x.example/");
        badStatuses.put(ProbeConnectorConfig.HTTP_SUCCESS, "200-700");
        assertThatThrownBy(() -> new ProbeConnectorConfig(badStatuses)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(ProbeConnectorConfig.HTTP_SUCCESS);
    }

    @Test
    void buildsProberSettingsFromTheConfig() {
        Map<String, String> p = props("svc|https://x.example/");
        p.put(ProbeConnectorConfig.HTTP_SUCCESS, "200-299");
        p.put(ProbeConnectorConfig.CONCURRENCY, "3");
        p.put(ProbeConnectorConfig.FAMILY, "ANY");
        ProberSettings s = new ProbeConnectorConfig(p).proberSettings();
        assertThat(s.successStatusMin()).isEqualTo(200);
        assertThat(s.successStatusMax()).isEqualTo(299);
        assertThat(s.concurrency()).isEqualTo(3);
        assertThat(s.resolvers()).singleElement().satisfies(r -> assertThat(r.getPort()).isEqualTo(5353));
        assertThat(s.family()).isEqualTo(io.blastradius.ingest.probe.dns.HostResolver.Family.ANY);
    }
}
