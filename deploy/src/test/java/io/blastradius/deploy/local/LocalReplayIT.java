package io.blastradius.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.deploy.BlastradiusCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code blastradius local} as a person runs it, in this JVM: the real broker, registry, topics and
 * streams app, the 2025-10-20 AWS replay (at full speed here; pacing changes no event time), and the
 * outages it prints, read back from the pipeline's output topics.
 */
class LocalReplayIT {
    private static final Pattern AWS_DETECTED = Pattern.compile(
            "(?m)^\\d\\d-\\d\\d \\d\\d:\\d\\d  (SUSPECTED|CONFIRMED) +aws/us-east-1(/[a-z0-9-]+)? +confidence [01]\\.\\d\\d  "
                    + "\\S+ after onset \\(\\d\\d:\\d\\d\\)  NEW OUTAGE$");
    private static final Pattern METAMASK_THROUGH_INFURA = Pattern.compile(
            "(?m)^ +((hit|at risk) +)?MetaMask(, [^→\\n]+)? → Infura → aws/us-east-1(/[a-z0-9-]+)?$");

    @TempDir
    Path dataDir;

    @Test
    void printsTheAwsOutageWithMetaMaskHitThroughInfura() throws Exception {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text, true);
        LocalCommand command = new LocalCommand(Map.of());
        CommandLine cli = new CommandLine(command);
        cli.setOut(out);
        cli.setErr(out);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute("--data-dir", dataDir.toString(),
                "--kafka-port", "0", "--registry-port", "0", "--set", "kafka.controller.port=0", "--set", "query.port=0",
                "--replay", "aws-2025-10-20", "--speed", "max", "--exit-after", "15m"));
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(12).toNanos();
            while (System.nanoTime() < deadline && !exit.isDone()
                    && !(AWS_DETECTED.matcher(snapshot(text)).find() && METAMASK_THROUGH_INFURA.matcher(snapshot(text)).find())) {
                Thread.sleep(500);
            }
        } finally {
            command.stop();
        }
        assertThat(exit.get(2, TimeUnit.MINUTES)).as(snapshot(text)).isZero();

        String printed = snapshot(text);
        // kept beside the reports: what a person would have seen, for reading when this fails
        Files.writeString(Path.of("target", "LocalReplayIT-output.txt"), printed);
        assertThat(printed).contains("replay       aws-2025-10-20, 10-19 06:00 → 10-21 00:00 UTC (event time), 1 outage");
        assertThat(printed).containsPattern(AWS_DETECTED);
        assertThat(printed).containsPattern(METAMASK_THROUGH_INFURA);
        assertThat(printed).contains("blastradius local stopped.");
    }

    private static String snapshot(StringWriter text) {
        synchronized (text.getBuffer()) {
            return text.toString();
        }
    }
}
