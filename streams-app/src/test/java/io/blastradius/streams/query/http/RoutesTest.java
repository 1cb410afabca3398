package io.blastradius.streams.query.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutesTest {
    private final Handler ok = r -> Response.text(200, "text/plain", "ok");
    private final Routes routes = new Routes()
            .get("/api/v1/outages", ok)
            .get("/api/v1/outages/{id}", ok)
            .get("/api/v1/outages/{id}/timeline", ok)
            .get("/api/v1/scopes/{scope*}/timeline", ok)
            .post("/api/v1/session", ok);

    @Test
    void matchesOneSegmentParameters() {
        Routes.Match m = routes.match("GET", "/api/v1/outages/aws-us-east-1-20251020T0711/timeline");
        assertThat(m.route().pattern()).isEqualTo("/api/v1/outages/{id}/timeline");
        assertThat(m.params()).isEqualTo(Map.of("id", "aws-us-east-1-20251020T0711"));
    }

    @Test
    void aWildcardTakesAScopeWithSlashesBeforeATrailingLiteral() {
        assertThat(routes.match("GET", "/api/v1/scopes/aws/us-east-1/dynamodb/timeline").params())
                .isEqualTo(Map.of("scope", "aws/us-east-1/dynamodb"));
        assertThat(routes.match("GET", "/api/v1/scopes/aws/timeline").params()).isEqualTo(Map.of("scope", "aws"));
        assertThat(routes.match("GET", "/api/v1/scopes/timeline")).isNull();
        assertThat(routes.match("GET", "/api/v1/scopes/aws/us-east-1")).isNull();
    }

    @Test
    void anEmptySegmentIsNoParameter() {
        assertThat(routes.match("GET", "/api/v1/outages/")).isNull();
        assertThat(routes.match("GET", "/api/v1/outages//timeline")).isNull();
    }

    @Test
    void aKnownPathWithAnotherMethodMatchesWithoutARoute() {
        Routes.Match m = routes.match("DELETE", "/api/v1/outages");
        assertThat(m).isNotNull();
        assertThat(m.route()).isNull();
        assertThat(routes.match("HEAD", "/api/v1/outages").route()).isNotNull();
    }
}
