package io.blastradius.ingest.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blastradius.ingest.social.bluesky.JetstreamConfig;
import io.blastradius.ingest.social.bluesky.JetstreamSourceConnector;
import io.blastradius.ingest.social.mastodon.MastodonConfig;
import io.blastradius.ingest.social.mastodon.MastodonSourceConnector;
import io.blastradius.ingest.social.reddit.RedditConfig;
import io.blastradius.ingest.social.reddit.RedditSourceConnector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.Connector;
import org.junit.jupiter.api.Test;

/** What the social connectors' ConfigDefs cannot check is checked on start and in Connect's validate call too. */
class SocialConnectorConfigTest {

    private static Map<String, String> mastodon() {
        Map<String, String> p = new HashMap<>(TaskDriver.baseProps("mastodon"));
        p.put(MastodonConfig.URL, "https://mastodon.example");
        p.put(MastodonConfig.HASHTAGS, "outage");
        return p;
    }

    private static List<String> errors(Config result, String key) {
        return result.configValues().stream().filter(v -> v.name().equals(key)).findFirst().orElseThrow().errorMessages();
    }

    private static void assertValid(Connector connector, Map<String, String> props) {
        assertThat(connector.validate(props).configValues()).allSatisfy(v -> assertThat(v.errorMessages()).as(v.name()).isEmpty());
    }

    @Test
    void reportsASaltTooShortOnItsKeyWithoutShowingIt() {
        Map<String, String> p = mastodon();
        p.put(SocialSourceConfig.AUTHOR_HASH_SALT, "short-salt");

        List<String> errors = errors(new MastodonSourceConnector().validate(p), SocialSourceConfig.AUTHOR_HASH_SALT);

        assertThat(errors).singleElement().asString().contains("at least 16 bytes").doesNotContain("short-salt");
        assertThatThrownBy(() -> new MastodonSourceConnector().start(p)).isInstanceOf(ConfigException.class);
    }

    @Test
    void reportsAMastodonConnectorWithNothingToFollow() {
        Map<String, String> p = mastodon();
        p.put(MastodonConfig.HASHTAGS, "");

        assertThat(errors(new MastodonSourceConnector().validate(p), MastodonConfig.HASHTAGS)).singleElement().asString()
                .contains("at least one hashtag");
        assertValid(new MastodonSourceConnector(), mastodon());
    }

    @Test
    void reportsAJetstreamUrlThatIsNotAWebSocket() {
        Map<String, String> p = new HashMap<>(TaskDriver.baseProps("jetstream"));
        p.put(JetstreamConfig.URL, "https://jetstream.example/subscribe");

        assertThat(errors(new JetstreamSourceConnector().validate(p), JetstreamConfig.URL)).singleElement().asString()
                .contains("ws://");
        p.put(JetstreamConfig.URL, "wss://jetstream.example/subscribe");
        assertValid(new JetstreamSourceConnector(), p);
    }

    @Test
    void reportsARedditConnectorWithoutSubreddits() {
        Map<String, String> p = new HashMap<>(TaskDriver.baseProps("reddit"));
        p.put(RedditConfig.SUBREDDITS, " ");

        assertThat(errors(new RedditSourceConnector().validate(p), RedditConfig.SUBREDDITS)).singleElement().asString()
                .contains("at least one subreddit");
        p.put(RedditConfig.SUBREDDITS, "sysadmin,aws");
        assertValid(new RedditSourceConnector(), p);
    }
}
