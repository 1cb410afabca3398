package io.blastradius.ingest.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.schemas.ServiceDependency;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateMainTest {
    @Test
    void writesSignalsCatalogAndTruthForAScenarioFile(@TempDir Path dir) throws Exception {
        Path scenario = dir.resolve("short.yaml");
        Files.writeString(scenario, """
                name: short
                start: 2025-10-20T06:30:00Z
                end: 2025-10-20T07:00:00Z
                incidents:
                  - {type: provider-outage, id: cf, scope: cloudflare/global/cdn, onset: 2025-10-20T06:40:00Z, end: 2025-10-20T06:55:00Z}
                """);
        Path out = dir.resolve("out");

        int code = SimulateMain.run(new String[] {"--scenario", scenario.toString(), "--output-dir", out.toString()});

        assertThat(code).isZero();
        assertThat(out.resolve("truth.json")).content().contains("\"scope\" : \"cloudflare/global/cdn\"");
        for (String f : List.of("status-events.avro", "social-signals.avro", "probe-results.avro", "services.avro")) {
            assertThat(out.resolve(f)).isNotEmptyFile();
        }
        List<ServiceDependency> edges = new ArrayList<>();
        try (DataFileReader<ServiceDependency> reader = new DataFileReader<>(out.resolve("service-dependencies.avro").toFile(),
                new SpecificDatumReader<>(ServiceDependency.class))) {
            reader.forEach(edges::add);
        }
        assertThat(edges).anyMatch(e -> e.getService().equals("metamask") && e.getTarget().equals("infura"));
    }

    @Test
    void refusesToRunWithNowhereToSendSignalsOrAnUnknownScenario(@TempDir Path dir) {
        assertThat(SimulateMain.run(new String[] {"--scenario", "quiet-week"})).isEqualTo(2);
        assertThat(SimulateMain.run(new String[] {"--scenario", "nope", "--output-dir", dir.toString()})).isEqualTo(2);
        assertThat(SimulateMain.run(new String[] {"--speed", "warp", "--output-dir", dir.toString()})).isEqualTo(2);
    }
}
