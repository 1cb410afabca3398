package io.blastradius.ingest.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.DateTimeException;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LenientTimeTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // Statuspage: local offset with millis
            "2019-06-24T05:25:57.666-07:00 | 2019-06-24T12:25:57.666Z",
            // GCP: RFC 3339 with +00:00
            "2023-03-10T14:09:43+00:00 | 2023-03-10T14:09:43Z",
            "2026-03-14T09:00:02Z | 2026-03-14T09:00:02Z",
            "2026-03-14T09:00:02.123456789Z | 2026-03-14T09:00:02.123456789Z",
            "2026-03-14T09:00:02+0530 | 2026-03-14T03:30:02Z",
            // no zone: UTC
            "2026-06-01T00:00:00.000000 | 2026-06-01T00:00:00Z",
            "2026-03-14 09:00:02.250 | 2026-03-14T09:00:02.250Z",
            "2026-03-14 09:00 | 2026-03-14T09:00:00Z",
            "2026-03-14 09:00:00 PDT | 2026-03-14T16:00:00Z",
            // AWS RSS: US zone names
            "Fri, 23 Aug 2019 04:18:35 PDT | 2019-08-23T11:18:35Z",
            "Tue, 06 Jan 2026 14:03:19 PST | 2026-01-06T22:03:19Z",
            "Thu, 12 Mar 2026 07:05:14 EDT | 2026-03-12T11:05:14Z",
            // Azure RSS: bare Z
            "Thu, 06 Aug 2026 01:09:00 Z | 2026-08-06T01:09:00Z",
            "Fri, 13 Mar 2026 18:25:00 GMT | 2026-03-13T18:25:00Z",
            "Fri, 13 Mar 2026 18:25:00 +0100 | 2026-03-13T17:25:00Z",
            "Fri, 13 Mar 2026 18:25:00 -07:00 | 2026-03-14T01:25:00Z",
            "13 Mar 2026 18:25 UT | 2026-03-13T18:25:00Z",
            "Fri, 13 Mar 26 18:25:00 GMT | 2026-03-13T18:25:00Z",
            "Fri, 13 Mar 2026 18:25:00 +0000 (UTC) | 2026-03-13T18:25:00Z",
            "Friday, 13-Mar-2026 18:25:00 GMT | 2026-03-13T18:25:00Z",
            // epoch seconds, millis, micros as strings, integer or fractional
            "1773318291 | 2026-03-12T12:24:51Z",
            "1773318291.5 | 2026-03-12T12:24:51.500Z",
            "1773318291000 | 2026-03-12T12:24:51Z",
            "1773318291123456 | 2026-03-12T12:24:51.123456Z",
    })
    void readsEveryTimestampShapeTheFeedsPublishAsUtc(String raw, String expected) {
        FeedTime t = LenientTime.parse(raw);
        assertThat(t.instant()).isEqualTo(Instant.parse(expected));
        assertThat(t.raw()).isEqualTo(raw);
    }

    @Test
    void readsEpochNumbersOfAnyUnitFromJson() throws Exception {
        ObjectMapper m = new ObjectMapper();
        assertThat(LenientTime.parse(m.readTree("1773318291")).orElseThrow().instant())
                .isEqualTo(Instant.parse("2026-03-12T12:24:51Z"));
        assertThat(LenientTime.parse(m.readTree("1773318291000")).orElseThrow().instant())
                .isEqualTo(Instant.parse("2026-03-12T12:24:51Z"));
        assertThat(LenientTime.parse(m.readTree("1773318291.25")).orElseThrow().instant())
                .isEqualTo(Instant.parse("2026-03-12T12:24:51.250Z"));
        assertThat(LenientTime.parse(m.readTree("\"1773318291\"")).orElseThrow().raw()).isEqualTo("1773318291");
        assertThat(LenientTime.parse(m.readTree("null"))).isEmpty();
        assertThat(LenientTime.parse(m.readTree("\"\""))).isEmpty();
        assertThat(LenientTime.parse(m.readTree("{}").get("missing"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "Fri, 13 Foo 2026 18:25:00 GMT", "Fri, 13 Mar 2026 18:25:00 XYZ",
            "2026-13-45T99:00:00Z", "", "   "})
    void rejectsTextThatIsNoTimestampWithAClearError(String raw) {
        assertThatThrownBy(() -> LenientTime.parse(raw)).isInstanceOf(DateTimeException.class);
        assertThat(LenientTime.tryParse(raw)).isEmpty();
    }

    @Test
    void rejectsAJsonObjectWhereATimestampShouldBe() throws Exception {
        assertThatThrownBy(() -> LenientTime.parse(new ObjectMapper().readTree("{\"t\":1}")))
                .isInstanceOf(DateTimeException.class);
    }
}
