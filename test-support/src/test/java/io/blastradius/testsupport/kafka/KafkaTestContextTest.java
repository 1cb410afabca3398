package io.blastradius.testsupport.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KafkaTestContextTest {

    @Test
    void closesTrackedResourcesNewestFirstEvenWhenOneFails() {
        List<String> closed = new ArrayList<>();
        KafkaTestContext context = new KafkaTestContext("127.0.0.1:1", "t-1");
        context.track(() -> closed.add("first"));
        context.track(() -> {
            closed.add("failing");
            throw new IllegalStateException("boom");
        });
        context.track(() -> closed.add("last"));

        context.close();

        assertThat(closed).containsExactly("last", "failing", "first");
    }

    @Test
    void deletesTheStreamsStateDirectoryOnClose() {
        KafkaTestContext context = new KafkaTestContext("127.0.0.1:1", "t-2");
        Path stateDir = Path.of((String) context.streamsConfig().get("state.dir"));
        assertThat(stateDir).isDirectory();

        context.close();

        assertThat(Files.exists(stateDir)).isFalse();
    }

    @Test
    void streamsConfigUsesTheTestsApplicationId() {
        KafkaTestContext context = new KafkaTestContext("127.0.0.1:1", "t-3");
        try {
            assertThat(context.streamsConfig()).containsEntry("application.id", "app-t-3")
                    .containsEntry("bootstrap.servers", "127.0.0.1:1");
        } finally {
            context.close();
        }
    }
}
