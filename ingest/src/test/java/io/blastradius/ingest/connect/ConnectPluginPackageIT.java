package io.blastradius.ingest.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.runtime.isolation.PluginDesc;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.storage.Converter;
import org.junit.jupiter.api.Test;

/** The Connect plugin the build packages (runs after {@code package}, on what an operator would install). */
class ConnectPluginPackageIT {
    private static Path pluginDir() throws IOException {
        try (Stream<Path> dirs = Files.list(Path.of("target"))) {
            Path assembly = dirs.filter(p -> p.getFileName().toString().endsWith("-connect-plugin") && Files.isDirectory(p))
                    .findFirst().orElseThrow(() -> new AssertionError("no connect-plugin assembly under target/"));
            try (Stream<Path> inner = Files.list(assembly)) {
                return inner.findFirst().orElseThrow();
            }
        }
    }

    private static List<String> libs() throws IOException {
        try (Stream<Path> jars = Files.list(pluginDir().resolve("lib"))) {
            return jars.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void holdsTheConnectorsAndTheirDependenciesButNothingConnectProvides() throws IOException {
        List<String> libs = libs();

        assertThat(libs).anyMatch(n -> n.startsWith("blastradius-ingest-"))
                .anyMatch(n -> n.startsWith("blastradius-schemas-"))
                .anyMatch(n -> n.startsWith("blastradius-http-support-"))
                .anyMatch(n -> n.startsWith("avro-"))
                .anyMatch(n -> n.startsWith("jackson-databind-"));
        assertThat(libs).noneMatch(n -> n.startsWith("kafka-clients") || n.startsWith("connect-")
                || n.startsWith("kafka_") || n.startsWith("jetty") || n.startsWith("jersey")
                || n.startsWith("jakarta.ws.rs") || n.startsWith("slf4j-api") || n.startsWith("zstd")
                || n.startsWith("junit") || n.startsWith("blastradius-test-support"));
        assertThat(pluginDir().resolve("doc/README.md")).exists();
        assertThat(pluginDir().getParent().resolveSibling(pluginDir().getParent().getFileName() + ".zip")).exists();
    }

    @Test
    void declaresItsPluginsInServiceManifests() throws IOException {
        Path ingestJar = pluginDir().resolve("lib").resolve(libs().stream()
                .filter(n -> n.startsWith("blastradius-ingest-")).findFirst().orElseThrow());
        try (JarFile jar = new JarFile(ingestJar.toFile())) {
            String converters = new String(jar.getInputStream(
                    jar.getEntry("META-INF/services/org.apache.kafka.connect.storage.Converter")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(converters).contains(AvroConverter.class.getName());
            assertThat(jar.getEntry("META-INF/services/org.apache.kafka.connect.source.SourceConnector")).isNotNull();
            assertThat(jar.getEntry(CountingStatusConnector.class.getName().replace('.', '/') + ".class"))
                    .as("test connectors stay out of the plugin").isNull();
        }
    }

    @Test
    void aWorkerDiscoversEveryListedConnectorOnThePluginPath() throws IOException {
        Path ingestJar = pluginDir().resolve("lib").resolve(libs().stream()
                .filter(n -> n.startsWith("blastradius-ingest-")).findFirst().orElseThrow());
        List<String> listed;
        try (JarFile jar = new JarFile(ingestJar.toFile())) {
            listed = new String(jar.getInputStream(jar.getEntry("META-INF/services/org.apache.kafka.connect.source.SourceConnector"))
                    .readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
        Plugins plugins = new Plugins(Map.of("plugin.path", pluginDir().getParent().toString(),
                "plugin.discovery", "service_load"));

        List<String> discovered = plugins.sourceConnectors().stream()
                .filter(d -> d.location().contains("connect-plugin")).map(PluginDesc::className).toList();

        assertThat(listed).isNotEmpty();
        assertThat(discovered).containsAll(listed);
    }

    @Test
    void aWorkerLoadsTheConverterFromThePluginPathInIsolationAndItWorks() throws Exception {
        Plugins plugins = new Plugins(Map.of("plugin.path", pluginDir().getParent().toString(),
                "plugin.discovery", "service_load"));

        PluginDesc<Converter> desc = plugins.converters().stream()
                .filter(d -> d.className().equals(AvroConverter.class.getName()) && d.location().contains("connect-plugin"))
                .findFirst().orElseThrow(() -> new AssertionError("AvroConverter not discovered on the plugin path: "
                        + plugins.converters()));
        assertThat(desc.pluginClass()).isNotSameAs(AvroConverter.class); // the plugin's own copy
        assertThat(desc.pluginClass().getClassLoader()).isNotSameAs(AvroConverter.class.getClassLoader());

        Constructor<? extends Converter> constructor = desc.pluginClass().getConstructor();
        Converter isolated = constructor.newInstance();
        isolated.configure(Map.of("schema.registry.url", "mock://plugin-package-it"), false);
        // Structs are Connect API classes, shared with the worker; the generated classes are the plugin's.
        Struct struct = new AvroConnectData().toConnect(CountingStatusConnector.event(7));
        byte[] bytes = isolated.fromConnectData("status", struct.schema(), struct);
        SchemaAndValue back = isolated.toConnectData("status", bytes);

        assertThat(back.value()).isEqualTo(struct);
        isolated.close();
    }
}
