package io.blastradius.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blastradius.schemas.ComponentStatus;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.SubjectType;
import io.blastradius.schemas.serde.AvroSerdes;
import io.blastradius.schemas.topic.Topic;
import io.blastradius.testsupport.TempDirectories;
import io.blastradius.testsupport.kafka.KafkaTestContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability with an independent client of the Confluent protocol: Confluent's own Python
 * client (Debian {@code python3-confluent-kafka}, legacy {@code confluent_kafka.avro}) reads what
 * our serializer wrote and we read what it wrote, both through the stack's registry.
 *
 * <p>Needs {@code /usr/bin/python3} with {@code python3-confluent-kafka python3-avro python3-requests}.
 * Without them the tests are skipped, except under {@code BLASTRADIUS_CI=1} ({@code .ci/run}
 * installs them), where their absence is a failure.
 */
class ConfluentPythonInteropIT {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final ObjectMapper JSON = new ObjectMapper();

    static LocalStack stack;
    static AvroSerdes serdes;
    static Path dataDir;

    @TempDir
    Path work;

    @BeforeAll
    static void requirePythonClientAndStartStack() throws Exception {
        String missing = missingPythonClient();
        if (missing != null) {
            String reason = "Confluent's Python client is not usable (" + missing + "); install it with "
                    + "'apt-get install -y python3-confluent-kafka python3-avro python3-requests' (.ci/run does)";
            if ("1".equals(System.getenv("BLASTRADIUS_CI"))) {
                throw new AssertionError(reason);
            }
            Assumptions.abort(reason);
        }
        dataDir = TempDirectories.create("blastradius-interop-");
        stack = LocalStack.create(new LocalStackConfig(Map.of(
                LocalStackConfig.DATA_DIR, dataDir.toString(),
                LocalStackConfig.KAFKA_PORT, "0",
                LocalStackConfig.KAFKA_CONTROLLER_PORT, "0",
                LocalStackConfig.REGISTRY_PORT, "0",
                LocalStackConfig.QUERY_PORT, "0",
                LocalStackConfig.REPLAY_SCENARIO, LocalStackConfig.NO_REPLAY))).start();
        serdes = new AvroSerdes(stack.context().serdeConfig());
    }

    @AfterAll
    static void stopStack() {
        if (serdes != null) {
            serdes.close();
        }
        if (stack != null) {
            stack.close();
        }
        TempDirectories.delete(dataDir);
    }

    static StatusEvent event(String id, long minute) {
        Instant at = Instant.parse("2025-11-18T11:20:00Z").plusSeconds(60 * minute);
        return StatusEvent.newBuilder().setEventId(id).setSource("statuspage:cloudflare")
                .setSubjectType(SubjectType.PROVIDER).setSubject("cloudflare/global/cdn").setProvider("cloudflare")
                .setRegion("global").setProviderService("cdn").setStatus(ComponentStatus.MAJOR_OUTAGE)
                .setTitle("Cloudflare Global Network experiencing issues — \"widespread 500s\"")
                .setEventTime(at).setIngestTime(at.plusMillis(1234)).build();
    }

    @Test
    void confluentsClientReadsWhatOurSerializerWrote() throws Exception {
        try (KafkaTestContext kafka = KafkaTestContext.on(stack.context().bootstrapServers(), "java-to-python")) {
            String topic = kafka.createTopic("java-to-python", 1);
            // null keys: Confluent's AvroConsumer decodes keys as Avro too
            kafka.produce(new StringSerializer(), serdes.value(StatusEvent.class).serializer(), List.of(
                    new ProducerRecord<>(topic, null, event("j1", 0)), new ProducerRecord<>(topic, null, event("j2", 1))));

            List<JsonNode> read = python("consume", stack.context().bootstrapServers(), stack.context().registryUrl(),
                    topic, "2", "60");

            assertThat(read).hasSize(2);
            for (int i = 0; i < 2; i++) {
                StatusEvent expected = event("j" + (i + 1), i);
                JsonNode value = read.get(i);
                assertThat(value.get("eventId").asText()).isEqualTo(expected.getEventId());
                assertThat(value.get("subject").asText()).isEqualTo("cloudflare/global/cdn");
                assertThat(value.get("subjectType").asText()).isEqualTo("PROVIDER");
                assertThat(value.get("status").asText()).isEqualTo("MAJOR_OUTAGE");
                assertThat(value.get("title").asText()).isEqualTo(expected.getTitle());
                assertThat(value.get("eventTime").asLong()).isEqualTo(expected.getEventTime().toEpochMilli());
                assertThat(value.get("ingestTime").asLong()).isEqualTo(expected.getIngestTime().toEpochMilli());
                assertThat(value.get("incidentId").isNull()).isTrue();
            }
        }
    }

    @Test
    void ourDeserializerReadsWhatConfluentsClientWrote() throws Exception {
        try (KafkaTestContext kafka = KafkaTestContext.on(stack.context().bootstrapServers(), "python-to-java")) {
            String topic = kafka.createTopic("python-to-java", 1);
            Path schema = Files.writeString(work.resolve("status-event.avsc"), StatusEvent.getClassSchema().toString());
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                StatusEvent e = event("p" + i, i);
                Map<String, Object> record = new LinkedHashMap<>();
                for (Schema.Field f : StatusEvent.getClassSchema().getFields()) {
                    Object v = e.get(f.pos());
                    record.put(f.name(), v instanceof Instant instant ? instant.toEpochMilli()
                            : v == null ? null : v instanceof Enum<?> en ? en.name() : v.toString());
                }
                lines.add(JSON.writeValueAsString(record));
            }
            Path records = Files.write(work.resolve("records.jsonl"), lines, StandardCharsets.UTF_8);

            python("produce", stack.context().bootstrapServers(), stack.context().registryUrl(), topic,
                    schema.toString(), records.toString());

            Topic<String, StatusEvent> typed = new Topic<>(topic, Serdes.String(), serdes.value(StatusEvent.class));
            List<ConsumerRecord<String, StatusEvent>> read = kafka.consume(typed, 3);
            assertThat(read).extracting(ConsumerRecord::value)
                    .containsExactly(event("p0", 0), event("p1", 1), event("p2", 2));
            // the same schema in Python's formatting resolves to the id our serializer uses, not a new version
            byte[] raw = kafka.consume(topic, new StringDeserializer(), new ByteArrayDeserializer(), 1).get(0).value();
            int pythonId = ByteBuffer.wrap(raw, 1, 4).getInt();
            assertThat(serdes.client().register(topic + "-value", StatusEvent.getClassSchema())).isEqualTo(pythonId);
            assertThat(serdes.client().getVersions(topic + "-value")).containsExactly(1);
        }
    }

    private List<JsonNode> python(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(PYTHON.toString());
        command.add(script().toString());
        command.addAll(List.of(args));
        Path log = work.resolve("python-" + args[0] + ".log");
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("python " + args[0] + " did not finish; stderr:\n" + Files.readString(log));
        }
        assertThat(process.exitValue()).as("python %s failed; stdout:\n%s\nstderr:\n%s", args[0], out,
                Files.readString(log)).isZero();
        List<JsonNode> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("{")) {
                rows.add(JSON.readTree(line));
            }
        }
        return rows;
    }

    private Path script() throws IOException {
        Path script = work.resolve("confluent_avro.py");
        if (!Files.exists(script)) {
            try (var in = ConfluentPythonInteropIT.class.getResourceAsStream("/interop/confluent_avro.py")) {
                Files.copy(in, script);
            }
        }
        return script;
    }

    /** Null when the client can be imported, else what is wrong. */
    private static String missingPythonClient() {
        if (!Files.isExecutable(PYTHON)) {
            return PYTHON + " not found";
        }
        try {
            Process check = new ProcessBuilder(PYTHON.toString(), "-c",
                    "import confluent_kafka.avro, avro, requests").redirectErrorStream(true).start();
            String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!check.waitFor(60, TimeUnit.SECONDS)) {
                check.destroyForcibly();
                return "the import check hung";
            }
            return check.exitValue() == 0 ? null : out.isEmpty() ? "import failed" : out.lines().reduce((a, b) -> b).orElse(out);
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
