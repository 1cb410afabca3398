package io.blastradius.streams.topology;

import static io.blastradius.streams.topology.TopologyHarness.MIN;
import static io.blastradius.streams.topology.TopologyHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.schemas.DeadLetter;
import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.SocialSignal;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.SubjectType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidationStageTest {
    @TempDir
    Path stateDir;

    @Test
    void malformedInputsOfEveryKindGoToTheDeadLetterTopicAndProcessingGoesOn() {
        try (TopologyHarness h = new TopologyHarness(stateDir)) {
            byte[] key = "svc".getBytes(StandardCharsets.UTF_8);
            h.rawProbes.pipeInput(new TestRecord<>(key, "not avro at all".getBytes(StandardCharsets.UTF_8),
                    new RecordHeaders(List.of(new RecordHeader("trace", "abc".getBytes(StandardCharsets.UTF_8)))),
                    Instant.ofEpochMilli(T0)));
            h.rawProbes.pipeInput(key, new byte[] {1, 0, 0, 0, 1, 2, 3});                 // wrong magic byte
            h.rawProbes.pipeInput(key, new byte[] {0, 0, 0, 0x7f, 0x7f, 2, 3});           // unknown schema id
            h.rawProbes.pipeInput(key, (byte[]) null);                                    // tombstone
            h.probes.pipeInput("x", Records.probe("", "v1", true, T0, null));               // empty service
            h.probes.pipeInput("x", Records.probe("Bad Service", "v1", true, T0, null));    // not a catalog id
            ProbeResult old = Records.probe("svc", "v1", true, Instant.parse("1999-12-31T00:00:00Z").toEpochMilli(), null);
            h.probes.pipeInput("svc", old);                                               // before 2000
            ProbeResult future = Records.probe("svc", "v1", true, T0, null);
            future.setIngestTime(Instant.ofEpochMilli(T0 - 3 * 24 * 3_600_000L));
            h.probes.pipeInput("svc", future);                                            // days after its ingest
            ProbeResult badScope = Records.probe("svc", "v1", false, T0, null);
            badScope.setAttributions(new java.util.ArrayList<>());
            badScope.getAttributions().add(io.blastradius.schemas.IpAttribution.newBuilder().setIp("192.0.2.9")
                    .setProvider("AWS Cloud!").setRegion("us-east-1").build());
            h.probes.pipeInput("svc", badScope);                                          // unknown scope syntax
            ProbeResult badScopeOk = Records.probe("svc", "v1", true, T0, null);
            badScopeOk.setAttributions(new java.util.ArrayList<>(badScope.getAttributions()));
            h.probes.pipeInput("svc", badScopeOk);                                        // the same on a success
            SocialSignal s = Records.complaint("p1", List.of("svc"), List.of("aws//x/y"), T0);
            h.social.pipeInput("p1", s);                                                  // bad provider scope
            StatusEvent e = Records.serviceStatus("svc", io.blastradius.schemas.ComponentStatus.MAJOR_OUTAGE, T0);
            e.setSubjectType(SubjectType.PROVIDER);
            e.setSubject("no such scope!");
            h.status.pipeInput("x", e);                                                   // provider subject not a scope

            List<DeadLetter> letters = h.deadLetters.readValuesToList();
            assertThat(letters).hasSize(12);
            assertThat(letters).extracting(DeadLetter::getErrorType).containsExactly(
                    "SerializationException", "SerializationException", "SerializationException", "EmptyValue",
                    "MissingField", "InvalidServiceId", "AbsurdTimestamp", "AbsurdTimestamp", "InvalidScope",
                    "InvalidScope", "InvalidScope", "InvalidScope");
            DeadLetter first = letters.get(0);
            assertThat(first.getSourceTopic()).isEqualTo(h.topics.probeResults().name());
            assertThat(first.getPartition()).isZero();
            assertThat(first.getOffset()).isZero();
            assertThat(first.getStage()).isEqualTo("streams-app/validate-probe-results");
            assertThat(first.getHeaders()).containsEntry("trace", "abc");
            assertThat(StandardCharsets.UTF_8.decode(first.getValue()).toString()).isEqualTo("not avro at all");
            assertThat(letters.get(1).getErrorMessage()).contains("magic");
            assertThat(letters.get(2).getErrorMessage()).contains("unknown schema id");
            assertThat(letters.get(10).getSourceTopic()).isEqualTo(h.topics.socialSignals().name());
            assertThat(letters.get(11).getStage()).isEqualTo("streams-app/validate-status-events");

            // valid records after all that are still judged
            for (int m = 0; m < 4; m++) {
                h.probeMinute("svc", m, false, null);
            }
            assertThat(h.health.readValuesToList()).isNotEmpty();
        }
    }

    @Test
    void validRecordsAreReTimestampedWithTheirEventTime() {
        try (TopologyHarness h = new TopologyHarness(stateDir)) {
            h.loadWorld();
            for (int m = 0; m < 4; m++) {
                for (int v = 0; v < 4; v++) {
                    long at = T0 + m * MIN + v * 1000;
                    // the Kafka timestamp is an hour late: ingest time, not event time
                    h.probes.pipeInput("ddb1", Records.probe("ddb1", "v" + v, true, at, null), at + 3_600_000L);
                }
            }
            var first = h.health.readRecord();
            assertThat(first.timestamp()).isEqualTo(first.value().getWindowEnd().toEpochMilli());
            assertThat(first.timestamp()).isLessThan(T0 + 5 * MIN);
        }
    }
}
