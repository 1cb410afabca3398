package io.blastradius.ingest.connect;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a file that holds several connector configs, such as {@code deploy/config/live-status.properties}:
 * {@code connectors} lists the connector names, and every key of connector {@code <name>} is written
 * {@code <name>.<key>}. The result maps each name to a complete connector config (with {@code name}
 * set), ready for an in-process worker ({@code blastradius local --connectors FILE}) or a Connect
 * cluster's REST API. Secrets stay out of the file as {@code ${NAME}} placeholders, filled from the
 * environment by {@link #withEnvironment} (Connect's own {@code ${provider:path:key}} references have a
 * colon and are left to the worker).
 */
public final class ConnectorConfigFile {
    /** The key listing the connector names. */
    public static final String CONNECTORS = "connectors";
    /** The key every connector's config must have. */
    public static final String CONNECTOR_CLASS = "connector.class";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private ConnectorConfigFile() {
    }

    /**
     * {@code configs} with every {@code ${NAME}} in a value replaced by {@code environment.get(NAME)}.
     * Throws {@link IllegalArgumentException} naming the connector, the key and the variable when a
     * variable is not set: a connector must not start with a placeholder as its salt or token.
     */
    public static Map<String, Map<String, String>> withEnvironment(Map<String, Map<String, String>> configs,
            Map<String, String> environment) {
        Map<String, Map<String, String>> resolved = new LinkedHashMap<>();
        configs.forEach((name, config) -> {
            Map<String, String> values = new LinkedHashMap<>();
            config.forEach((key, value) -> {
                Matcher m = PLACEHOLDER.matcher(value);
                StringBuilder out = new StringBuilder();
                while (m.find()) {
                    String variable = environment.get(m.group(1));
                    if (variable == null) {
                        throw new IllegalArgumentException("connector '" + name + "', key '" + key + "': environment variable "
                                + m.group(1) + " is not set");
                    }
                    m.appendReplacement(out, Matcher.quoteReplacement(variable));
                }
                m.appendTail(out);
                values.put(key, out.toString());
            });
            resolved.put(name, values);
        });
        return resolved;
    }

    /** Reads {@code path}; throws {@link IllegalArgumentException} naming the offending key on a malformed file. */
    public static Map<String, Map<String, String>> load(Path path) throws IOException {
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            Properties props = new Properties();
            props.load(in);
            Map<String, String> flat = new HashMap<>();
            props.stringPropertyNames().forEach(k -> flat.put(k, props.getProperty(k)));
            return parse(flat, path.toString());
        }
    }

    /** Splits flat {@code <name>.<key>} properties into one config per connector listed in {@code connectors}. */
    public static Map<String, Map<String, String>> parse(Map<String, String> flat, String what) {
        String list = flat.get(CONNECTORS);
        if (list == null || list.isBlank()) {
            throw new IllegalArgumentException(what + ": '" + CONNECTORS + "' lists no connector");
        }
        List<String> names = new ArrayList<>();
        for (String n : list.split(",")) {
            String name = n.trim();
            if (name.isEmpty() || name.contains(".")) {
                throw new IllegalArgumentException(what + ": connector name '" + name + "' is empty or has a dot");
            }
            if (names.contains(name)) {
                throw new IllegalArgumentException(what + ": connector '" + name + "' listed twice");
            }
            names.add(name);
        }
        Map<String, Map<String, String>> configs = new LinkedHashMap<>();
        names.forEach(n -> {
            Map<String, String> config = new LinkedHashMap<>();
            config.put("name", n);
            configs.put(n, config);
        });
        for (Map.Entry<String, String> e : flat.entrySet()) {
            if (e.getKey().equals(CONNECTORS)) {
                continue;
            }
            int dot = e.getKey().indexOf('.');
            String owner = dot < 0 ? e.getKey() : e.getKey().substring(0, dot);
            Map<String, String> config = configs.get(owner);
            if (config == null || dot == e.getKey().length() - 1) {
                throw new IllegalArgumentException(what + ": key '" + e.getKey() + "' belongs to no connector listed in '"
                        + CONNECTORS + "'");
            }
            config.put(e.getKey().substring(dot + 1), e.getValue().trim());
        }
        for (Map.Entry<String, Map<String, String>> c : configs.entrySet()) {
            if (!c.getValue().containsKey(CONNECTOR_CLASS)) {
                throw new IllegalArgumentException(what + ": connector '" + c.getKey() + "' has no " + CONNECTOR_CLASS);
            }
        }
        return configs;
    }
}
