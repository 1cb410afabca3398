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

/**
 * Reads a file that holds several connector configs, such as {@code deploy/config/live-status.properties}:
 * {@code connectors} lists the connector names, and every key of connector {@code <name>} is written
 * {@code <name>.<key>}. The result maps each name to a complete connector config (with {@code name}
 * set), ready for an in-process worker ({@code blastradius local --connectors FILE}) or a Connect
 * cluster's REST API.
 */
public final class ConnectorConfigFile {
    /** The key listing the connector names. */
    public static final String CONNECTORS = "connectors";
    /** The key every connector's config must have. */
    public static final String CONNECTOR_CLASS = "connector.class";

    private ConnectorConfigFile() {
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
