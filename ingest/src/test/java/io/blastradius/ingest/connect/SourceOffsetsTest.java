package io.blastradius.ingest.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceOffsetsTest {
    @Test
    void readsNumbersWhateverTypeTheOffsetStoreGaveBack() {
        assertThat(SourceOffsets.longValue(Map.of("p", 7), "p", -1)).isEqualTo(7L);
        assertThat(SourceOffsets.longValue(Map.of("p", 7L), "p", -1)).isEqualTo(7L);
        assertThat(SourceOffsets.longValue(Map.of("p", "7"), "p", -1)).isEqualTo(7L);
        assertThat(SourceOffsets.longValue(Map.of(), "p", -1)).isEqualTo(-1L);
        assertThat(SourceOffsets.longValue(null, "p", -1)).isEqualTo(-1L);
        assertThatThrownBy(() -> SourceOffsets.longValue(Map.of("p", "x"), "p", 0)).hasMessageContaining("not a number");
    }

    @Test
    void buildsMapsFromAlternatingKeysAndValues() {
        assertThat(SourceOffsets.map("page", "aws", "n", 3L)).isEqualTo(Map.of("page", "aws", "n", 3L));
        assertThat(SourceOffsets.stringValue(Map.of("etag", "W/\"1\""), "etag")).isEqualTo("W/\"1\"");
        assertThat(SourceOffsets.stringValue(Map.of(), "etag")).isNull();
        assertThatThrownBy(() -> SourceOffsets.map("odd")).isInstanceOf(IllegalArgumentException.class);
    }
}
