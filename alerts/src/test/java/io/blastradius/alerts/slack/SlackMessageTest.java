package io.blastradius.alerts.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.blastradius.alerts.testing.AlertFixtures;
import io.blastradius.schemas.OutageAlert;
import org.junit.jupiter.api.Test;

class SlackMessageTest {

    @Test
    void escapesSlackControlCharacters() {
        assertThat(SlackMessage.escape("a & b <!channel> <https://evil|x>"))
                .isEqualTo("a &amp; b &lt;!channel&gt; &lt;https://evil|x&gt;");
    }

    @Test
    void saysScopeStateConfidenceTimeSinceOnsetAndBlastRadius() {
        OutageAlert confirmed = AlertFixtures.lifecycle("aws-use1", "aws/us-east-1").get(1);
        JsonNode message = SlackMessage.of(confirmed, "http://127.0.0.1:8080/#/outages/aws-use1");
        String all = message.toString();

        assertThat(message.get("text").asText()).contains("CONFIRMED").contains("aws/us-east-1")
                .contains("confidence 0.90").contains("2 observed, 1 at risk");
        assertThat(message.at("/blocks/0/type").asText()).isEqualTo("header");
        assertThat(message.at("/blocks/0/text/text").asText()).contains("CONFIRMED: aws/us-east-1");
        assertThat(all).contains("SUSPECTED → CONFIRMED").contains("*Confidence*\\n0.90").contains("*Since onset*\\n15 min");
        // most users first: coinbase (100M) before metamask (30M); at risk last
        assertThat(message.at("/blocks/2/text/text").asText()).isEqualTo("*Blast radius:* 2 observed, 1 at risk\n"
                + "• coinbase → aws/us-east-1\n• metamask → infura → aws/us-east-1\n• venmo → aws/us-east-1 (at risk)");
        assertThat(message.at("/blocks/3/text/text").asText())
                .isEqualTo("<http://127.0.0.1:8080/#/outages/aws-use1|Open in the dashboard>");
    }

    @Test
    void untrustedTextCannotMentionAChannelOrForgeALink() {
        OutageAlert alert = AlertFixtures.lifecycle("o1", "aws/us-east-1").get(1);
        alert.setReason("status page says <!channel> see <https://evil.example|the dashboard> & more");
        alert.getOutage().getBlastRadius().getObserved().get(0).setPath(java.util.List.of("<@U123>", "aws/us-east-1"));
        String all = SlackMessage.of(alert, null).toString();

        assertThat(all).doesNotContain("<!channel>").doesNotContain("<https://evil").doesNotContain("<@U123>");
        assertThat(all).contains("&lt;!channel&gt;").contains("&amp; more").contains("&lt;@U123&gt;");
    }

    @Test
    void leavesTheLinkOutWithoutADashboard() {
        JsonNode message = SlackMessage.of(AlertFixtures.lifecycle("o1", "aws/us-east-1").get(4), null);
        assertThat(message.toString()).doesNotContain("Open in the dashboard");
        assertThat(message.at("/blocks/0/text/text").asText()).contains("RESOLVED");
    }

    @Test
    void keepsLongTextWithinSlacksLimits() {
        OutageAlert alert = AlertFixtures.lifecycle("o1", "aws/us-east-1").get(1);
        alert.setReason("&".repeat(5_000));
        JsonNode message = SlackMessage.of(alert, null);
        String text = message.at("/blocks/1/text/text").asText();
        assertThat(text.length()).isLessThanOrEqualTo(3_000);
        assertThat(text).endsWith("&amp;…");
    }
}
