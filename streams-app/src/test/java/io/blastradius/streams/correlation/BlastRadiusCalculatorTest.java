package io.blastradius.streams.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.schemas.scope.ScopeId;
import io.blastradius.streams.correlation.BlastRadiusView.Impacted;
import org.junit.jupiter.api.Test;

class BlastRadiusCalculatorTest {

    @Test
    void splitsDependentsIntoObservedAndAtRiskWithPathsAndUsers() {
        DependencyGraph graph = TestWorld.graph();
        OutageCase outage = new OutageCase(ScopeId.parse("aws/us-east-1"), 1000);
        outage.observed.put("metamask", new OutageCase.Hit(900, 1000, 0.9));
        outage.observed.put("ddb1", new OutageCase.Hit(800, 1000, 0.95));
        outage.evidence.hitShare = 0.6;

        BlastRadiusView view = BlastRadiusCalculator.compute(graph, outage);

        assertThat(view.observed()).extracting(Impacted::service).containsExactly("ddb1", "metamask");
        Impacted metamask = view.observed().get(1);
        assertThat(metamask.path()).containsExactly("metamask", "infura", "aws/us-east-1");
        assertThat(metamask.firstEvidence()).isEqualTo(900);
        assertThat(view.secondOrder()).isEqualTo(1);
        assertThat(view.observedUsers()).isEqualTo(31_000_000L);
        assertThat(view.atRisk()).extracting(Impacted::service).contains("infura", "rainbow", "ec2u1", "ddb2")
                .doesNotContain("metamask", "ddb1", "euw1", "cf1");
        assertThat(view.atRisk()).allSatisfy(i -> assertThat(i.firstEvidence()).isNull());
        assertThat(view.atRisk().get(0).users()).isGreaterThanOrEqualTo(view.atRisk().get(1).users());
    }
}
