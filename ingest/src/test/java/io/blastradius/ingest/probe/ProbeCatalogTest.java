package io.blastradius.ingest.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blastradius.ingest.catalog.World;
import io.blastradius.schemas.ProbeProtocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeCatalogTest {

    private static ProbeConnectorConfig config(String vantage, String region, String targets) {
        Map<String, String> p = new HashMap<>();
        p.put(ProbeConnectorConfig.VANTAGE_ID, vantage);
        p.put(ProbeConnectorConfig.VANTAGE_REGION, region);
        p.put(ProbeConnectorConfig.WORLD, "default");
        p.put(ProbeConnectorConfig.RESOLVERS, "127.0.0.1");
        p.put(ProbeConnectorConfig.RANGE_SOURCES, "aws=/tmp/none.json");
        p.put(ProbeConnectorConfig.TARGETS, targets);
        return new ProbeConnectorConfig(p);
    }

    @Test
    void probesTheEndpointsOfEveryServiceInTheWorldBesideTheConfiguredTargets() {
        ProbeConnectorConfig config = config("probe-us-east", "", "extra|https://extra.example/");
        Optional<World> world = ProbeCatalog.world(config);
        List<Check> checks = ProbeCatalog.checks(config, world);
        assertThat(checks.get(0).id()).isEqualTo("extra|HTTP|https://extra.example/");
        assertThat(checks).extracting(Check::id).contains("coinbase|HTTP|https://api.coinbase.com/v2/time")
                .doesNotHaveDuplicates();
        assertThat(checks).filteredOn(c -> c.protocol() == ProbeProtocol.HTTP).hasSizeGreaterThan(100);
    }

    @Test
    void takesTheVantageRegionAndAsnFromTheWorldUnlessConfigured() {
        ProbeConnectorConfig config = config("probe-us-east", "", "");
        VantagePoint v = ProbeCatalog.vantage(config, ProbeCatalog.world(config));
        assertThat(v.region()).isEqualTo("us-east");
        assertThat(v.asn()).isEqualTo(701L);
        ProbeConnectorConfig overridden = config("probe-us-east", "us-east-2", "");
        assertThat(ProbeCatalog.vantage(overridden, ProbeCatalog.world(overridden)).region()).isEqualTo("us-east-2");
        ProbeConnectorConfig unknown = config("probe-mars", "", "");
        assertThatThrownBy(() -> ProbeCatalog.vantage(unknown, ProbeCatalog.world(unknown)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("probe-mars");
    }

    @Test
    void knowsEveryDeclaredEdgeSoThatInferenceLeavesThemAlone() {
        ProbeConnectorConfig config = config("probe-us-east", "", "");
        Set<String> declared = ProbeCatalog.declaredEdgeKeys(ProbeCatalog.world(config));
        assertThat(declared).contains("coinbase|aws/us-east-1/ec2", "metamask|infura");
    }

    @Test
    void readsTheSystemResolversFromResolvConf(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("resolv.conf");
        Files.writeString(conf, "# generated\nsearch example.internal\nnameserver 10.0.0.2\nnameserver fe80::1%eth0\n"
                + "nameserver 2001:db8::53\noptions ndots:1\n");
        assertThat(SystemResolvers.read(conf)).extracting(a -> a.getAddress().getHostAddress() + ":" + a.getPort())
                .containsExactly("10.0.0.2:53", "2001:db8:0:0:0:0:0:53:53");
        Files.writeString(conf, "search example.internal\n");
        assertThatThrownBy(() -> SystemResolvers.read(conf)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("no usable nameserver");
    }
}
