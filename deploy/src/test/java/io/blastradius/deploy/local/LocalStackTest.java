package io.blastradius.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalStackTest {
    private final List<String> events = new ArrayList<>();
    private final LocalStackConfig config = new LocalStackConfig(Map.of());

    private StackPart part(String name, boolean failOnStart) {
        return new StackPart() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void prepare(StackContext context) {
                events.add("prepare " + name);
            }

            @Override
            public void start(StackContext context) {
                events.add("start " + name);
                if (failOnStart) {
                    throw new IllegalStateException(name + " broke");
                }
            }

            @Override
            public void stop() {
                events.add("stop " + name);
            }
        };
    }

    @Test
    void preparesAllThenStartsInOrderAndStopsInReverse() {
        LocalStack stack = new LocalStack(config, List.of(part("a", false), part("b", false), part("c", false)));

        stack.start();
        stack.close();

        assertThat(events).containsExactly("prepare a", "prepare b", "prepare c", "start a", "start b", "start c",
                "stop c", "stop b", "stop a");
        assertThat(stack.startupTime()).isNotNull();
    }

    @Test
    void aFailingPartStopsEveryPreparedPartAndNamesItself() {
        LocalStack stack = new LocalStack(config, List.of(part("a", false), part("b", true), part("c", false)));

        assertThatThrownBy(stack::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("b part")
                .hasMessageContaining("b broke");
        assertThat(events).containsSubsequence("start b", "stop c", "stop b", "stop a").doesNotContain("start c");
    }

    @Test
    void closingTwiceStopsEachPartOnce() {
        LocalStack stack = new LocalStack(config, List.of(part("a", false)));
        stack.start();

        stack.close();
        stack.close();

        assertThat(events).containsOnlyOnce("stop a");
    }

    @Test
    void laterPartsSeeWhatEarlierOnesPublished() {
        List<String> seen = new ArrayList<>();
        StackPart broker = new StackPart() {
            public String name() { return "kafka"; }
            public void start(StackContext context) { context.publishBootstrapServers("127.0.0.1:1"); }
            public void stop() { }
        };
        StackPart reader = new StackPart() {
            public String name() { return "reader"; }
            public void start(StackContext context) { seen.add(context.bootstrapServers()); }
            public void stop() { }
        };

        new LocalStack(config, List.of(broker, reader)).start().close();

        assertThat(seen).containsExactly("127.0.0.1:1");
    }
}
