package io.blastradius.streams.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blastradius.streams.query.http.Routes;
import io.blastradius.streams.query.route.LocalStores;
import io.blastradius.streams.query.route.QueryRouter;
import io.blastradius.streams.topology.CatalogView;
import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {
    @Test
    void describesEveryPublicRouteAndNothingElse() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Routes routes = new QueryApi(new QueryRouter(null, new HostInfo("127.0.0.1", 1), null, json, 1_000),
                new LocalStores(null), new CatalogView(), json).register(new Routes());
        Set<String> served = new TreeSet<>();
        routes.all().stream().map(Routes.Route::pattern).filter(p -> !p.startsWith("/internal/"))
                .forEach(p -> served.add(p.replace("*}", "}")));
        JsonNode doc;
        try (InputStream in = getClass().getResourceAsStream("/io/blastradius/streams/query/openapi.json")) {
            doc = json.readTree(in);
        }
        Set<String> described = new TreeSet<>();
        doc.get("paths").fieldNames().forEachRemaining(p -> {
            if (p.startsWith("/api/v1/") && !p.equals("/api/v1/events") && !p.equals("/api/v1/session")) {
                described.add(p);
            }
        });
        assertThat(described).isEqualTo(served);
        assertThat(doc.get("openapi").asText()).startsWith("3.");
    }
}
