package io.blastradius.deploy.local;

import io.blastradius.embedded.registry.EmbeddedRegistry;
import io.blastradius.embedded.registry.RegistryDistribution;
import io.blastradius.embedded.registry.RegistrySettings;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The Apicurio registry as a child process, its database under {@code <data.dir>/registry}. */
final class RegistryPart implements StackPart {
    private EmbeddedRegistry registry;

    @Override
    public String name() {
        return "registry";
    }

    /** Launches the registry's JVM, which boots (a few seconds) while the broker starts. */
    @Override
    public void prepare(StackContext context) {
        LocalStackConfig config = context.config();
        RegistrySettings settings = new RegistrySettings(distribution(config), config.dataDir().resolve("registry"),
                config.registryPort(), config.registryHeapMegabytes(), config.registryStartTimeout(),
                config.shutdownTimeout(), config.registryCompatibility());
        registry = EmbeddedRegistry.launch(settings);
    }

    @Override
    public void start(StackContext context) {
        registry.awaitReady();
        context.publishRegistryUrl(registry.confluentApiUrl());
        context.addEndpoint("registry", registry.confluentApiUrl(), "schema.registry.url");
    }

    /** The configured distribution, else the one the build unpacked beside blastradius.jar, else the Maven repository's. */
    static RegistryDistribution distribution(LocalStackConfig config) {
        if (config.registryHome() != null) {
            return RegistryDistribution.in(config.registryHome());
        }
        Path besideJar = besideJar();
        if (besideJar != null && Files.isDirectory(besideJar)) {
            return RegistryDistribution.in(besideJar);
        }
        return RegistryDistribution.locate();
    }

    private static Path besideJar() {
        try {
            Path location = Path.of(RegistryPart.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) ? location.getParent().resolve("registry") : null;
        } catch (URISyntaxException | SecurityException e) {
            return null;
        }
    }

    @Override
    public void stop() {
        if (registry != null) {
            registry.close();
            registry = null;
        }
    }
}
