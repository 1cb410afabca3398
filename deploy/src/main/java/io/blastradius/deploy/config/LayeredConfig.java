package io.blastradius.deploy.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Merges configuration from its sources into one namespace of keys, in this order of precedence
 * (later wins):
 * <ol>
 *   <li>the defaults of the {@link ConfigDef};</li>
 *   <li>a properties file ({@code --config});</li>
 *   <li>environment variables: {@code BLASTRADIUS_} + the key in upper case with {@code .} and
 *       {@code -} as {@code _} (e.g. {@code BLASTRADIUS_DATA_DIR} for {@code data.dir});</li>
 *   <li>command-line flags: {@code --set key=value} and the named flags that stand for a key.</li>
 * </ol>
 * Keys that are neither defined nor under a pass-through prefix are rejected, in the file and on the
 * command line alike: a typo fails loudly instead of being ignored. Unknown environment variables
 * are ignored (the environment holds plenty of unrelated {@code BLASTRADIUS_*} names, e.g. for CI).
 */
public final class LayeredConfig {
    /** Prefix of the environment variables read. */
    public static final String ENV_PREFIX = "BLASTRADIUS_";

    /** Where an effective value came from. */
    public enum Source { DEFAULT, FILE, ENVIRONMENT, COMMAND_LINE }

    /** One effective setting and its origin, for {@code --print-config}. */
    public record Setting(String key, String value, Source source) {}

    private final ConfigDef definition;
    private final Set<String> passThroughPrefixes;

    /**
     * @param definition the documented keys
     * @param passThroughPrefixes prefixes under which any key is accepted and handed on as is
     *     (e.g. {@code kafka.broker.} for broker configs)
     */
    public LayeredConfig(ConfigDef definition, Set<String> passThroughPrefixes) {
        this.definition = Objects.requireNonNull(definition);
        this.passThroughPrefixes = Set.copyOf(passThroughPrefixes);
    }

    /**
     * Adds a named flag's value (when given) to the command-line settings under {@code key}; a flag
     * and a {@code --set} of the same key must agree.
     *
     * @throws ConfigException naming both when they contradict each other
     */
    public static void putFlag(Map<String, String> values, String key, Object flag, String flagName) {
        if (flag == null) {
            return;
        }
        String previous = values.put(key, String.valueOf(flag));
        if (previous != null && !previous.equals(String.valueOf(flag))) {
            throw new ConfigException(flagName + " " + flag + " contradicts --set " + key + "=" + previous);
        }
    }

    /** The environment variable that sets {@code key}. */
    public static String environmentName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * The effective settings.
     *
     * @param file a properties file, or null
     * @param environment the process environment (passed in, so tests control it)
     * @param commandLine key/value pairs from the command line
     * @throws ConfigException for an unknown key or an unreadable file
     */
    public Map<String, Setting> resolve(Path file, Map<String, String> environment, Map<String, String> commandLine) {
        Map<String, Setting> settings = new TreeMap<>();
        definition.defaultValues().forEach((k, v) -> {
            if (v != null) {
                settings.put(k, new Setting(k, stringOf(v), Source.DEFAULT));
            }
        });
        if (file != null) {
            readFile(file).forEach((k, v) -> settings.put(k, new Setting(k, v, Source.FILE)));
        }
        fromEnvironment(environment).forEach((k, v) -> settings.put(k, new Setting(k, v, Source.ENVIRONMENT)));
        checkKnown(commandLine.keySet(), "the command line");
        commandLine.forEach((k, v) -> settings.put(k, new Setting(k, v, Source.COMMAND_LINE)));
        return Collections.unmodifiableMap(settings);
    }

    /** Just the values of {@link #resolve}, ready for an {@code AbstractConfig}. */
    public static Map<String, String> values(Map<String, Setting> settings) {
        Map<String, String> values = new LinkedHashMap<>();
        settings.forEach((k, s) -> values.put(k, s.value()));
        return values;
    }

    private Map<String, String> readFile(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> values.put(k.trim(), p.getProperty(k).trim()));
        checkKnown(values.keySet(), "config file " + file);
        return values;
    }

    private Map<String, String> fromEnvironment(Map<String, String> environment) {
        Map<String, String> values = new TreeMap<>();
        for (String key : definition.names()) {
            String value = environment.get(environmentName(key));
            if (value != null) {
                values.put(key, value);
            }
        }
        for (String prefix : passThroughPrefixes) {
            String envPrefix = environmentName(prefix);
            environment.forEach((name, value) -> {
                if (name.startsWith(envPrefix) && name.length() > envPrefix.length()) {
                    values.put(prefix + name.substring(envPrefix.length()).toLowerCase(Locale.ROOT).replace('_', '.'),
                            value);
                }
            });
        }
        return values;
    }

    private void checkKnown(Iterable<String> keys, String where) {
        List<String> unknown = new ArrayList<>();
        for (String key : keys) {
            if (!definition.names().contains(key) && passThroughPrefixes.stream().noneMatch(key::startsWith)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigException("unknown setting(s) " + unknown + " in " + where + "; known keys: "
                    + new TreeMap<>(definition.configKeys()).keySet()
                    + (passThroughPrefixes.isEmpty() ? "" : ", and any key under " + passThroughPrefixes));
        }
    }

    /** {@code setting}'s value for printing: a password that is set shows as {@code [hidden]}. */
    public String display(Setting setting) {
        ConfigDef.ConfigKey key = definition.configKeys().get(setting.key());
        boolean secret = key != null && key.type == ConfigDef.Type.PASSWORD;
        return secret && setting.value() != null && !setting.value().isEmpty() ? "[hidden]" : setting.value();
    }

    private static String stringOf(Object value) {
        if (value instanceof Password password) {
            // a default password's toString() is the mask "[hidden]", which would become the value itself
            return password.value();
        }
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }
}
