package io.blastradius.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The packaged CLI ({@code target/blastradius.jar} with lib/ and registry/ beside it), run as a user would. */
class BlastradiusJarIT {
    private static final Logger log = LoggerFactory.getLogger(BlastradiusJarIT.class);

    @TempDir
    Path dataDir;

    private Process launch(String... extra) throws Exception {
        Path jar = Path.of(System.getProperty("blastradius.jar", "target/blastradius.jar"));
        assertThat(jar).as("the packaged CLI (built in the package phase)").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "local", "--data-dir", dataDir.toString(), "--kafka-port", "0",
                "--registry-port", "0", "--set", "kafka.controller.port=0", "--set", "query.port=0",
                "--replay", "none"));
        command.addAll(List.of(extra));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** The output of a process, read on another thread. */
    private static final class Output {
        private final StringBuilder text = new StringBuilder();
        private final CompletableFuture<Void> ended = new CompletableFuture<>();
        private final List<Map.Entry<String, CompletableFuture<String>>> waiting = new ArrayList<>();

        Output(Process process) {
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        synchronized (this) {
                            text.append(line).append('\n');
                            for (Map.Entry<String, CompletableFuture<String>> w : waiting) {
                                if (line.contains(w.getKey())) {
                                    w.getValue().complete(line);
                                }
                            }
                        }
                    }
                } catch (Exception e) {
                    synchronized (this) {
                        text.append("(reading output failed: ").append(e).append(")\n");
                    }
                }
                synchronized (this) {
                    waiting.forEach(w -> w.getValue().complete(null));
                }
                ended.complete(null);
            }, "jar-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** The first line containing {@code marker}, or null if the output ended without one. */
        synchronized CompletableFuture<String> line(String marker) {
            CompletableFuture<String> seen = new CompletableFuture<>();
            text.toString().lines().filter(l -> l.contains(marker)).findFirst().ifPresent(seen::complete);
            if (ended.isDone()) {
                seen.complete(null);
            }
            waiting.add(Map.entry(marker, seen));
            return seen;
        }

        /** Everything, once the process closed its output (or the wait timed out). */
        String all() throws Exception {
            try {
                ended.get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // report what there is
            }
            synchronized (this) {
                return text.toString();
            }
        }

        @Override
        public synchronized String toString() {
            return text.toString();
        }
    }

    /** Everything the process wrote, once it exited by itself within 3 minutes with status 0; fails otherwise. */
    private static String awaitCleanExit(Process process, Output output) throws Exception {
        boolean exited = process.waitFor(3, TimeUnit.MINUTES);
        if (!exited) {
            process.destroyForcibly();
        }
        assertThat(exited).as("exited within 3 minutes; output:\n%s", output).isTrue();
        String all = output.all();
        assertThat(process.exitValue()).as(all).isZero();
        return all;
    }

    @Test
    void theSmokeRunStartsChecksAndStopsTheWholeStack() throws Exception {
        Process process = launch("--smoke");
        Output output = new Output(process);
        CompletableFuture<String> up = output.line("is up in");

        String all = awaitCleanExit(process, output);
        log.info("packaged stack: {}", up.getNow("(no ready line)"));
        assertThat(all)
                .containsPattern("kafka\\s+127\\.0\\.0\\.1:\\d+\\s+bootstrap\\.servers")
                .containsPattern("registry\\s+http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7\\s+schema\\.registry\\.url")
                .containsPattern("dashboard\\s+http://127\\.0\\.0\\.1:\\d+/\\s+open in a browser")
                .contains("smoke check passed")
                .contains("blastradius local stopped.");
        assertThat(Files.exists(dataDir.resolve("kafka").resolve("meta.properties"))).isTrue();
        assertThat(Files.exists(dataDir.resolve("registry").resolve("registry.mv.db"))).isTrue();
    }

    @Test
    void aSignalStopsTheStackAndItsRegistryProcess() throws Exception {
        Process process = launch();
        Output output = new Output(process);
        String ready = output.line("Press Ctrl-C").get(3, TimeUnit.MINUTES);
        assertThat(ready).as(output.toString()).isNotNull();
        List<ProcessHandle> children = process.descendants().toList();
        assertThat(children).as("the registry child process").isNotEmpty();

        // SIGTERM runs the JVM's shutdown hooks exactly as Ctrl-C (SIGINT) does. Not Process.destroy():
        // it closes our end of the output, and the shutdown's log is what this test reads.
        Process kill = new ProcessBuilder("kill", "-TERM", String.valueOf(process.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -TERM").isTrue();

        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as(output.toString()).isTrue();
        for (ProcessHandle child : children) {
            child.onExit().get(30, TimeUnit.SECONDS);
            assertThat(child.isAlive()).isFalse();
        }
        assertThat(output.all()).containsPattern("Kafka broker on 127\\.0\\.0\\.1:\\d+ stopped");
    }

    @Test
    void theConnectorsFlagRunsTheConnectorsOfAFileInThePackagedCli(@TempDir Path dir) throws Exception {
        Queue<String> asked = new ConcurrentLinkedQueue<>();
        HttpServer page = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        for (String file : List.of("summary.json", "incidents.json")) {
            byte[] body;
            try (InputStream in = getClass().getResourceAsStream("/connectors/statuspage-" + file)) {
                body = in.readAllBytes();
            }
            page.createContext("/page/api/v2/" + file, exchange -> {
                asked.add(exchange.getRequestURI().getPath());
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
        }
        page.start();
        try {
            Path connectors = dir.resolve("connectors.properties");
            Files.writeString(connectors, String.join("\n",
                    "connectors=status-page",
                    "status-page.connector.class=io.blastradius.ingest.status.connect.StatuspageSourceConnector",
                    "status-page.statuspage.pages=page",
                    "status-page.statuspage.page.page.url=http://127.0.0.1:" + page.getAddress().getPort() + "/page",
                    "status-page.statuspage.page.page.subject=coinbase", ""));

            Process process = launch("--connectors", connectors.toString(), "--exit-after", "5s");
            String all = awaitCleanExit(process, new Output(process));

            assertThat(all).containsPattern("connect\\s+http://127\\.0\\.0\\.1:\\d+/\\s+Kafka Connect REST: 1 connector\\(s\\) "
                    + "from connectors\\.properties \\(status-page\\)");
            // the connector was running before the stack reported itself up, so it had polled by the exit
            assertThat(asked).contains("/page/api/v2/summary.json", "/page/api/v2/incidents.json");
            assertThat(dataDir.resolve("connect").resolve("connect.offsets")).exists();
        } finally {
            page.stop(0);
        }
    }
}
