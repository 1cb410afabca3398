package io.blastradius.evaluation.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.evaluation.report.ScenarioNotes;
import io.blastradius.evaluation.report.ScorecardJson;
import io.blastradius.evaluation.score.ScenarioScore;
import io.blastradius.evaluation.score.Scorer;
import io.blastradius.evaluation.score.SuiteScore;
import io.blastradius.evaluation.truth.TruthReader;
import io.blastradius.ingest.simulate.ScenarioLoader;
import io.blastradius.ingest.simulate.Simulator;
import io.blastradius.schemas.DeadLetter;
import io.blastradius.schemas.IpAttribution;
import io.blastradius.schemas.OutageAlert;
import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.SocialSignal;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.SubjectType;
import io.blastradius.schemas.topic.Topics;
import io.blastradius.streams.config.StreamsAppConfig;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed records of many kinds mixed into a replay all land in the dead-letter topic, each with
 * its cause and where it came from, and the replay's outages, alerts and scorecard are exactly those
 * of the clean replay.
 */
class MalformedRecordsTest {
    private static final long DAY = 24 * 3_600_000L;
    /** One malformed record after this many valid ones. */
    private static final int EVERY = 1_500;

    @TempDir
    Path dir;

    @Test
    void malformedRecordsMixedIntoAReplayAllLandInTheDeadLetterTopicAndTheScorecardDoesNotChange() throws Exception {
        Path scenario = resource("/scenarios/short-dynamodb.yaml");
        StreamsAppConfig config = new StreamsAppConfig(Map.of(StreamsAppConfig.BOOTSTRAP_SERVERS, "127.0.0.1:9",
                StreamsAppConfig.SCHEMA_REGISTRY_URL, "mock://unused"));

        Simulator clean = Simulator.of(ScenarioLoader.load(scenario));
        Path truthFile = dir.resolve("truth.json");
        clean.truth().write(truthFile);
        DriverPipeline.Result expected = DriverPipeline.run(clean, config, dir.resolve("clean"), null,
                DriverPipeline.Mixer.NONE);
        Garbage garbage = new Garbage();
        DriverPipeline.Result mixed = DriverPipeline.run(Simulator.of(ScenarioLoader.load(scenario)), config,
                dir.resolve("mixed"), null, garbage);

        assertThat(Arrays.stream(garbage.injected).min().orElse(0)).as("every kind was mixed in several times").isGreaterThan(2);
        int injected = Arrays.stream(garbage.injected).sum();
        assertThat(mixed.deadLetters()).hasSize(injected);
        assertThat(expected.deadLetters()).isEmpty();
        Map<String, Integer> byType = new TreeMap<>();
        for (DeadLetter letter : mixed.deadLetters()) {
            assertThat(letter.getSourceTopic()).isNotBlank();
            assertThat(letter.getOffset()).isNotNull();
            assertThat(letter.getErrorMessage()).isNotBlank();
            byType.merge(letter.getErrorType(), 1, Integer::sum);
        }
        assertThat(byType).containsOnlyKeys("SerializationException", "EmptyValue", "MissingField", "InvalidServiceId",
                "AbsurdTimestamp", "InvalidScope");

        // the replay is a real one: the outage is found
        assertThat(expected.output().alerts()).isNotEmpty();
        assertThat(describe(mixed.output().alerts())).containsExactlyElementsOf(describe(expected.output().alerts()));
        assertThat(mixed.output().outageVersions()).isEqualTo(expected.output().outageVersions());
        Scorer scorer = new Scorer();
        ScenarioScore cleanScore = scorer.score(TruthReader.read(truthFile), expected.output());
        ScenarioScore mixedScore = scorer.score(TruthReader.read(truthFile), mixed.output());
        assertThat(cleanScore.detections()).isNotEmpty();
        assertThat(json(mixedScore)).isEqualTo(json(cleanScore));
    }

    /** Twelve kinds of malformed input, one after every {@link #EVERY} valid signals, in turn. */
    private static final class Garbage implements DriverPipeline.Mixer {
        final int[] injected = new int[12];
        private long seen;
        private int next;
        private ProbeResult probe;
        private SocialSignal post;
        private StatusEvent status;

        @Override
        public void after(Object signal, long at, DriverPipeline.RawInputs raw) {
            if (signal instanceof ProbeResult p) {
                probe = p;
            } else if (signal instanceof SocialSignal s) {
                post = s;
            } else if (signal instanceof StatusEvent e) {
                status = e;
            }
            if (++seen % EVERY != 0 || probe == null || post == null || status == null) {
                return;
            }
            int kind = next++ % injected.length;
            injected[kind]++;
            Topics t = raw.topics();
            byte[] key = "garbage".getBytes(StandardCharsets.UTF_8);
            switch (kind) {
                case 0 -> raw.probe(key, "not avro at all".getBytes(StandardCharsets.UTF_8), at);
                case 1 -> raw.probe(key, new byte[] {1, 0, 0, 0, 1, 2, 3}, at);           // wrong magic byte
                case 2 -> raw.social(key, new byte[] {0, 0, 0, 0x7f, 0x7f, 2, 3}, at);     // unknown schema id
                case 3 -> raw.status(key, null, at);                                       // tombstone
                case 4 -> {                                                                             // cut short
                    byte[] whole = t.probeResults().valueSerde().serializer().serialize(t.probeResults().name(), probe);
                    raw.probe(key, Arrays.copyOf(whole, whole.length / 2), at);
                }
                case 5 -> {
                    ProbeResult p = ProbeResult.newBuilder(probe).build();
                    p.getTarget().setService("");
                    raw.probe(key, bytes(t, p), at);
                }
                case 6 -> {
                    ProbeResult p = ProbeResult.newBuilder(probe).build();
                    p.getTarget().setService("Not A Catalog Id!");
                    raw.probe(key, bytes(t, p), at);
                }
                case 7 -> {
                    ProbeResult p = ProbeResult.newBuilder(probe).build();
                    p.setStartedAt(Instant.parse("1999-12-31T23:00:00Z"));
                    raw.probe(key, bytes(t, p), at);
                }
                case 8 -> {
                    ProbeResult p = ProbeResult.newBuilder(probe).build();
                    p.setStartedAt(Instant.ofEpochMilli(at + 3 * DAY));
                    p.setIngestTime(Instant.ofEpochMilli(at));
                    raw.probe(key, bytes(t, p), at);
                }
                case 9 -> {
                    ProbeResult p = ProbeResult.newBuilder(probe).build();
                    List<IpAttribution> attributions = new ArrayList<>(p.getAttributions());
                    attributions.add(IpAttribution.newBuilder().setIp("192.0.2.9").setProvider("AWS Cloud!")
                            .setRegion("us-east-1").build());
                    p.setAttributions(attributions);
                    raw.probe(key, bytes(t, p), at);
                }
                case 10 -> {
                    SocialSignal s = SocialSignal.newBuilder(post).build();
                    s.setProviders(List.of("aws//x/y"));
                    raw.social(key, t.socialSignals().valueSerde().serializer()
                            .serialize(t.socialSignals().name(), s), at);
                }
                default -> {
                    StatusEvent e = StatusEvent.newBuilder(status).build();
                    e.setSubjectType(SubjectType.PROVIDER);
                    e.setSubject("no such scope!");
                    raw.status(key, t.statusEvents().valueSerde().serializer()
                            .serialize(t.statusEvents().name(), e), at);
                }
            }
        }

        private static byte[] bytes(Topics t, ProbeResult p) {
            return t.probeResults().valueSerde().serializer().serialize(t.probeResults().name(), p);
        }
    }

    private static List<String> describe(List<OutageAlert> alerts) {
        return alerts.stream().map(a -> a.getAlertId() + " " + a.getState() + " at " + a.getAt() + " " + a.getOutage().getScope())
                .toList();
    }

    private static String json(ScenarioScore score) {
        return ScorecardJson.tree(SuiteScore.of(List.of(score)), List.of(ScenarioNotes.NONE)).toString();
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(MalformedRecordsTest.class.getResource(name).toURI());
    }
}
