package io.blastradius.schemas.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScopeIdTest {

    @Test
    void parsesEachLevel() {
        ScopeId s = ScopeId.parse("AWS/us-east-1/DynamoDB");
        assertThat(s.provider()).isEqualTo("aws");
        assertThat(s.region()).isEqualTo("us-east-1");
        assertThat(s.service()).isEqualTo("dynamodb");
        assertThat(s.specificity()).isEqualTo(2);
        assertThat(ScopeId.parse("aws").toString()).isEqualTo("aws/global");
        assertThat(ScopeId.parse("aws").isProviderWide()).isTrue();
    }

    @Test
    void listsAncestorsMostSpecificFirst() {
        assertThat(ScopeId.parse("aws/us-east-1/dynamodb").selfAndAncestors()).extracting(ScopeId::toString)
                .containsExactly("aws/us-east-1/dynamodb", "aws/us-east-1", "aws/global/dynamodb", "aws/global");
        assertThat(ScopeId.parse("cloudflare/global/cdn").selfAndAncestors()).extracting(ScopeId::toString)
                .containsExactly("cloudflare/global/cdn", "cloudflare/global");
    }

    @Test
    void containsOnlyNestedScopesOfTheSameProvider() {
        ScopeId region = ScopeId.parse("aws/us-east-1");
        assertThat(region.contains(ScopeId.parse("aws/us-east-1/ec2"))).isTrue();
        assertThat(region.contains(ScopeId.parse("aws/us-west-2/ec2"))).isFalse();
        assertThat(ScopeId.parse("aws/global/dynamodb").contains(ScopeId.parse("aws/eu-west-1/dynamodb"))).isTrue();
        assertThat(ScopeId.parse("aws/global").contains(ScopeId.parse("gcp/global"))).isFalse();
    }

    @Test
    void rejectsMalformedScopes() {
        assertThatThrownBy(() -> ScopeId.parse("aws/us-east-1/dynamodb/extra")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScopeId.parse("aws/us east")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScopeId.parse("")).isInstanceOf(IllegalArgumentException.class);
    }
}
