package io.blastradius.alerts.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.blastradius.alerts.testing.AlertFixtures;
import io.blastradius.schemas.Outage;
import io.blastradius.schemas.OutageAlert;
import io.blastradius.schemas.OutageState;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AlertJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonSchema schema;

    @BeforeAll
    static void loadTheDocumentedSchema() throws Exception {
        try (InputStream in = AlertJsonTest.class.getResourceAsStream("/docs-schemas/outage-alert.schema.json")) {
            assertThat(in).as("docs/schemas/outage-alert.schema.json on the test classpath").isNotNull();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    private static JsonNode json(OutageAlert alert, String dashboard) throws Exception {
        return JSON.readTree(AlertJson.toJson(alert, dashboard));
    }

    @Test
    void everyTransitionOfALifecycleMatchesTheDocumentedSchema() throws Exception {
        for (OutageAlert alert : AlertFixtures.lifecycle("aws-use1-20251020", "aws/us-east-1/dynamodb")) {
            Set<ValidationMessage> errors = schema.validate(json(alert, "http://127.0.0.1:8080/#/outages/x"));
            assertThat(errors).as(alert.getAlertId()).isEmpty();
        }
    }

    @Test
    void theSchemaRejectsWhatTheFormDoesNotAllow() throws Exception {
        JsonNode node = json(AlertFixtures.lifecycle("o1", "aws/us-east-1").get(0), null);
        ((com.fasterxml.jackson.databind.node.ObjectNode) node).put("state", "BROKEN");
        ((com.fasterxml.jackson.databind.node.ObjectNode) node).put("surprise", 1);
        assertThat(schema.validate(node)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void carriesTheAlertsValuesWithIsoTimesAndNullsForAbsentOnes() throws Exception {
        OutageAlert first = AlertFixtures.lifecycle("o1", "aws/us-east-1").get(0);
        JsonNode node = json(first, null);

        assertThat(node.get("schema").asText()).isEqualTo("blastradius.outage-alert/v1");
        assertThat(node.get("alertId").asText()).isEqualTo("o1:1");
        assertThat(node.get("sequence").asInt()).isEqualTo(1);
        assertThat(node.get("previousState").isNull()).isTrue();
        assertThat(node.get("state").asText()).isEqualTo("SUSPECTED");
        assertThat(node.get("at").asText()).isEqualTo("2025-10-20T06:53:00Z");
        assertThat(node.at("/outage/confirmed").isNull()).isTrue();
        assertThat(node.at("/outage/region").asText()).isEqualTo("us-east-1");
        assertThat(node.at("/outage/providerService").isNull()).isTrue();
        assertThat(node.at("/outage/blastRadius/observed/0/path").toString())
                .isEqualTo("[\"metamask\",\"infura\",\"aws/us-east-1\"]");
        assertThat(node.at("/outage/blastRadius/atRisk/0/firstEvidence").isNull()).isTrue();
        assertThat(node.at("/outage/blastRadius/impact/observedUsers").asLong()).isEqualTo(130_000_000L);
        assertThat(node.at("/links/dashboard").isNull()).isTrue();
    }

    @Test
    void writesNumbersJsonCannotHoldAsNull() throws Exception {
        OutageAlert alert = AlertFixtures.lifecycle("o1", "aws/us-east-1").get(1);
        alert.getOutage().getEvidence().setSurprise(Double.POSITIVE_INFINITY);
        alert.getOutage().setConfidence(Double.NaN);
        JsonNode node = json(alert, null);

        assertThat(node.at("/outage/evidence/surprise").isNull()).isTrue();
        assertThat(node.at("/outage/confidence").isNull()).isTrue();
        assertThat(schema.validate(node)).isEmpty();
    }

    @Test
    void keepsUntrustedTextAsDataNotMarkup() throws Exception {
        OutageAlert alert = AlertFixtures.lifecycle("o1", "aws/us-east-1").get(1);
        alert.setReason("\"},\"state\":\"RESOLVED\" <script>alert(1)</script>\n");
        JsonNode node = json(alert, null);

        assertThat(node.get("reason").asText()).isEqualTo(alert.getReason());
        assertThat(node.get("state").asText()).isEqualTo("CONFIRMED");
    }

    /** Guards the form against drift: a field added to the Avro records must be added to the JSON (and the schema). */
    @Test
    void namesEveryFieldOfTheAvroRecord() throws Exception {
        JsonNode node = json(AlertFixtures.lifecycle("o1", "aws/us-east-1").get(4), "x");
        List<String> missing = new ArrayList<>();
        missingFields(OutageAlert.getClassSchema(), node, "", missing);
        assertThat(missing).isEmpty();
        assertThat(OutageState.values()).extracting(Enum::name)
                .containsExactly("SUSPECTED", "CONFIRMED", "ACKNOWLEDGED", "RECOVERING", "RESOLVED");
        assertThat(Outage.getClassSchema().getFields()).isNotEmpty();
    }

    private static void missingFields(Schema schema, JsonNode node, String at, List<String> missing) {
        for (Schema.Field f : schema.getFields()) {
            JsonNode value = node.get(f.name());
            if (value == null) {
                missing.add(at + "/" + f.name());
                continue;
            }
            Schema type = nonNull(f.schema());
            if (type.getType() == Schema.Type.RECORD) {
                missingFields(type, value, at + "/" + f.name(), missing);
            } else if (type.getType() == Schema.Type.ARRAY && nonNull(type.getElementType()).getType() == Schema.Type.RECORD) {
                Iterator<JsonNode> items = value.elements();
                if (items.hasNext()) {
                    missingFields(nonNull(type.getElementType()), items.next(), at + "/" + f.name() + "/0", missing);
                }
            }
        }
    }

    private static Schema nonNull(Schema s) {
        if (s.getType() != Schema.Type.UNION) {
            return s;
        }
        return s.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow();
    }
}
