package io.blastradius.ingest.connect;

import io.blastradius.schemas.ComponentStatus;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.SubjectType;
import io.blastradius.schemas.topic.TopicNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.connect.connector.Task;

/**
 * A connector for runtime tests: emits StatusEvents {@code e0..e<count-1>} with position offsets,
 * and a dead letter instead at each position listed in {@code bad.positions}. It resumes after the
 * last committed position, as every real connector must.
 */
public class CountingStatusConnector extends IngestSourceConnector {
    static final String COUNT = "count";
    static final String BAD_POSITIONS = "bad.positions";
    static final String INTERVAL_MS = "interval.ms";
    static final Map<String, String> PARTITION = Map.of("source", "counting");

    static final ConfigDef CONFIG = IngestSourceConfig.baseConfigDef(TopicNames.defaults().statusEvents())
            .define(COUNT, Type.LONG, 10L, ConfigDef.Range.atLeast(0), Importance.HIGH, "How many positions to emit.")
            .define(BAD_POSITIONS, Type.LIST, List.of(), Importance.LOW, "Positions whose payload cannot be parsed.")
            .define(INTERVAL_MS, Type.LONG, 0L, Importance.LOW, "Pause between positions.");

    /** The test connector's config. */
    public static final class Config extends IngestSourceConfig {
        Config(Map<String, String> props) {
            super(CONFIG, props);
        }
    }

    @Override
    public Class<? extends Task> taskClass() {
        return Task.class;
    }

    @Override
    public ConfigDef config() {
        return CONFIG;
    }

    static StatusEvent event(long position) {
        return StatusEvent.newBuilder().setEventId("e" + position).setSource("counting")
                .setSubjectType(SubjectType.PROVIDER).setSubject("aws/us-east-1/dynamodb").setProvider("aws")
                .setRegion("us-east-1").setProviderService("dynamodb").setStatus(ComponentStatus.MAJOR_OUTAGE)
                .setIncidentId("inc-1").setUpdateId("u" + position).setTitle("Increased error rates")
                .setEventTime(Instant.parse("2025-10-20T07:00:00Z").plusSeconds(position))
                .setIngestTime(Instant.parse("2025-10-20T08:00:00Z")).build();
    }

    /** The task. */
    public static class Task extends QueueingSourceTask<Config> {
        @Override
        protected Config parseConfig(Map<String, String> props) {
            return new Config(props);
        }

        @Override
        protected void startReading(Config config) {
            long from = SourceOffsets.longValue(storedOffset(PARTITION), "position", -1) + 1;
            long count = config.getLong(COUNT);
            List<String> bad = config.getList(BAD_POSITIONS);
            Duration interval = Duration.ofMillis(config.getLong(INTERVAL_MS));
            startReader("counter", () -> {
                for (long position = from; position < count && running(); position++) {
                    Map<String, Long> offset = Map.of("position", position);
                    if (bad.contains(String.valueOf(position))) {
                        deadLetter(PARTITION, offset, "counting:" + position,
                                ("{\"truncated\": " + position).getBytes(StandardCharsets.UTF_8),
                                new IllegalArgumentException("unexpected end of JSON at position " + position));
                    } else {
                        StatusEvent event = event(position);
                        emit(record(PARTITION, offset, event.getSubject(), event, event.getEventTime()));
                    }
                    if (!interval.isZero() && !pause(interval)) {
                        return;
                    }
                }
                while (pause(Duration.ofSeconds(60))) {
                    // all emitted: idle until stopped, like a feed with nothing new
                }
            });
        }
    }
}
