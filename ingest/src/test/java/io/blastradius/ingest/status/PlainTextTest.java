package io.blastradius.ingest.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainTextTest {

    @Test
    void stripsEntityEscapedHtmlAsAwsPutsItInsideCdata() {
        String aws = "The issue has been resolved.&lt;br&gt;&lt;br&gt;More details are available "
                + "&lt;a href=\"https://aws.amazon.com/message/000000/\"&gt;here&lt;/a&gt;.";
        assertThat(PlainText.of(aws)).isEqualTo("The issue has been resolved.\n\nMore details are available here.");
    }

    @Test
    void stripsHtmlTagsAndDecodesEntities() {
        String azure = "<p><strong>Impact Statement:</strong> Starting at 16:05 UTC &amp; later</p><p>Next update"
                + " in 60&nbsp;minutes &#8211; or &#x2014; sooner.</p><script>alert(1)</script>";
        assertThat(PlainText.of(azure))
                .isEqualTo("Impact Statement: Starting at 16:05 UTC & later\n\nNext update in 60 minutes \u2013 or \u2014 sooner.");
    }

    @Test
    void keepsPlainTextWithAngleBracketsThatAreNoTags() {
        assertThat(PlainText.of("latency < 5 s and > 1 s\r\n\r\n\r\nWebSocket clients are not affected."))
                .isEqualTo("latency < 5 s and > 1 s\n\nWebSocket clients are not affected.");
    }

    @Test
    void capsLongTextWithAnEllipsis() {
        String capped = PlainText.of("x".repeat(10_000), 100);
        assertThat(capped).hasSize(100).endsWith("\u2026");
        assertThat(PlainText.of(null)).isNull();
    }
}
