package io.blastradius.ingest.social.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseReaderTest {
    private final List<String> seen = new ArrayList<>();

    private void read(String stream, int max) throws Exception {
        new SseReader(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)), max, () -> { })
                .run(new SseReader.Listener() {
                    @Override
                    public void event(String name, String data, String id) {
                        seen.add(name + "|" + data + "|" + id);
                    }

                    @Override
                    public void comment(String text) {
                        seen.add("comment|" + text);
                    }

                    @Override
                    public void oversized(String name, byte[] head, long size) {
                        seen.add("oversized|" + name + "|" + head.length);
                    }
                });
    }

    @Test
    void joinsDataLinesAndAcceptsEveryLineEnding() throws Exception {
        read("event: update\ndata: a\ndata: b\n\nevent: delete\r\ndata: 42\r\n\r\ndata:x\rid: 7\r\r", 1024);
        assertThat(seen).containsExactly("update|a\nb|null", "delete|42|null", "message|x|7");
    }

    @Test
    void reportsHeartbeatsAndDropsEventsWithoutData() throws Exception {
        read(":thump\n\nevent: filters_changed\n\nretry: 1000\nevent: update\ndata: {}\n\n", 1024);
        assertThat(seen).containsExactly("comment|thump", "update|{}|null");
    }

    @Test
    void reportsAnOversizedEventWithItsHeadAndReadsTheNextOne() throws Exception {
        read("event: update\ndata: " + "x".repeat(5_000) + "\n\nevent: update\ndata: ok\n\n", 1_000);
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).startsWith("oversized|update|");
        assertThat(Integer.parseInt(seen.get(0).substring(seen.get(0).lastIndexOf('|') + 1))).isLessThanOrEqualTo(1_000);
        assertThat(seen.get(1)).isEqualTo("update|ok|null");
    }

    @Test
    void dispatchesNothingForATrailingEventWithoutItsBlankLine() throws Exception {
        read("event: update\ndata: cut off", 1024);
        assertThat(seen).isEmpty();
    }
}
