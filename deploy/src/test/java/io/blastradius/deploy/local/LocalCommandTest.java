package io.blastradius.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blastradius.deploy.CliRun;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LocalCommandTest {
    private final CliRun cli = new CliRun();

    private int run(Map<String, String> env, String... args) {
        return cli.run(env, args);
    }

    @Test
    void printConfigShowsEachValueWithItsSource() {
        int code = run(Map.of("BLASTRADIUS_REGISTRY_PORT", "18081"), "local", "--print-config", "--data-dir", "/tmp/x");

        assertThat(code).isZero();
        assertThat(cli.out())
                .containsPattern("data\\.dir\\s+/tmp/x\\s+\\(command line\\)")
                .containsPattern("registry\\.port\\s+18081\\s+\\(environment\\)")
                .containsPattern("kafka\\.port\\s+9092\\s+\\(default\\)");
    }

    @Test
    void connectorsFlagNamesTheConnectorsFileAndIsOffByDefault() {
        assertThat(run(Map.of(), "local", "--print-config")).isZero();
        assertThat(cli.out()).containsPattern("connectors\\.config\\s+\\(default\\)");

        int code = run(Map.of(), "local", "--print-config", "--connectors", "deploy/config/live-status.properties");

        assertThat(code).isZero();
        assertThat(cli.out())
                .containsPattern("connectors\\.config\\s+deploy/config/live-status\\.properties\\s+\\(command line\\)");
    }

    @Test
    void liveConnectorsTurnTheDefaultReplayOffButNotOneAskedFor() {
        assertThat(run(Map.of(), "local", "--print-config", "--connectors", "live.properties")).isZero();
        assertThat(cli.out()).containsPattern("replay\\.scenario\\s+none\\s+\\(default\\)");

        cli.clear();
        assertThat(run(Map.of(), "local", "--print-config", "--connectors", "live.properties", "--replay", "quiet-week"))
                .isZero();
        assertThat(cli.out()).containsPattern("replay\\.scenario\\s+quiet-week\\s+\\(command line\\)");

        cli.clear();
        assertThat(run(Map.of(), "local", "--print-config")).isZero();
        assertThat(cli.out()).containsPattern("replay\\.scenario\\s+aws-2025-10-20\\s+\\(default\\)");
    }

    @Test
    void aFlagThatContradictsASetIsRejected() {
        int code = run(Map.of(), "local", "--print-config", "--kafka-port", "1", "--set", "kafka.port=2");

        assertThat(code).isEqualTo(2);
        assertThat(cli.err()).contains("--kafka-port 1 contradicts --set kafka.port=2");
    }

    @Test
    void anUnknownSettingIsRejectedBeforeAnythingStarts() {
        int code = run(Map.of(), "local", "--set", "kafka.prot=1");

        assertThat(code).isEqualTo(2);
        assertThat(cli.err()).contains("kafka.prot");
    }

    @Test
    void aCommandIsRequired() {
        assertThat(run(Map.of())).isEqualTo(2);
        assertThat(cli.err()).contains("a command is required");
    }

    @Test
    void durationsReadTheWayPeopleWriteThem() {
        LocalCommand.DurationConverter converter = new LocalCommand.DurationConverter();

        assertThat(converter.convert("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(converter.convert("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(converter.convert("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(converter.convert("PT1H")).isEqualTo(Duration.ofHours(1));
        assertThat(converter.convert("12")).isEqualTo(Duration.ofSeconds(12));
        assertThatThrownBy(() -> converter.convert("soon")).isInstanceOf(CommandLine.TypeConversionException.class);
    }
}
