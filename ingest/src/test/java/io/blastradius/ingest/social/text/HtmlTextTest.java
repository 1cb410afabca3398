package io.blastradius.ingest.social.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {
    @Test
    void turnsMastodonContentIntoPlainText() {
        String html = "<p>Seeing <a href=\"https://infosec.example/tags/AWS\" class=\"mention hashtag\" rel=\"tag\">#<span>AWS</span></a>"
                + " us-east-1 errors &amp; timeouts</p><p>second<br />line</p>";
        assertThat(HtmlText.toPlainText(html)).isEqualTo("Seeing #AWS us-east-1 errors & timeouts\nsecond\nline\n");
    }

    @Test
    void keepsTheWholeUrlOfALinkWithInvisibleSpans() {
        String html = "<a href=\"https://blog.example/async\"><span class=\"invisible\">https://</span>"
                + "<span class=\"ellipsis\">blog.example/asy</span><span class=\"invisible\">nc</span></a>";
        assertThat(HtmlText.toPlainText(html)).isEqualTo("https://blog.example/async");
    }

    @Test
    void dropsScriptsStylesAndCommentsWithTheirContent() {
        String html = "a<script>alert('x')</script>b<style>p{}</style>c<!-- hidden -->d<SCRIPT type=x>evil()</SCRIPT>e";
        assertThat(HtmlText.toPlainText(html)).isEqualTo("abcde");
    }

    @Test
    void decodesCharacterReferencesOnceSoEscapedMarkupStaysText() {
        assertThat(HtmlText.toPlainText("&lt;b&gt;bold&lt;/b&gt; &#39;q&#39; &#x1F600; &amp;amp;"))
                .isEqualTo("<b>bold</b> 'q' \uD83D\uDE00 &amp;");
    }

    @Test
    void keepsALoneLessThanSignAndAnUnknownEntityAsText() {
        assertThat(HtmlText.toPlainText("1 < 2 &bogus; &")).isEqualTo("1 < 2 &bogus; &");
    }

    @Test
    void replacesInvalidNumericReferencesInsteadOfFailing() {
        assertThat(HtmlText.toPlainText("x&#xD800;y&#99999999;z")).isEqualTo("x\uFFFDy\uFFFDz");
    }

    @Test
    void handlesQuotedGreaterThanInsideAttributes() {
        assertThat(HtmlText.toPlainText("<a title=\"a > b\">link</a>")).isEqualTo("link");
    }

    @Test
    void givesEmptyTextForNull() {
        assertThat(HtmlText.toPlainText(null)).isEmpty();
    }
}
