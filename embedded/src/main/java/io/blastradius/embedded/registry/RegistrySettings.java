package io.blastradius.embedded.registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run an {@link EmbeddedRegistry}.
 *
 * @param distribution the unpacked Apicurio Registry to run
 * @param dataDir the registry's own directory: its H2 database file and its log live here, so a
 *     registry started again on the same directory has the same subjects and schema ids
 * @param port the HTTP port on 127.0.0.1, or 0 to pick a free one
 * @param heapMegabytes the child JVM's maximum heap
 * @param startTimeout how long to wait for the registry to report ready
 * @param stopTimeout how long to wait for a graceful stop before killing the process
 * @param defaultCompatibility the global compatibility level stored when the data directory is new
 *     (Confluent's default is BACKWARD); a level set later through the API is kept across restarts
 */
public record RegistrySettings(RegistryDistribution distribution, Path dataDir, int port, int heapMegabytes,
        Duration startTimeout, Duration stopTimeout, String defaultCompatibility) {

    public RegistrySettings {
        Objects.requireNonNull(distribution, "distribution");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        Objects.requireNonNull(defaultCompatibility, "defaultCompatibility");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        if (heapMegabytes < 64) {
            throw new IllegalArgumentException("the registry needs at least 64 MiB of heap, got " + heapMegabytes);
        }
    }

    /** A free port, 256 MiB of heap, 90 s to start, 20 s to stop, BACKWARD compatibility. */
    public static RegistrySettings of(RegistryDistribution distribution, Path dataDir) {
        return new RegistrySettings(distribution, dataDir, 0, 256, Duration.ofSeconds(90), Duration.ofSeconds(20),
                "BACKWARD");
    }

    public RegistrySettings withPort(int httpPort) {
        return new RegistrySettings(distribution, dataDir, httpPort, heapMegabytes, startTimeout, stopTimeout,
                defaultCompatibility);
    }

    public RegistrySettings withHeapMegabytes(int megabytes) {
        return new RegistrySettings(distribution, dataDir, port, megabytes, startTimeout, stopTimeout,
                defaultCompatibility);
    }

    public RegistrySettings withStartTimeout(Duration timeout) {
        return new RegistrySettings(distribution, dataDir, port, heapMegabytes, timeout, stopTimeout,
                defaultCompatibility);
    }

    public RegistrySettings withDefaultCompatibility(String level) {
        return new RegistrySettings(distribution, dataDir, port, heapMegabytes, startTimeout, stopTimeout, level);
    }

    /** The registry's log file, in its data directory. */
    public Path logFile() {
        return dataDir.resolve("registry.log");
    }
}
