package io.blastradius.alerts.config;

import io.blastradius.schemas.OutageState;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * One destination's settings: the keys under {@code destination.<name>.} in the subscriber's
 * configuration (see docs/alerts.md). Secrets ({@code secret}, {@code routing.key}) are
 * {@link Password}s so they never show in logs; write them as {@code ${ENV_VAR}}.
 */
public final class DestinationConfig extends AbstractConfig {

    public static final String TYPE = "type";
    private static final String TYPE_DOC = "webhook, slack or pagerduty.";

    public static final String URL = "url";
    private static final String URL_DOC = "Where to POST. webhook: the receiver's URL; slack: the incoming webhook URL "
            + "(it holds a secret: write ${SLACK_WEBHOOK_URL}); pagerduty: the Events API v2 enqueue URL "
            + "(default https://events.pagerduty.com/v2/enqueue).";

    public static final String SECRET = "secret";
    private static final String SECRET_DOC = "webhook: HMAC-SHA256 key; when set every request carries "
            + "X-Blastradius-Timestamp and X-Blastradius-Signature (docs/alerts.md says how to verify them).";

    /** Prefix of extra request headers, e.g. {@code destination.ops.header.Authorization=Bearer ${OPS_TOKEN}}. */
    public static final String HEADER_PREFIX = "header.";

    public static final String ROUTING_KEY = "routing.key";
    private static final String ROUTING_KEY_DOC = "pagerduty: the integration's routing key (32 characters).";

    public static final String SEVERITY = "severity";
    private static final String SEVERITY_DOC = "pagerduty: payload severity of the trigger (critical, error, warning, info).";

    public static final String SOURCE = "source";
    private static final String SOURCE_DOC = "pagerduty: payload source, the system PagerDuty shows as affected.";

    public static final String UPDATES = "updates";
    private static final String UPDATES_DOC = "pagerduty: also send ACKNOWLEDGED and RECOVERING as triggers under the "
            + "outage's dedup key, which update the open incident instead of opening another.";

    public static final String ACKNOWLEDGE = "acknowledge";
    private static final String ACKNOWLEDGE_DOC = "pagerduty: send an 'acknowledge' event when the provider "
            + "acknowledges the outage (state ACKNOWLEDGED). Off by default: a provider's ack is not a responder's, "
            + "and acknowledging stops PagerDuty's escalation.";

    public static final String PROVIDERS = "filter.providers";
    private static final String PROVIDERS_DOC = "Only outages of these providers (aws, gcp, cloudflare, ...). Empty: all.";

    public static final String REGIONS = "filter.regions";
    private static final String REGIONS_DOC = "Only outages in these regions (us-east-1, ...). A regionless or global "
            + "outage (aws/global, aws/global/iam) matches every region filter. Empty: all.";

    public static final String SERVICES = "filter.services";
    private static final String SERVICES_DOC = "Only outages whose blast radius (observed or at risk, anywhere on a "
            + "dependency path) holds one of these service ids. Empty: all.";

    public static final String MIN_CONFIDENCE = "filter.min.confidence";
    private static final String MIN_CONFIDENCE_DOC = "Only outages at least this confident (0..1). Once an outage has "
            + "passed, its later alerts pass too, so a resolve is not held back by a falling confidence.";

    public static final String STATES = "filter.states";
    private static final String STATES_DOC = "Lifecycle states to deliver: SUSPECTED, CONFIRMED, ACKNOWLEDGED, "
            + "RECOVERING, RESOLVED. Default: all for webhook and slack; CONFIRMED, ACKNOWLEDGED, RECOVERING, "
            + "RESOLVED for pagerduty.";

    public static final String TIMEOUT_MS = "timeout.ms";
    private static final String TIMEOUT_MS_DOC = "Bound of one request, connect to last byte; a timeout is retried.";

    public static final String MAX_ATTEMPTS = "retry.max.attempts";
    private static final String MAX_ATTEMPTS_DOC = "Attempts per alert before it is dead-lettered.";

    public static final String INITIAL_BACKOFF_MS = "retry.initial.backoff.ms";
    private static final String INITIAL_BACKOFF_MS_DOC = "Backoff before the second attempt; doubles per attempt, "
            + "with jitter (a random half of it).";

    public static final String MAX_BACKOFF_MS = "retry.max.backoff.ms";
    private static final String MAX_BACKOFF_MS_DOC = "Upper bound of the exponential backoff.";

    public static final String BUDGET_MS = "retry.budget.ms";
    private static final String BUDGET_MS_DOC = "Time from the first attempt after which an alert still failing is "
            + "dead-lettered, whatever the attempts left (a Retry-After that reaches past it dead-letters at once).";

    public static final String RESOLVE_BUDGET_MS = "retry.resolve.budget.ms";
    private static final String RESOLVE_BUDGET_MS_DOC = "Time from the first attempt for which a RESOLVED alert that "
            + "keeps failing (timeouts, 429, 5xx) is retried, regardless of retry.max.attempts and retry.budget.ms: an "
            + "incident left open because its resolve was given up on is worse than a late resolve. A refused resolve "
            + "(other 4xx) is still dead-lettered at once.";

    public static final String CONCURRENCY = "concurrency";
    private static final String CONCURRENCY_DOC = "Outages delivered in parallel to this destination (one outage's "
            + "alerts always one at a time, in order).";

    static final String DEFAULT_PAGERDUTY_URL = "https://events.pagerduty.com/v2/enqueue";

    private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

    static final ConfigDef CONFIG = new ConfigDef()
            .define(TYPE, Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                    ConfigDef.ValidString.in("webhook", "slack", "pagerduty"), Importance.HIGH, TYPE_DOC)
            .define(URL, Type.PASSWORD, null, Importance.HIGH, URL_DOC)
            .define(SECRET, Type.PASSWORD, null, Importance.MEDIUM, SECRET_DOC)
            .define(ROUTING_KEY, Type.PASSWORD, null, Importance.HIGH, ROUTING_KEY_DOC)
            .define(SEVERITY, Type.STRING, "critical", ConfigDef.ValidString.in(SEVERITIES.toArray(String[]::new)),
                    Importance.MEDIUM, SEVERITY_DOC)
            .define(SOURCE, Type.STRING, "blastradius", new ConfigDef.NonEmptyString(), Importance.LOW, SOURCE_DOC)
            .define(UPDATES, Type.BOOLEAN, false, Importance.LOW, UPDATES_DOC)
            .define(ACKNOWLEDGE, Type.BOOLEAN, false, Importance.LOW, ACKNOWLEDGE_DOC)
            .define(PROVIDERS, Type.LIST, List.of(), Importance.MEDIUM, PROVIDERS_DOC)
            .define(REGIONS, Type.LIST, List.of(), Importance.MEDIUM, REGIONS_DOC)
            .define(SERVICES, Type.LIST, List.of(), Importance.MEDIUM, SERVICES_DOC)
            .define(MIN_CONFIDENCE, Type.DOUBLE, 0.0, Range.between(0.0, 1.0), Importance.MEDIUM, MIN_CONFIDENCE_DOC)
            .define(STATES, Type.LIST, null, Importance.MEDIUM, STATES_DOC)
            .define(TIMEOUT_MS, Type.LONG, 10_000L, Range.atLeast(1), Importance.LOW, TIMEOUT_MS_DOC)
            .define(MAX_ATTEMPTS, Type.INT, 10, Range.atLeast(1), Importance.LOW, MAX_ATTEMPTS_DOC)
            .define(INITIAL_BACKOFF_MS, Type.LONG, 1_000L, Range.atLeast(0), Importance.LOW, INITIAL_BACKOFF_MS_DOC)
            .define(MAX_BACKOFF_MS, Type.LONG, 60_000L, Range.atLeast(0), Importance.LOW, MAX_BACKOFF_MS_DOC)
            .define(BUDGET_MS, Type.LONG, 15 * 60_000L, Range.atLeast(0), Importance.LOW, BUDGET_MS_DOC)
            .define(RESOLVE_BUDGET_MS, Type.LONG, 24 * 3_600_000L, Range.atLeast(0), Importance.LOW,
                    RESOLVE_BUDGET_MS_DOC)
            .define(CONCURRENCY, Type.INT, 4, Range.between(1, 64), Importance.LOW, CONCURRENCY_DOC);

    private final String name;
    private final DestinationType type;

    /**
     * @param name the destination's name (the {@code <name>} in {@code destination.<name>.})
     * @param values its keys without that prefix, placeholders already substituted
     */
    public DestinationConfig(String name, Map<String, ?> values) {
        super(CONFIG, values, false);
        this.name = name;
        this.type = DestinationType.parse(getString(TYPE));
        rejectUnknown(values.keySet());
        check();
    }

    /** The documented keys (without the {@code destination.<name>.} prefix). */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    public String name() {
        return name;
    }

    public DestinationType type() {
        return type;
    }

    public URI url() {
        Password url = getPassword(URL);
        String value = url == null ? (type == DestinationType.PAGERDUTY ? DEFAULT_PAGERDUTY_URL : null) : url.value();
        return parseUrl(value);
    }

    /** The HMAC key, or null when requests are not signed. */
    public byte[] secret() {
        Password secret = getPassword(SECRET);
        return secret == null || secret.value().isEmpty() ? null
                : secret.value().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Extra headers, in the order given. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        originalsWithPrefix(HEADER_PREFIX).forEach((k, v) -> headers.put(k, String.valueOf(v)));
        return headers;
    }

    public String routingKey() {
        Password key = getPassword(ROUTING_KEY);
        return key == null ? null : key.value();
    }

    public String severity() {
        return getString(SEVERITY);
    }

    public String source() {
        return getString(SOURCE);
    }

    public boolean updates() {
        return getBoolean(UPDATES);
    }

    public boolean acknowledge() {
        return getBoolean(ACKNOWLEDGE);
    }

    public Set<String> providers() {
        return lowerCase(getList(PROVIDERS));
    }

    public Set<String> regions() {
        return lowerCase(getList(REGIONS));
    }

    public Set<String> services() {
        return lowerCase(getList(SERVICES));
    }

    public double minConfidence() {
        return getDouble(MIN_CONFIDENCE);
    }

    public Set<OutageState> states() {
        List<String> states = getList(STATES);
        if (states == null) {
            return type == DestinationType.PAGERDUTY
                    ? EnumSet.complementOf(EnumSet.of(OutageState.SUSPECTED))
                    : EnumSet.allOf(OutageState.class);
        }
        EnumSet<OutageState> parsed = EnumSet.noneOf(OutageState.class);
        for (String s : states) {
            try {
                parsed.add(OutageState.valueOf(s.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key(STATES), s, "not a state; one of " + Arrays.toString(OutageState.values()));
            }
        }
        if (parsed.isEmpty()) {
            throw new ConfigException(key(STATES), "", "at least one state is needed");
        }
        return parsed;
    }

    public Duration timeout() {
        return Duration.ofMillis(getLong(TIMEOUT_MS));
    }

    public RetrySettings retry() {
        return new RetrySettings(getInt(MAX_ATTEMPTS), Duration.ofMillis(getLong(INITIAL_BACKOFF_MS)),
                Duration.ofMillis(getLong(MAX_BACKOFF_MS)), Duration.ofMillis(getLong(BUDGET_MS)),
                Duration.ofMillis(getLong(RESOLVE_BUDGET_MS)));
    }

    public int concurrency() {
        return getInt(CONCURRENCY);
    }

    /**
     * How hard to try one alert: attempts, exponential backoff bounds, and the total time budget; a
     * resolve is tried for {@code resolveBudget}, whatever the attempts.
     */
    public record RetrySettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration budget,
            Duration resolveBudget) {}

    private String key(String relative) {
        return "destination." + name + "." + relative;
    }

    private void rejectUnknown(Set<String> keys) {
        List<String> unknown = new ArrayList<>();
        for (String k : keys) {
            if (!CONFIG.names().contains(k) && !k.startsWith(HEADER_PREFIX)) {
                unknown.add(key(k));
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigException("unknown setting(s) " + unknown + "; a destination knows "
                    + new TreeSet<>(CONFIG.names()) + " and " + HEADER_PREFIX + "<Header-Name>");
        }
    }

    private void check() {
        switch (type) {
            case WEBHOOK, SLACK -> {
                if (getPassword(URL) == null || getPassword(URL).value().isBlank()) {
                    throw new ConfigException(key(URL) + " is required for a " + type.id() + " destination");
                }
            }
            case PAGERDUTY -> {
                if (routingKey() == null || routingKey().isBlank()) {
                    throw new ConfigException(key(ROUTING_KEY) + " is required for a pagerduty destination");
                }
            }
            default -> throw new ConfigException(key(TYPE) + " cannot be " + type.id());
        }
        if (type != DestinationType.WEBHOOK && getPassword(SECRET) != null) {
            throw new ConfigException(key(SECRET) + " applies to webhook destinations only");
        }
        url();
        states();
        if (getLong(MAX_BACKOFF_MS) < getLong(INITIAL_BACKOFF_MS)) {
            throw new ConfigException(key(MAX_BACKOFF_MS) + " must be at least " + key(INITIAL_BACKOFF_MS));
        }
    }

    private URI parseUrl(String value) {
        try {
            URI uri = new URI(value);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                throw new ConfigException(key(URL) + " must be an absolute http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            // no value in the message: a Slack webhook URL is a secret
            throw new ConfigException(key(URL) + " is not a valid URL: " + e.getReason());
        }
    }

    private static Set<String> lowerCase(List<String> values) {
        Set<String> out = new TreeSet<>();
        for (String v : values) {
            if (!v.isBlank()) {
                out.add(v.trim().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }
}
