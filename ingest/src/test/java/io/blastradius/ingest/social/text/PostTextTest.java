package io.blastradius.ingest.social.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostTextTest {
    @Test
    void capsLongTextAtTheLimitInCodePointsAndMarksTheCut() {
        String capped = PostText.clean("x".repeat(10_000), 280);
        assertThat(capped.codePointCount(0, capped.length())).isEqualTo(280);
        assertThat(capped).endsWith("…");
    }

    @Test
    void neverSplitsASurrogatePairWhenCapping() {
        String capped = PostText.clean("😀".repeat(100), 10);
        assertThat(capped.codePointCount(0, capped.length())).isEqualTo(10);
        assertThat(capped).isEqualTo("😀".repeat(9) + "…");
    }

    @Test
    void leavesShortTextAlone() {
        assertThat(PostText.clean("coinbase down?", 280)).isEqualTo("coinbase down?");
    }

    @Test
    void removesControlAndBidiOverrideCharacters() {
        assertThat(PostText.clean("evil\u202Etxt.exe\u0000\u0007 ok\uFEFF", 280)).isEqualTo("eviltxt.exe ok");
    }

    @Test
    void collapsesWhitespaceRunsAndKeepsLineBreaks() {
        assertThat(PostText.clean("  a \t\t b\r\n\r\n c  ", 280)).isEqualTo("a b\nc");
    }

    @Test
    void keepsEmojiJoinersSoSequencesSurvive() {
        assertThat(PostText.clean("👩‍💻 down", 280)).isEqualTo("👩‍💻 down");
    }

    @Test
    void rejectsACapBelowOne() {
        assertThatThrownBy(() -> PostText.clean("x", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
