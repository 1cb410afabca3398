package io.blastradius.ingest.social.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AuthorHasherTest {
    private static final String SALT = "a-salt-of-at-least-16-bytes";

    @Test
    void givesTheSameHashForTheSameAuthor() {
        AuthorHasher hasher = new AuthorHasher(SALT);
        assertThat(hasher.hash("mastodon", "110222333444555666")).isEqualTo(hasher.hash("mastodon", "110222333444555666"));
    }

    @Test
    void givesDifferentHashesForDifferentSaltsPlatformsAndAuthors() {
        AuthorHasher hasher = new AuthorHasher(SALT);
        String h = hasher.hash("mastodon", "sre_anna");
        assertThat(new AuthorHasher(SALT + "x").hash("mastodon", "sre_anna")).isNotEqualTo(h);
        assertThat(hasher.hash("bluesky", "sre_anna")).isNotEqualTo(h);
        assertThat(hasher.hash("mastodon", "sre_anne")).isNotEqualTo(h);
    }

    @Test
    void neverContainsTheHandle() {
        String h = new AuthorHasher(SALT).hash("reddit", "tf_apply_yolo");
        assertThat(h).hasSize(32).matches("[0-9a-f]{32}").doesNotContain("tf_apply_yolo");
    }

    @Test
    void rejectsASaltShorterThanSixteenBytes() {
        assertThatThrownBy(() -> new AuthorHasher("short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16");
        assertThatThrownBy(() -> new AuthorHasher(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
