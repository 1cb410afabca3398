package io.blastradius.ingest.status.connect;

import io.blastradius.ingest.status.FeedSource;
import io.blastradius.ingest.status.FeedSources;
import io.blastradius.ingest.status.gcp.GcpScopes;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Config of {@link GcpStatusSourceConnector}: Google Cloud's incidents.json. */
public final class GcpStatusConfig extends StatusFeedConfig {

    public static final String INCIDENTS_URL = "gcp.incidents.url";
    private static final String INCIDENTS_URL_DOC = "Google Cloud Service Health incidents.json (the Workspace, "
            + "Search and Play dashboards publish the same format).";
    public static final String PRODUCT_ALIASES = "gcp.product.aliases";
    private static final String PRODUCT_ALIASES_DOC = "Extra product title (or id) to catalog-service names, "
            + "title=name, for products whose catalog name differs from the built-in table.";

    public static final String DEFAULT_INCIDENTS_URL = "https://status.cloud.google.com/incidents.json";

    public static final ConfigDef CONFIG = baseStatusConfigDef()
            .define(INCIDENTS_URL, Type.STRING, DEFAULT_INCIDENTS_URL, new HttpUrl(false), Importance.HIGH,
                    INCIDENTS_URL_DOC)
            .define(PRODUCT_ALIASES, Type.LIST, List.of(), new PairList(), Importance.LOW, PRODUCT_ALIASES_DOC);

    public GcpStatusConfig(Map<?, ?> props) {
        super(CONFIG, props);
    }

    @Override
    public List<FeedSource> sources() {
        return List.of(FeedSources.gcp(URI.create(getString(INCIDENTS_URL).trim()), pollInterval(),
                GcpScopes.withAliases(pairs(PRODUCT_ALIASES, getList(PRODUCT_ALIASES)))));
    }
}
