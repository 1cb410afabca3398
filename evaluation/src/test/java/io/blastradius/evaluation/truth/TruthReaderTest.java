package io.blastradius.evaluation.truth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blastradius.evaluation.testing.Truths;
import io.blastradius.schemas.scope.ScopeId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TruthReaderTest {
    @Test
    void readsEverySectionOfTheDocumentedFormat() {
        GroundTruth truth = Truths.twoDays();

        assertThat(truth.scenario()).isEqualTo("two-days");
        assertThat(truth.seed()).isEqualTo(7L);
        assertThat(truth.span()).isEqualTo(Duration.ofDays(2));
        assertThat(truth.outages()).hasSize(3);
        TrueOutage aws = truth.outages().get(0);
        assertThat(aws.scope()).isEqualTo(ScopeId.parse("aws/us-east-1"));
        assertThat(aws.acknowledged()).isEqualTo(Instant.parse("2025-10-20T07:11:00Z"));
        assertThat(aws.phases()).extracting(p -> p.scope().toString())
                .containsExactly("aws/us-east-1/dynamodb", "aws/us-east-1/ec2", "aws/us-east-1/nlb");
        assertThat(aws.hit().get(2).path()).containsExactly("metamask", "infura", "aws/us-east-1/dynamodb");
        assertThat(truth.outages().get(1).silent()).isTrue();
        assertThat(truth.serviceIncidents()).extracting(GroundTruth.ServiceIncident::cause).containsExactly("deploy");
        assertThat(truth.vantageIncidents()).extracting(GroundTruth.VantageIncident::vantage)
                .containsExactly("probe-eu-west");
        assertThat(truth.chatter()).extracting(GroundTruth.Chatter::provider).containsExactly("azure");
    }

    @Test
    void outageWithoutPhasesGetsOnePhaseOfItsOwnScope() {
        TrueOutage cdn = Truths.twoDays().outages().get(2);

        assertThat(cdn.phases()).hasSize(1);
        assertThat(cdn.phases().get(0).scope()).isEqualTo(cdn.scope());
        assertThat(cdn.phases().get(0).from()).isEqualTo(cdn.onset());
    }

    @Test
    void missingNoiseSectionsReadAsEmpty() throws IOException {
        GroundTruth truth = read("{\"scenario\":\"s\",\"start\":\"2025-01-01T00:00:00Z\",\"end\":\"2025-01-02T00:00:00Z\"}");

        assertThat(truth.outages()).isEmpty();
        assertThat(truth.chatter()).isEmpty();
        assertThat(truth.seed()).isNull();
    }

    @Test
    void readsTheSpansOfAnOscillatingServiceAndJudgesFailureByThem() throws IOException {
        String json = """
                {"scenario":"s","start":"2025-01-01T00:00:00Z","end":"2025-01-02T00:00:00Z","outages":[
                 {"id":"o","scope":"cloudflare/global/cdn","onset":"2025-01-01T01:00:00Z","end":"2025-01-01T03:00:00Z",
                  "hit":[{"service":"shopify","from":"2025-01-01T01:00:00Z","until":"2025-01-01T03:00:00Z",
                          "intervals":[{"from":"2025-01-01T01:00:00Z","until":"2025-01-01T01:30:00Z"},
                                       {"from":"2025-01-01T02:00:00Z","until":"2025-01-01T03:00:00Z"}]},
                         {"service":"chatgpt","from":"2025-01-01T01:10:00Z"}]}]}
                """;

        TrueOutage outage = read(json).outages().get(0);

        TrueOutage.HitService shopify = outage.hit().get(0);
        assertThat(shopify.intervals()).hasSize(2);
        assertThat(shopify.failingAt(Instant.parse("2025-01-01T01:15:00Z"))).isTrue();
        assertThat(shopify.failingAt(Instant.parse("2025-01-01T01:45:00Z"))).isFalse();
        assertThat(shopify.failingAt(Instant.parse("2025-01-01T03:00:00Z"))).isFalse();
        // no until: failing to the end of the outage
        TrueOutage.HitService chatgpt = outage.hit().get(1);
        assertThat(chatgpt.until()).isEqualTo(outage.end());
        assertThat(chatgpt.failingAt(Instant.parse("2025-01-01T02:59:00Z"))).isTrue();
    }

    @Test
    void rejectsAPhaseOutsideTheOutageScopeNamingTheField() {
        String json = """
                {"scenario":"s","start":"2025-01-01T00:00:00Z","end":"2025-01-02T00:00:00Z","outages":[
                 {"id":"o","scope":"aws/us-east-1","onset":"2025-01-01T01:00:00Z","end":"2025-01-01T02:00:00Z",
                  "phases":[{"scope":"aws/eu-west-1/ec2","from":"2025-01-01T01:00:00Z","until":"2025-01-01T02:00:00Z"}]}]}
                """;

        assertThatThrownBy(() -> read(json)).isInstanceOf(TruthFormatException.class)
                .hasMessageContaining("t.json: $.outages[0].phases[0].scope")
                .hasMessageContaining("not contained in the outage scope aws/us-east-1");
    }

    @Test
    void rejectsATimeThatIsNotAnIsoInstant() {
        String json = "{\"scenario\":\"s\",\"start\":\"2025-01-01 00:00\",\"end\":\"2025-01-02T00:00:00Z\"}";

        assertThatThrownBy(() -> read(json)).isInstanceOf(TruthFormatException.class)
                .hasMessageContaining("$.start: '2025-01-01 00:00' is not an ISO-8601 UTC instant");
    }

    @Test
    void rejectsAnInvalidScope() {
        String json = """
                {"scenario":"s","start":"2025-01-01T00:00:00Z","end":"2025-01-02T00:00:00Z","outages":[
                 {"id":"o","scope":"AWS Cloud/x/y/z","onset":"2025-01-01T01:00:00Z","end":"2025-01-01T02:00:00Z"}]}
                """;

        assertThatThrownBy(() -> read(json)).isInstanceOf(TruthFormatException.class)
                .hasMessageContaining("$.outages[0].scope");
    }

    @Test
    void rejectsDuplicateOutageIds() {
        String outage = "{\"id\":\"o\",\"scope\":\"aws/us-east-1\",\"onset\":\"2025-01-01T01:00:00Z\","
                + "\"end\":\"2025-01-01T02:00:00Z\"}";
        String json = "{\"scenario\":\"s\",\"start\":\"2025-01-01T00:00:00Z\",\"end\":\"2025-01-02T00:00:00Z\","
                + "\"outages\":[" + outage + "," + outage + "]}";

        assertThatThrownBy(() -> read(json)).hasMessageContaining("outage id 'o' appears twice");
    }

    @Test
    void rejectsMalformedJson() {
        assertThatThrownBy(() -> read("{\"scenario\":")).isInstanceOf(TruthFormatException.class)
                .hasMessageContaining("t.json: not valid JSON");
    }

    private static GroundTruth read(String json) throws IOException {
        return TruthReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "t.json");
    }
}
