package io.blastradius.ingest.probe;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The host's resolvers, from the {@code nameserver} lines of {@code /etc/resolv.conf} (read, never queried here). */
final class SystemResolvers {
    private static final Logger LOG = LoggerFactory.getLogger(SystemResolvers.class);
    private static final Path RESOLV_CONF = Path.of("/etc/resolv.conf");

    private SystemResolvers() {
    }

    static List<InetSocketAddress> read() {
        return read(RESOLV_CONF);
    }

    static List<InetSocketAddress> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new ConfigException(ProbeConnectorConfig.RESOLVERS, "system",
                    "cannot read " + file + " (" + e.getMessage() + "); list the resolvers instead");
        }
        List<InetSocketAddress> out = new ArrayList<>();
        for (String line : lines) {
            String[] words = line.trim().split("\\s+");
            if (words.length >= 2 && words[0].equals("nameserver")) {
                String address = words[1];
                if (address.contains("%")) {
                    LOG.warn("skipping link-local resolver {} from {}: zone ids are not supported", address, file);
                    continue;
                }
                try {
                    out.add(Check.resolverAddress(address.contains(":") ? "[" + address + "]" : address));
                } catch (IllegalArgumentException e) {
                    LOG.warn("skipping resolver '{}' from {}: {}", address, file, e.getMessage());
                }
            }
        }
        if (out.isEmpty()) {
            throw new ConfigException(ProbeConnectorConfig.RESOLVERS, "system", "no usable nameserver line in " + file
                    + "; list the resolvers instead");
        }
        return out;
    }
}
