package io.blastradius.schemas.serde;

import io.blastradius.schemas.registry.RegistryClientSettings;
import io.blastradius.schemas.registry.SubjectNameStrategy;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Configuration of the Avro serde, with the keys Confluent serde users already know. Unknown keys
 * are ignored, so the serde can be configured straight from producer, consumer or Streams configs.
 */
public final class AvroSerdeConfig extends AbstractConfig {

    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    private static final String SCHEMA_REGISTRY_URL_DOC = "Comma-separated base URLs of a Confluent-compatible schema "
            + "registry (for Apicurio: http://host:port/apis/ccompat/v7). On a connection error or 5xx the client moves "
            + "to the next. mock://<scope> gives an in-memory registry shared within the JVM, for unit tests.";

    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    private static final String AUTO_REGISTER_SCHEMAS_DOC = "Register the writer's schema under its subject if it is not "
            + "there yet. When false the schema must already be registered (or use.latest.version set).";

    public static final String USE_LATEST_VERSION = "use.latest.version";
    private static final String USE_LATEST_VERSION_DOC = "Serialize with the id of the subject's latest version instead "
            + "of registering or looking up the writer's schema. The latest version must be able to encode the record.";

    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    private static final String BASIC_AUTH_CREDENTIALS_SOURCE_DOC = "Where basic-auth credentials come from: USER_INFO "
            + "(basic.auth.user.info, falling back to user:password@ in each registry URL) or URL (only the URLs' "
            + "user info). Credentials are never sent as part of the URL and never logged.";

    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    private static final String BASIC_AUTH_USER_INFO_DOC = "Credentials as user:password, used when "
            + "basic.auth.credentials.source=USER_INFO.";

    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
    private static final String SUBJECT_NAME_STRATEGY_DOC = "How the subject is named: TopicNameStrategy "
            + "(<topic>-key|value), RecordNameStrategy (record full name) or TopicRecordNameStrategy "
            + "(<topic>-<record full name>). Confluent's class names are accepted too.";

    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    private static final String SPECIFIC_AVRO_READER_DOC = "Deserialize into generated SpecificRecord classes instead of "
            + "GenericRecord.";

    public static final String MAX_RETRIES = "max.retries";
    private static final String MAX_RETRIES_DOC = "Retries of a registry call after a connection error or 5xx answer.";

    public static final String RETRIES_WAIT_MS = "retries.wait.ms";
    private static final String RETRIES_WAIT_MS_DOC = "First backoff between retries; doubles each retry, with jitter.";

    public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";
    private static final String RETRIES_MAX_WAIT_MS_DOC = "Upper bound of the backoff between retries.";

    public static final String CONNECT_TIMEOUT_MS = "schema.registry.connect.timeout.ms";
    private static final String CONNECT_TIMEOUT_MS_DOC = "TCP connect timeout for registry calls.";

    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
    private static final String REQUEST_TIMEOUT_MS_DOC = "Timeout of one registry call, connect to last byte.";

    public static final String MAX_SCHEMAS_PER_SUBJECT = "max.schemas.per.subject";
    private static final String MAX_SCHEMAS_PER_SUBJECT_DOC = "Bound of the client's (subject, schema) cache.";

    static final ConfigDef CONFIG = new ConfigDef()
            .define(SCHEMA_REGISTRY_URL, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH, SCHEMA_REGISTRY_URL_DOC)
            .define(AUTO_REGISTER_SCHEMAS, Type.BOOLEAN, true, Importance.MEDIUM, AUTO_REGISTER_SCHEMAS_DOC)
            .define(USE_LATEST_VERSION, Type.BOOLEAN, false, Importance.LOW, USE_LATEST_VERSION_DOC)
            .define(BASIC_AUTH_CREDENTIALS_SOURCE, Type.STRING, "USER_INFO",
                    ConfigDef.ValidString.in("USER_INFO", "URL"), Importance.MEDIUM, BASIC_AUTH_CREDENTIALS_SOURCE_DOC)
            .define(BASIC_AUTH_USER_INFO, Type.PASSWORD, null, Importance.MEDIUM, BASIC_AUTH_USER_INFO_DOC)
            .define(KEY_SUBJECT_NAME_STRATEGY, Type.STRING, "TopicNameStrategy", Importance.LOW, SUBJECT_NAME_STRATEGY_DOC)
            .define(VALUE_SUBJECT_NAME_STRATEGY, Type.STRING, "TopicNameStrategy", Importance.LOW, SUBJECT_NAME_STRATEGY_DOC)
            .define(SPECIFIC_AVRO_READER, Type.BOOLEAN, false, Importance.LOW, SPECIFIC_AVRO_READER_DOC)
            .define(MAX_RETRIES, Type.INT, 3, ConfigDef.Range.atLeast(0), Importance.LOW, MAX_RETRIES_DOC)
            .define(RETRIES_WAIT_MS, Type.LONG, 100L, ConfigDef.Range.atLeast(0), Importance.LOW, RETRIES_WAIT_MS_DOC)
            .define(RETRIES_MAX_WAIT_MS, Type.LONG, 5_000L, ConfigDef.Range.atLeast(0), Importance.LOW, RETRIES_MAX_WAIT_MS_DOC)
            .define(CONNECT_TIMEOUT_MS, Type.LONG, 5_000L, ConfigDef.Range.atLeast(1), Importance.LOW, CONNECT_TIMEOUT_MS_DOC)
            .define(REQUEST_TIMEOUT_MS, Type.LONG, 30_000L, ConfigDef.Range.atLeast(1), Importance.LOW, REQUEST_TIMEOUT_MS_DOC)
            .define(MAX_SCHEMAS_PER_SUBJECT, Type.INT, 1000, ConfigDef.Range.atLeast(1), Importance.LOW,
                    MAX_SCHEMAS_PER_SUBJECT_DOC);

    public AvroSerdeConfig(Map<?, ?> props) {
        super(CONFIG, classesAsNames(props), false);
    }

    // Kafka users also configure strategies with Class objects (props.put(KEY, TopicRecordNameStrategy.class)).
    private static Map<?, ?> classesAsNames(Map<?, ?> props) {
        Object key = props.get(KEY_SUBJECT_NAME_STRATEGY);
        Object value = props.get(VALUE_SUBJECT_NAME_STRATEGY);
        if (!(key instanceof Class) && !(value instanceof Class)) {
            return props;
        }
        Map<Object, Object> copy = new java.util.HashMap<>(props);
        copy.computeIfPresent(KEY_SUBJECT_NAME_STRATEGY, (k, v) -> v instanceof Class ? ((Class<?>) v).getName() : v);
        copy.computeIfPresent(VALUE_SUBJECT_NAME_STRATEGY, (k, v) -> v instanceof Class ? ((Class<?>) v).getName() : v);
        return copy;
    }

    /** The documented keys, for generated docs and CLI help. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    public boolean autoRegister() {
        return getBoolean(AUTO_REGISTER_SCHEMAS);
    }

    public boolean useLatestVersion() {
        return getBoolean(USE_LATEST_VERSION);
    }

    public boolean specificReader() {
        return getBoolean(SPECIFIC_AVRO_READER);
    }

    public SubjectNameStrategy subjectNameStrategy(boolean isKey) {
        String name = getString(isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY);
        try {
            return SubjectNameStrategy.parse(name);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY, name, e.getMessage());
        }
    }

    /** Client settings: URLs (credentials in them moved to basic auth when the source is URL), timeouts, retries. */
    public RegistryClientSettings clientSettings() {
        String urls = String.join(",", getList(SCHEMA_REGISTRY_URL));
        if (urls.isBlank()) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, urls, "at least one registry URL is required");
        }
        // USER_INFO: basic.auth.user.info when given, else the URL's own user info; URL: only the URL's.
        String userInfo = null;
        if (!"URL".equals(getString(BASIC_AUTH_CREDENTIALS_SOURCE)) && getPassword(BASIC_AUTH_USER_INFO) != null) {
            userInfo = getPassword(BASIC_AUTH_USER_INFO).value();
        }
        RegistryClientSettings settings;
        try {
            settings = RegistryClientSettings.of(urls);
        } catch (IllegalArgumentException e) {
            // no value in the message: it may hold credentials
            throw new ConfigException(SCHEMA_REGISTRY_URL + " is invalid: " + e.getMessage());
        }
        return new RegistryClientSettings(settings.urls(), userInfo,
                Duration.ofMillis(getLong(CONNECT_TIMEOUT_MS)), Duration.ofMillis(getLong(REQUEST_TIMEOUT_MS)),
                getInt(MAX_RETRIES), Duration.ofMillis(getLong(RETRIES_WAIT_MS)),
                Duration.ofMillis(getLong(RETRIES_MAX_WAIT_MS)), getInt(MAX_SCHEMAS_PER_SUBJECT));
    }

}
