package io.blastradius.alerts.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {
    private final Placeholders placeholders = new Placeholders(Map.of("TOKEN", "abc$1\\x", "EMPTY", ""));

    @Test
    void substitutesVariablesDefaultsAndEscapes() {
        assertThat(placeholders.resolve("k", "Bearer ${TOKEN}")).isEqualTo("Bearer abc$1\\x");
        assertThat(placeholders.resolve("k", "${MISSING:-fallback}")).isEqualTo("fallback");
        assertThat(placeholders.resolve("k", "${EMPTY:-fallback}")).isEmpty();
        assertThat(placeholders.resolve("k", "literal $${TOKEN}")).isEqualTo("literal ${TOKEN}");
        assertThat(placeholders.resolve("k", "no placeholders")).isEqualTo("no placeholders");
    }

    @Test
    void failsOnAMissingVariableWithoutADefault() {
        assertThatThrownBy(() -> placeholders.resolve("destination.x.url", "${NOPE}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("destination.x.url").hasMessageContaining("NOPE");
    }
}
