package io.blastradius.ingest.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.ingest.catalog.CatalogRecords;
import io.blastradius.ingest.catalog.World;
import io.blastradius.ingest.catalog.WorldLoader;
import io.blastradius.ingest.social.link.EntityLinker;
import io.blastradius.ingest.social.link.ProviderLexicon;
import io.blastradius.schemas.SocialSignal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Simulated posts are written so that the real entity linker finds what they are about. */
class SimulatedPostsLinkTest {
    @Test
    void theRealLinkerFindsTheServicesAndProvidersOfSimulatedPosts() {
        World world = WorldLoader.builtIn("default");
        Scenario scenario = ScenarioLoader.parse("""
                name: link
                start: 2025-10-20T06:30:00Z
                end: 2025-10-20T08:00:00Z
                incidents:
                  - type: provider-outage
                    id: ddb
                    scope: aws/us-east-1/dynamodb
                    onset: 2025-10-20T06:48:00Z
                    end: 2025-10-20T07:40:00Z
                    providerPostsPerHour: 1200
                """, "link.yaml");
        Recorded r = Recorded.run(Planner.plan(scenario, world, "link.yaml"));
        EntityLinker linker = EntityLinker.create(CatalogRecords.serviceInfos(world, Instant.EPOCH),
                ProviderLexicon.forWorld(world.providers()));

        List<SocialSignal> servicePosts = r.social.stream().filter(s -> !s.getServices().isEmpty()).toList();
        List<SocialSignal> providerPosts = r.social.stream().filter(s -> !s.getProviders().isEmpty()).toList();
        assertThat(servicePosts).hasSizeGreaterThan(1_000);
        assertThat(providerPosts).hasSizeGreaterThan(200);

        long servicesFound = servicePosts.stream()
                .filter(s -> linker.link(s.getText()).services().containsAll(s.getServices())).count();
        long providersFound = providerPosts.stream()
                .filter(s -> linker.link(s.getText()).providerIds().contains(s.getProviders().get(0))).count();
        List<SocialSignal> complaints = r.social.stream().filter(s -> s.getComplaintScore() >= 0.6).toList();
        long readAsComplaints = complaints.stream().filter(s -> linker.link(s.getText()).complaint()).count();
        List<SocialSignal> chatter = r.social.stream().filter(s -> s.getComplaintScore() < 0.2).toList();
        long readAsChatter = chatter.stream().filter(s -> !linker.link(s.getText()).complaint()).count();

        assertThat((double) servicesFound / servicePosts.size()).isGreaterThan(0.9);
        assertThat((double) providersFound / providerPosts.size()).isGreaterThan(0.9);
        assertThat((double) readAsComplaints / complaints.size()).isGreaterThan(0.8);
        assertThat((double) readAsChatter / chatter.size()).isGreaterThan(0.8);
    }
}
