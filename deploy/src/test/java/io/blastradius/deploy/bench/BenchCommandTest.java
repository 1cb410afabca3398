package io.blastradius.deploy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchCommandTest {
    @Test
    void percentilesAreNearestRank() {
        List<Long> sorted = List.of(10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L, 100L);

        assertThat(BenchCommand.Pipeline.percentile(sorted, 50)).isEqualTo(50L);
        assertThat(BenchCommand.Pipeline.percentile(sorted, 99)).isEqualTo(100L);
        assertThat(BenchCommand.Pipeline.percentile(List.of(7L), 99)).isEqualTo(7L);
    }
}
