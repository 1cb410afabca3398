package io.blastradius.ingest.social.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.ingest.catalog.CatalogRecords;
import io.blastradius.ingest.catalog.World;
import io.blastradius.ingest.catalog.WorldLoader;
import io.blastradius.schemas.scope.ScopeId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderLexiconTest {
    private static final World WORLD = WorldLoader.builtIn("default");
    private static final EntityLinker LINKER = EntityLinker.create(CatalogRecords.serviceInfos(WORLD, Instant.EPOCH),
            ProviderLexicon.forWorld(WORLD.providers()));

    @Test
    void keepsExactlyTheWorldsProvidersRegionsAndServices() {
        ProviderLexicon lexicon = ProviderLexicon.forWorld(WORLD.providers());
        assertThat(lexicon.providers()).extracting(ProviderLexicon.Provider::id)
                .containsExactlyElementsOf(WORLD.providers().stream().map(p -> p.id()).toList());
        ProviderLexicon.Provider aws = lexicon.providers().get(0);
        assertThat(aws.services()).extracting(ProviderLexicon.Named::id).contains("dynamodb", "elb", "nlb", "sts");
        assertThat(aws.regions()).extracting(ProviderLexicon.Named::id).doesNotContain("me-south-1");
    }

    @Test
    void namesOnlyScopesThatExistInTheWorld() {
        for (String post : List.of("DynamoDB errors in us-east-1", "Azure Front Door 503s in westeurope", "azure blob storage down",
                "cloudflare workers kv failing", "GKE control plane unreachable in us-central1", "droplets unreachable on digitalocean",
                "AWS ALB returning 502 in eu-west-1", "Entra ID sign-ins failing on Azure")) {
            List<String> scopes = LINKER.link(post).providers();
            assertThat(scopes).as(post).isNotEmpty();
            for (String scope : scopes) {
                ScopeId id = ScopeId.parse(scope);
                assertThat(WORLD.provider(id.provider()).orElseThrow().has(id)).as(post + " → " + scope).isTrue();
            }
        }
    }

    @Test
    void linksTheWorldsOwnServiceAliases() {
        assertThat(LINKER.link("#coinbasedown again").services()).contains("coinbase");
        assertThat(LINKER.link("robinhod app not loading").services()).contains("robinhood");
        assertThat(LINKER.link("Base chain down? sequencer stuck").services()).contains("base");
        assertThat(LINKER.link("touching base with the team tomorrow").services()).isEmpty();
    }
}
