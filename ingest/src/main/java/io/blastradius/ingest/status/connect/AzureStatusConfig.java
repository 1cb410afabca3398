package io.blastradius.ingest.status.connect;

import io.blastradius.ingest.status.FeedSource;
import io.blastradius.ingest.status.FeedSources;
import io.blastradius.ingest.status.azure.AzureScopes;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Config of {@link AzureStatusSourceConnector}: the Azure status RSS feed. */
public final class AzureStatusConfig extends StatusFeedConfig {

    public static final String FEED_URL = "azure.feed.url";
    private static final String FEED_URL_DOC = "The Azure status RSS feed. The older status.azure.com host "
            + "redirects to geo-routed copies that were seen serving a stale empty channel during an outage.";
    public static final String SERVICE_ALIASES = "azure.service.aliases";
    private static final String SERVICE_ALIASES_DOC = "Extra Azure service-name to catalog-service names, "
            + "name=service, for services whose catalog name differs from the built-in table.";

    public static final String DEFAULT_FEED_URL = "https://rssfeed.azure.status.microsoft/en-us/status/feed/";

    public static final ConfigDef CONFIG = baseStatusConfigDef()
            .define(FEED_URL, Type.STRING, DEFAULT_FEED_URL, new HttpUrl(false), Importance.HIGH, FEED_URL_DOC)
            .define(SERVICE_ALIASES, Type.LIST, List.of(), new PairList(), Importance.LOW, SERVICE_ALIASES_DOC);

    public AzureStatusConfig(Map<?, ?> props) {
        super(CONFIG, props);
    }

    @Override
    public List<FeedSource> sources() {
        return List.of(FeedSources.azure(URI.create(getString(FEED_URL).trim()), pollInterval(),
                AzureScopes.withAliases(pairs(SERVICE_ALIASES, getList(SERVICE_ALIASES)))));
    }
}
