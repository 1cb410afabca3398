package io.blastradius.ingest.status.connect;

import static io.blastradius.ingest.status.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.blastradius.ingest.http.ScriptedHttpServer;
import io.blastradius.ingest.http.ScriptedHttpServer.Reply;
import io.blastradius.ingest.status.connect.StatuspageSourceConnector.StatuspageSourceTask;
import io.blastradius.testsupport.connect.MapTaskContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatuspageSourceTaskTest {
    private static final String FEED = "statuspage:examplechain";
    private static final Map<String, String> PARTITION = Map.of("feed", FEED);

    private final ScriptedHttpServer server = new ScriptedHttpServer();
    private final List<StatuspageSourceTask> tasks = new ArrayList<>();

    @AfterEach
    void stop() {
        tasks.forEach(StatuspageSourceTask::stop);
        server.close();
    }

    private Map<String, String> props() {
        Map<String, String> props = new HashMap<>();
        props.put("name", "status-statuspage");
        props.put(StatuspageConfig.PAGES, "examplechain");
        props.put("statuspage.page.examplechain.url", server.uri("/ex").toString());
        props.put("statuspage.page.examplechain.subject", "examplechain");
        props.put(StatusFeedConfig.POLL_INTERVAL_MS, "200");
        props.put(StatusFeedConfig.POLL_TIMEOUT_MS, "100");
        return props;
    }

    private StatuspageSourceTask start(MapTaskContext context) {
        StatuspageSourceTask task = new StatuspageSourceTask();
        tasks.add(task);
        task.initialize(context);
        task.start(props());
        return task;
    }

    private static List<SourceRecord> pollUntil(StatuspageSourceTask task, int count) {
        List<SourceRecord> records = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                records.addAll(batch);
            }
            return records.size() >= count;
        });
        return records;
    }

    /**
     * Waits until {@code cycles} whole polling cycles (a summary and an incidents request each) have
     * run and handed their records over: the request after them has been counted.
     */
    private static void awaitPollingCycles(MapTaskContext context, int cycles) {
        await().atMost(Duration.ofSeconds(30)).until(() -> context.gauge("status-polls", "feed", FEED) > 2L * cycles);
    }

    private static Struct value(SourceRecord r) {
        return (Struct) r.value();
    }

    @Test
    void writesEachStatusEventAsARecordKeyedBySubjectAtItsEventTime() throws Exception {
        server.always("/ex/api/v2/summary.json", Reply.json(text("statuspage-summary.json")));
        server.always("/ex/api/v2/incidents.json", Reply.json(text("statuspage-incidents.json")));
        MapTaskContext context = new MapTaskContext();
        StatuspageSourceTask task = start(context);

        List<SourceRecord> records = pollUntil(task, 10);
        awaitPollingCycles(context, 4); // three more cycles over the same pages: nothing new may appear
        List<SourceRecord> later = task.poll();

        // 3 leaf components (the 4th, operational, last changed 2024: history), 2 incident updates,
        // 2 maintenance updates, 3 updates of the resolved incident
        assertThat(records).hasSize(10);
        assertThat(later).isNull();
        SourceRecord first = records.get(0);
        assertThat(first.topic()).isEqualTo("blastradius.status-events");
        assertThat(first.key()).isEqualTo("examplechain");
        assertThat(first.sourcePartition()).isEqualTo(PARTITION);
        assertThat(first.valueSchema().name()).isEqualTo("io.blastradius.schemas.StatusEvent");
        assertThat(first.timestamp()).isEqualTo(((java.util.Date) value(first).get("eventTime")).getTime());
        assertThat(records).extracting(r -> value(r).getString("eventId")).doesNotHaveDuplicates();
        assertThat(context.gauge("status-events", "feed", FEED)).isEqualTo(10);
    }

    @Test
    void resumesFromTheCommittedOffsetWithoutDuplicatesOrGaps() throws Exception {
        server.always("/ex/api/v2/summary.json", Reply.json(text("statuspage-summary.json")));
        server.always("/ex/api/v2/incidents.json", Reply.json(text("statuspage-incidents.json")));
        StatuspageSourceTask first = start(new MapTaskContext());
        List<SourceRecord> before = pollUntil(first, 10);
        first.stop();

        // Connect had committed the offset of the 6th record when the worker died.
        MapTaskContext context = new MapTaskContext();
        context.commit(PARTITION, before.get(5).sourceOffset());
        StatuspageSourceTask second = start(context);
        List<SourceRecord> after = pollUntil(second, 4);
        awaitPollingCycles(context, 3);
        assertThat(second.poll()).isNull();

        List<String> all = new ArrayList<>();
        before.subList(0, 6).forEach(r -> all.add(value(r).getString("eventId")));
        after.forEach(r -> all.add(value(r).getString("eventId")));
        assertThat(all).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(before.stream().map(r -> value(r).getString("eventId")).toList());
    }

    @Test
    void sendsAnUnreadablePayloadToTheDeadLetterTopicAndKeepsGoing() {
        server.always("/ex/api/v2/summary.json", Reply.json("{\"page\":{\"id\":\"x\"},\"components\":[{\"id\":"));
        server.always("/ex/api/v2/incidents.json", Reply.json(text("statuspage-incidents.json")));
        StatuspageSourceTask task = start(new MapTaskContext());

        List<SourceRecord> records = pollUntil(task, 4);

        List<SourceRecord> dead = records.stream().filter(r -> r.topic().equals("blastradius.dead-letters")).toList();
        assertThat(dead).singleElement().satisfies(r -> {
            Struct dl = value(r);
            assertThat(dl.getString("stage")).isEqualTo("ingest/status-statuspage");
            assertThat(dl.getString("errorType")).endsWith("FeedFormatException");
            assertThat(dl.getString("errorMessage")).contains("not valid JSON");
            assertThat(r.key()).isEqualTo(server.uri("/ex/api/v2/summary.json").toString());
        });
        assertThat(records.stream().filter(r -> r.topic().equals("blastradius.status-events"))).hasSize(3);
        assertThat(task.metrics().snapshot().payloadsSkipped()).isEqualTo(1);
    }
}
