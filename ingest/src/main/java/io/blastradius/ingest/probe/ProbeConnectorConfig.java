package io.blastradius.ingest.probe;

import io.blastradius.ingest.connect.IngestSourceConfig;
import io.blastradius.ingest.probe.dns.HostResolver;
import io.blastradius.ingest.probe.ranges.RangeSource;
import io.blastradius.schemas.topic.TopicNames;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Configuration of the probe connector: what to check, from where, how, how often, where the IP
 * ranges come from and how dependencies are inferred. Every key is documented in {@link #CONFIG}
 * and in {@code docs/probes.md}.
 */
public final class ProbeConnectorConfig extends IngestSourceConfig {

    public static final String DEPENDENCIES_TOPIC = "dependencies.topic";
    private static final String DEPENDENCIES_TOPIC_DOC = "Compacted catalog topic inferred ServiceDependency records "
            + "(source INFERRED) are written to, keyed service|target. Empty turns dependency inference off.";

    public static final String TARGETS = "probe.targets";
    private static final String TARGETS_DOC = "Checks as <service>|<PROTOCOL>|<endpoint> or <service>|<endpoint>: "
            + "https://host/path (HTTP), host:port or tcp://host:port (TCP), tls://host[:port] (TLS), "
            + "dns://name[/TYPE][@resolver] or a bare name (DNS).";

    public static final String WORLD = "probe.world";
    private static final String WORLD_DOC = "World file (path) or built-in world name whose services' endpoints are "
            + "probed in addition to probe.targets, whose vantages supply region and ASN for vantage.id, and whose "
            + "declared edges are never published as inferred. Empty for none.";

    public static final String INTERVAL_MS = "probe.interval.ms";
    private static final String INTERVAL_MS_DOC = "Time between the starts of two rounds of checks. A check still "
            + "running when its next round starts is skipped for that round.";

    public static final String VANTAGE_ID = "vantage.id";
    private static final String VANTAGE_ID_DOC = "Id of the vantage point these probes run from; every task of the "
            + "connector carries it. Run one connector per vantage.";

    public static final String VANTAGE_REGION = "vantage.region";
    private static final String VANTAGE_REGION_DOC = "Region of the vantage point (us-east). Empty: taken from the "
            + "world's vantage with the same id.";

    public static final String VANTAGE_ASN = "vantage.asn";
    private static final String VANTAGE_ASN_DOC = "Autonomous system the vantage sends from; -1 for unknown (or the "
            + "world's value).";

    public static final String VANTAGE_PROVIDER = "vantage.provider";
    private static final String VANTAGE_PROVIDER_DOC = "Hosting provider of the vantage, if any (digitalocean).";

    public static final String RESOLVERS = "probe.resolvers";
    private static final String RESOLVERS_DOC = "Recursive resolvers as IP[:port], asked in order (the next one when "
            + "one times out, fails or refuses). 'system' reads the nameserver lines of /etc/resolv.conf.";

    public static final String FAMILY = "probe.ip.family";
    private static final String FAMILY_DOC = "Address family targets are resolved to: V4 (A), V6 (AAAA) or ANY "
            + "(A, then AAAA when there is no A record).";

    public static final String CHECK_TIMEOUT_MS = "probe.check.timeout.ms";
    private static final String CHECK_TIMEOUT_MS_DOC = "Deadline of one whole check, DNS to last body byte.";

    public static final String DNS_TIMEOUT_MS = "probe.dns.timeout.ms";
    private static final String DNS_TIMEOUT_MS_DOC = "How long one resolver gets to answer before the next is asked.";

    public static final String CONNECT_TIMEOUT_MS = "probe.connect.timeout.ms";
    private static final String CONNECT_TIMEOUT_MS_DOC = "TCP connect timeout.";

    public static final String TLS_TIMEOUT_MS = "probe.tls.timeout.ms";
    private static final String TLS_TIMEOUT_MS_DOC = "TLS handshake timeout.";

    public static final String FIRST_BYTE_TIMEOUT_MS = "probe.first.byte.timeout.ms";
    private static final String FIRST_BYTE_TIMEOUT_MS_DOC = "Request sent to first response byte, and the longest "
            + "silence while the rest arrives.";

    public static final String CONCURRENCY = "probe.concurrency";
    private static final String CONCURRENCY_DOC = "Checks running at the same time per task. A hanging target holds "
            + "one of them until the check deadline.";

    public static final String HTTP_SUCCESS = "probe.http.success.statuses";
    private static final String HTTP_SUCCESS_DOC = "HTTP statuses that pass, as <low>-<high>. 5xx always fails "
            + "(HTTP_5XX); other statuses outside the range fail as HTTP_4XX (4xx) or OTHER.";

    public static final String MAX_BODY_BYTES = "probe.max.body.bytes";
    private static final String MAX_BODY_BYTES_DOC = "Body bytes read before the transfer is cut short; the check "
            + "still passes.";

    public static final String USER_AGENT = "probe.user.agent";
    private static final String USER_AGENT_DOC = "User-Agent of HTTP checks.";

    public static final String TRUSTSTORE_PATH = "probe.tls.truststore.path";
    private static final String TRUSTSTORE_PATH_DOC = "PKCS12 or JKS trust store for TLS checks. Empty: the JDK's "
            + "default trusted CAs.";

    public static final String TRUSTSTORE_PASSWORD = "probe.tls.truststore.password";
    private static final String TRUSTSTORE_PASSWORD_DOC = "Password of the trust store, if it has one.";

    public static final String RANGE_SOURCES = "attribution.sources";
    private static final String RANGE_SOURCES_DOC = "Published IP range files as <format>=<url or path>; formats aws, "
            + "gcp-cloud, gcp-goog, azure, cloudflare-text, cloudflare-json, oracle, digitalocean. Azure's file "
            + "changes name weekly, so it has no default: point azure= at a current copy.";

    public static final String RANGE_REFRESH_MS = "attribution.refresh.interval.ms";
    private static final String RANGE_REFRESH_MS_DOC = "How often each range file is polled (conditional GET); raised "
            + "to the publisher's minimum (Oracle: 24 h).";

    public static final String RANGE_INITIAL_LOAD_MS = "attribution.initial.load.timeout.ms";
    private static final String RANGE_INITIAL_LOAD_MS_DOC = "How long a starting task waits for the first load of the "
            + "range files before probing with what it has.";

    public static final String INFERENCE_WINDOW_MS = "inference.window.ms";
    private static final String INFERENCE_WINDOW_MS_DOC = "Observations younger than this (event time) count towards an "
            + "inferred dependency.";

    public static final String INFERENCE_MIN_CONFIDENCE = "inference.min.confidence";
    private static final String INFERENCE_MIN_CONFIDENCE_DOC = "Confidence an inferred edge needs to be published; it is "
            + "withdrawn below half of it.";

    public static final String INFERENCE_REPUBLISH_MS = "inference.republish.ms";
    private static final String INFERENCE_REPUBLISH_MS_DOC = "An unchanged inferred edge is published again after this "
            + "long, refreshing its updatedAt.";

    /**
     * Internal: the checks of one task, one id per line (URLs may hold commas), set by the connector
     * when it splits the target list.
     */
    static final String TASK_CHECKS = "task.checks";
    /** Internal: the task's index, for its source partition. */
    static final String TASK_INDEX = "task.index";

    /** The range files of the providers that publish a stable URL. */
    public static final List<String> DEFAULT_RANGE_SOURCES = List.of(
            "aws=https://ip-ranges.amazonaws.com/ip-ranges.json",
            "gcp-cloud=https://www.gstatic.com/ipranges/cloud.json",
            "gcp-goog=https://www.gstatic.com/ipranges/goog.json",
            "cloudflare-text=https://www.cloudflare.com/ips-v4",
            "cloudflare-text=https://www.cloudflare.com/ips-v6",
            "oracle=https://docs.oracle.com/en-us/iaas/tools/public_ip_ranges.json",
            "digitalocean=https://www.digitalocean.com/geo/google.csv");

    public static final ConfigDef CONFIG = IngestSourceConfig.baseConfigDef(TopicNames.defaults().probeResults())
            .define(DEPENDENCIES_TOPIC, Type.STRING, TopicNames.defaults().serviceDependencies(), Importance.MEDIUM,
                    DEPENDENCIES_TOPIC_DOC)
            .define(TARGETS, Type.LIST, List.of(), Importance.HIGH, TARGETS_DOC)
            .define(WORLD, Type.STRING, "", Importance.HIGH, WORLD_DOC)
            .define(INTERVAL_MS, Type.LONG, 60_000L, ConfigDef.Range.atLeast(100), Importance.HIGH, INTERVAL_MS_DOC)
            .define(VANTAGE_ID, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    VANTAGE_ID_DOC)
            .define(VANTAGE_REGION, Type.STRING, "", Importance.HIGH, VANTAGE_REGION_DOC)
            .define(VANTAGE_ASN, Type.LONG, -1L, Importance.MEDIUM, VANTAGE_ASN_DOC)
            .define(VANTAGE_PROVIDER, Type.STRING, "", Importance.LOW, VANTAGE_PROVIDER_DOC)
            .define(RESOLVERS, Type.LIST, List.of("system"), Importance.HIGH, RESOLVERS_DOC)
            .define(FAMILY, Type.STRING, "V4", ConfigDef.ValidString.in("V4", "V6", "ANY"), Importance.LOW, FAMILY_DOC)
            .define(CHECK_TIMEOUT_MS, Type.LONG, 10_000L, ConfigDef.Range.atLeast(100), Importance.MEDIUM,
                    CHECK_TIMEOUT_MS_DOC)
            .define(DNS_TIMEOUT_MS, Type.LONG, 2_000L, ConfigDef.Range.atLeast(10), Importance.LOW, DNS_TIMEOUT_MS_DOC)
            .define(CONNECT_TIMEOUT_MS, Type.LONG, 3_000L, ConfigDef.Range.atLeast(10), Importance.LOW,
                    CONNECT_TIMEOUT_MS_DOC)
            .define(TLS_TIMEOUT_MS, Type.LONG, 3_000L, ConfigDef.Range.atLeast(10), Importance.LOW, TLS_TIMEOUT_MS_DOC)
            .define(FIRST_BYTE_TIMEOUT_MS, Type.LONG, 5_000L, ConfigDef.Range.atLeast(10), Importance.LOW,
                    FIRST_BYTE_TIMEOUT_MS_DOC)
            .define(CONCURRENCY, Type.INT, 16, ConfigDef.Range.between(1, 1_024), Importance.MEDIUM, CONCURRENCY_DOC)
            .define(HTTP_SUCCESS, Type.STRING, "200-399", Importance.LOW, HTTP_SUCCESS_DOC)
            .define(MAX_BODY_BYTES, Type.INT, 256 * 1024, ConfigDef.Range.atLeast(0), Importance.LOW, MAX_BODY_BYTES_DOC)
            .define(USER_AGENT, Type.STRING, ProberSettings.DEFAULT_USER_AGENT, Importance.LOW, USER_AGENT_DOC)
            .define(TRUSTSTORE_PATH, Type.STRING, "", Importance.LOW, TRUSTSTORE_PATH_DOC)
            .define(TRUSTSTORE_PASSWORD, Type.PASSWORD, null, Importance.LOW, TRUSTSTORE_PASSWORD_DOC)
            .define(RANGE_SOURCES, Type.LIST, DEFAULT_RANGE_SOURCES, Importance.HIGH, RANGE_SOURCES_DOC)
            .define(RANGE_REFRESH_MS, Type.LONG, 3_600_000L, ConfigDef.Range.atLeast(1_000), Importance.LOW,
                    RANGE_REFRESH_MS_DOC)
            .define(RANGE_INITIAL_LOAD_MS, Type.LONG, 30_000L, ConfigDef.Range.atLeast(0), Importance.LOW,
                    RANGE_INITIAL_LOAD_MS_DOC)
            .define(INFERENCE_WINDOW_MS, Type.LONG, 6 * 3_600_000L, ConfigDef.Range.atLeast(1_000), Importance.LOW,
                    INFERENCE_WINDOW_MS_DOC)
            .define(INFERENCE_MIN_CONFIDENCE, Type.DOUBLE, 0.3, ConfigDef.Range.between(0.0, 1.0), Importance.LOW,
                    INFERENCE_MIN_CONFIDENCE_DOC)
            .define(INFERENCE_REPUBLISH_MS, Type.LONG, 12 * 3_600_000L, ConfigDef.Range.atLeast(1_000), Importance.LOW,
                    INFERENCE_REPUBLISH_MS_DOC)
            .defineInternal(TASK_CHECKS, Type.STRING, null, Importance.LOW)
            .defineInternal(TASK_INDEX, Type.INT, 0, Importance.LOW);

    private final List<Check> explicitTargets;
    private final List<RangeSource> rangeSources;
    private final int[] successRange;

    public ProbeConnectorConfig(Map<?, ?> props) {
        super(CONFIG, props);
        explicitTargets = parseAll(getList(TARGETS), TARGETS, Check::parse);
        rangeSources = parseAll(getList(RANGE_SOURCES), RANGE_SOURCES, RangeSource::parse);
        successRange = parseRange(getString(HTTP_SUCCESS));
        resolvers(); // fail on start, not on the first check
        if (dependenciesTopic() != null && dependenciesTopic().equals(topic())) {
            throw new ConfigException(DEPENDENCIES_TOPIC, dependenciesTopic(), "must differ from " + TOPIC);
        }
    }

    private static <T> List<T> parseAll(List<String> specs, String key, java.util.function.Function<String, T> parser) {
        List<T> out = new ArrayList<>();
        for (String spec : specs) {
            if (spec.isBlank()) {
                continue;
            }
            try {
                out.add(parser.apply(spec.trim()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key, spec, e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    private static int[] parseRange(String text) {
        String[] parts = text.trim().split("-");
        try {
            int low = Integer.parseInt(parts[0].trim());
            int high = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : low;
            if (parts.length <= 2 && low >= 100 && high <= 599 && low <= high) {
                return new int[] {low, high};
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(HTTP_SUCCESS, text, "expected <low>-<high> within 100-599");
    }

    /** The checks named in {@value #TARGETS}. */
    public List<Check> explicitTargets() {
        return explicitTargets;
    }

    /** This task's share of the checks, when the connector split them; null in the connector's own config. */
    public List<Check> taskChecks() {
        String specs = getString(TASK_CHECKS);
        return specs == null ? null : parseAll(List.of(specs.split("\n")), TASK_CHECKS, Check::parse);
    }

    public int taskIndex() {
        return getInt(TASK_INDEX);
    }

    /** The world reference, or null. */
    public String world() {
        String w = getString(WORLD);
        return w == null || w.isBlank() ? null : w.trim();
    }

    /** The dependencies topic, or null when inference is off. */
    public String dependenciesTopic() {
        String t = getString(DEPENDENCIES_TOPIC);
        return t == null || t.isBlank() ? null : t.trim();
    }

    public Duration interval() {
        return Duration.ofMillis(getLong(INTERVAL_MS));
    }

    public String vantageId() {
        return getString(VANTAGE_ID).trim();
    }

    /** Configured region, or null to take it from the world. */
    public String vantageRegion() {
        String r = getString(VANTAGE_REGION);
        return r == null || r.isBlank() ? null : r.trim();
    }

    public Long vantageAsn() {
        long asn = getLong(VANTAGE_ASN);
        return asn < 0 ? null : asn;
    }

    public String vantageProvider() {
        String p = getString(VANTAGE_PROVIDER);
        return p == null || p.isBlank() ? null : p.trim().toLowerCase(Locale.ROOT);
    }

    /** The resolvers, with {@code system} expanded from {@code /etc/resolv.conf}. */
    public List<InetSocketAddress> resolvers() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String spec : getList(RESOLVERS)) {
            if (spec.isBlank()) {
                continue;
            }
            if (spec.trim().equalsIgnoreCase("system")) {
                out.addAll(SystemResolvers.read());
                continue;
            }
            try {
                out.add(Check.resolverAddress(spec));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(RESOLVERS, spec, e.getMessage());
            }
        }
        return out;
    }

    public ProberSettings proberSettings() {
        return new ProberSettings(Duration.ofMillis(getLong(CHECK_TIMEOUT_MS)), Duration.ofMillis(getLong(DNS_TIMEOUT_MS)),
                Duration.ofMillis(getLong(CONNECT_TIMEOUT_MS)), Duration.ofMillis(getLong(TLS_TIMEOUT_MS)),
                Duration.ofMillis(getLong(FIRST_BYTE_TIMEOUT_MS)), resolvers(),
                HostResolver.Family.valueOf(getString(FAMILY)), getInt(MAX_BODY_BYTES), successRange[0], successRange[1],
                getInt(CONCURRENCY), getString(USER_AGENT));
    }

    /** Trust store path, or null for the JDK's default. */
    public String truststorePath() {
        String p = getString(TRUSTSTORE_PATH);
        return p == null || p.isBlank() ? null : p.trim();
    }

    public char[] truststorePassword() {
        return getPassword(TRUSTSTORE_PASSWORD) == null ? null : getPassword(TRUSTSTORE_PASSWORD).value().toCharArray();
    }

    public List<RangeSource> rangeSources() {
        return rangeSources;
    }

    public Duration rangeRefreshInterval() {
        return Duration.ofMillis(getLong(RANGE_REFRESH_MS));
    }

    public Duration rangeInitialLoadTimeout() {
        return Duration.ofMillis(getLong(RANGE_INITIAL_LOAD_MS));
    }

    public Duration inferenceWindow() {
        return Duration.ofMillis(getLong(INFERENCE_WINDOW_MS));
    }

    public double inferenceMinConfidence() {
        return getDouble(INFERENCE_MIN_CONFIDENCE);
    }

    public Duration inferenceRepublish() {
        return Duration.ofMillis(getLong(INFERENCE_REPUBLISH_MS));
    }
}
