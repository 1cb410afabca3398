package io.blastradius.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaValidationException;
import org.junit.jupiter.api.Test;

class CompatibilityLevelTest {
    private static Schema record(String stateSymbols, String extraField) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":["
                + "{\"name\":\"state\",\"type\":{\"type\":\"enum\",\"name\":\"S\",\"symbols\":[" + stateSymbols + "]}}"
                + extraField + "]}");
    }

    @Test
    void backwardCatchesAWriterEnumSymbolTheReaderLacks() {
        // Regression: Avro's built-in canReadStrategy passes this change, and a reader then fails on old data.
        Schema old = record("\"UP\",\"DOWN\"", "");
        Schema renamed = record("\"UP\",\"OUTAGE\"", "");

        assertThatThrownBy(() -> CompatibilityLevel.BACKWARD.validator().validate(renamed, List.of(old)))
                .isInstanceOf(SchemaValidationException.class).hasRootCauseMessage("MISSING_ENUM_SYMBOLS at /fields/0/type/symbols: [DOWN]");
    }

    @Test
    void forwardAndFullCheckTheOtherDirection() throws SchemaValidationException {
        Schema old = record("\"UP\"", "");
        Schema withRequiredField = record("\"UP\"", ",{\"name\":\"n\",\"type\":\"int\"}");

        CompatibilityLevel.FORWARD.validator().validate(withRequiredField, List.of(old));
        assertThatThrownBy(() -> CompatibilityLevel.BACKWARD.validator().validate(withRequiredField, List.of(old)))
                .isInstanceOf(SchemaValidationException.class);
        assertThatThrownBy(() -> CompatibilityLevel.FULL.validator().validate(withRequiredField, List.of(old)))
                .isInstanceOf(SchemaValidationException.class);
        assertThat(CompatibilityLevel.NONE.validator()).isNull();
    }

    @Test
    void transitiveLevelsCheckEveryVersionAndOthersOnlyTheLatest() throws SchemaValidationException {
        Schema v1 = record("\"UP\"", ",{\"name\":\"n\",\"type\":\"int\"}");
        Schema v2 = record("\"UP\"", "");
        Schema v3 = record("\"UP\"", ",{\"name\":\"n\",\"type\":\"string\",\"default\":\"\"}");

        CompatibilityLevel.BACKWARD.validator().validate(v3, List.of(v2, v1));
        assertThatThrownBy(() -> CompatibilityLevel.BACKWARD_TRANSITIVE.validator().validate(v3, List.of(v2, v1)))
                .isInstanceOf(SchemaValidationException.class);
    }

    @Test
    void theInMemoryRegistryRejectsARenamedEnumSymbol() {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        registry.register("s", record("\"UP\",\"DOWN\"", ""));

        assertThatThrownBy(() -> registry.register("s", record("\"UP\",\"OUTAGE\"", "")))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(409));
    }
}
