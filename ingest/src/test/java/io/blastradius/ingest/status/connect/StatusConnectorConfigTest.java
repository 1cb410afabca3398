package io.blastradius.ingest.status.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blastradius.ingest.status.FeedSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.Test;

class StatusConnectorConfigTest {

    private static Map<String, String> twoPages() {
        Map<String, String> props = new HashMap<>();
        props.put("name", "pages");
        props.put("statuspage.pages", "github,cloudflare,discord");
        props.put("statuspage.page.github.url", "https://www.githubstatus.com");
        props.put("statuspage.page.github.subject", "github");
        props.put("statuspage.page.cloudflare.url", "https://www.cloudflarestatus.com/");
        props.put("statuspage.page.cloudflare.subject", "cloudflare/global");
        props.put("statuspage.page.cloudflare.components", "CDN*=cloudflare/global/cdn;Workers KV=cloudflare/global/workers-kv");
        props.put("statuspage.page.cloudflare.interval.ms", "30000");
        props.put("statuspage.page.discord.url", "https://discordstatus.com");
        props.put("statuspage.page.discord.subject", "discord");
        return props;
    }

    @Test
    void buildsOneFeedPerPageWithBothEndpointsAndItsOwnInterval() {
        List<FeedSource> sources = new StatuspageConfig(twoPages()).sources();

        assertThat(sources).extracting(FeedSource::name)
                .containsExactly("statuspage:github", "statuspage:cloudflare", "statuspage:discord");
        FeedSource cloudflare = sources.get(1);
        assertThat(cloudflare.endpoints()).extracting(e -> e.target().uri().toString()).containsExactly(
                "https://www.cloudflarestatus.com/api/v2/summary.json", "https://www.cloudflarestatus.com/api/v2/incidents.json");
        assertThat(cloudflare.endpoints().get(0).target().interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(sources.get(0).endpoints().get(0).target().interval()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void rejectsAPageWithoutUrlOrSubjectOrWithABadMapping() {
        Map<String, String> noUrl = twoPages();
        noUrl.remove("statuspage.page.discord.url");
        assertThatThrownBy(() -> new StatuspageConfig(noUrl)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("statuspage.page.discord.url");

        Map<String, String> badSubject = twoPages();
        badSubject.put("statuspage.page.github.subject", "GitHub Inc");
        assertThatThrownBy(() -> new StatuspageConfig(badSubject)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("github");

        Map<String, String> badMapping = twoPages();
        badMapping.put("statuspage.page.cloudflare.components", "CDN without a subject");
        assertThatThrownBy(() -> new StatuspageConfig(badMapping)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("pattern=subject");

        Map<String, String> ftp = twoPages();
        ftp.put("statuspage.page.github.url", "ftp://githubstatus.com");
        assertThatThrownBy(() -> new StatuspageConfig(ftp)).isInstanceOf(ConfigException.class);
    }

    @Test
    void reportsPerPageErrorsThroughConnectsValidateCall() {
        Map<String, String> props = twoPages();
        props.remove("statuspage.page.github.subject");

        Config result = new StatuspageSourceConnector().validate(props);

        ConfigValue pages = result.configValues().stream().filter(v -> v.name().equals("statuspage.pages"))
                .findFirst().orElseThrow();
        assertThat(pages.errorMessages()).singleElement().asString().contains("statuspage.page.github.subject");
        assertThat(new StatuspageSourceConnector().validate(twoPages()).configValues())
                .allSatisfy(v -> assertThat(v.errorMessages()).isEmpty());
    }

    @Test
    void spreadsPagesOverTheTasksAllowed() {
        StatuspageSourceConnector connector = new StatuspageSourceConnector();
        connector.start(twoPages());

        List<Map<String, String>> two = connector.taskConfigs(2);
        List<Map<String, String>> many = connector.taskConfigs(10);

        assertThat(two).extracting(c -> c.get("statuspage.pages")).containsExactly("github,discord", "cloudflare");
        assertThat(many).hasSize(3);
        assertThat(connector.exactlyOnceSupport(twoPages())).isEqualTo(ExactlyOnceSupport.SUPPORTED);
    }

    @Test
    void pollsAwsCurrentEventsAndEachListedRssFeed() {
        Map<String, String> props = Map.of("aws.rss.feeds", "ec2-us-east-1,cloudfront,all",
                "aws.rss.url.template", "http://127.0.0.1:1/rss/{feed}.rss", "aws.service.aliases", "autoscaling=asg");
        AwsHealthConfig config = new AwsHealthConfig(props);

        assertThat(config.sources()).extracting(FeedSource::name).containsExactly("aws-health:currentevents",
                "aws-health:rss:ec2-us-east-1", "aws-health:rss:cloudfront", "aws-health:rss:all");
        assertThat(config.sources().get(1).endpoints().get(0).target().uri().toString())
                .isEqualTo("http://127.0.0.1:1/rss/ec2-us-east-1.rss");
        assertThat(config.sources().get(0).endpoints().get(0).target().uri().toString())
                .isEqualTo(AwsHealthConfig.DEFAULT_CURRENT_EVENTS_URL);
        assertThat(config.scopes().scopeOf("autoscaling-us-east-1").toString()).isEqualTo("aws/us-east-1/asg");
        assertThatThrownBy(() -> new AwsHealthConfig(Map.of("aws.currentevents.url", ""))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("neither");
        assertThatThrownBy(() -> new AwsHealthConfig(Map.of("aws.service.aliases", "oops"))).isInstanceOf(ConfigException.class);
    }

    @Test
    void documentsEveryKeyWithADefaultOrAsRequired() {
        for (ConfigDef def : List.of(StatuspageConfig.CONFIG, AwsHealthConfig.CONFIG, GcpStatusConfig.CONFIG,
                AzureStatusConfig.CONFIG)) {
            assertThat(def.configKeys().values()).allSatisfy(k -> assertThat(k.documentation).isNotBlank());
            assertThat(def.names()).contains("topic", "dead.letter.topic", "poll.interval.ms", "lookback.ms",
                    "http.user.agent", "http.backoff.max.ms");
        }
        assertThat(new GcpStatusConfig(Map.of()).topic()).isEqualTo("blastradius.status-events");
        assertThat(new AzureStatusConfig(Map.of()).sources().get(0).endpoints().get(0).target().uri().toString())
                .isEqualTo(AzureStatusConfig.DEFAULT_FEED_URL);
        assertThat(new GcpStatusConfig(Map.of()).httpSettings().userAgent()).contains("blastradius");
    }
}
