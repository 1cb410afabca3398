package io.blastradius.schemas.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvolutionCheckTest {
    private static final String V1 = """
            {"type": "record", "name": "Rec", "namespace": "io.example", "fields": [
              {"name": "id", "type": "string"},
              {"name": "count", "type": "int"},
              {"name": "state", "type": {"type": "enum", "name": "State", "symbols": ["UP", "DOWN"]}},
              {"name": "note", "type": ["null", "string"], "default": null}
            ]}""";

    @TempDir
    Path dir;

    private Path schemas() throws IOException {
        return Files.createDirectories(dir.resolve("avro"));
    }

    private Path historyRoot() {
        return dir.resolve("avro-history");
    }

    /** Releases {@code v1} as the history, then makes {@code current} the current schema. */
    private List<EvolutionCheck.Violation> checkChange(String v1, String current) throws IOException {
        Files.writeString(schemas().resolve("Rec.avsc"), v1);
        EvolutionCheck.release(SchemaSources.load(schemas()), new SchemaHistory(historyRoot()));
        Files.writeString(schemas().resolve("Rec.avsc"), current);
        return EvolutionCheck.check(SchemaSources.load(schemas()), new SchemaHistory(historyRoot()).load());
    }

    @Test
    void theRepositorysSchemasAreCompatibleWithTheirReleasedHistory() {
        Map<String, Schema> current = SchemaSources.load(Path.of("src/main/avro"));
        Map<String, List<SchemaHistory.Release>> history = new SchemaHistory(Path.of("src/main/avro-history")).load();

        assertThat(history.keySet()).containsAll(List.of("io.blastradius.schemas.StatusEvent",
                "io.blastradius.schemas.ProbeResult", "io.blastradius.schemas.Outage", "io.blastradius.schemas.DeadLetter"));
        assertThat(history.keySet()).isEqualTo(current.keySet());
        assertThat(EvolutionCheck.check(current, history)).isEmpty();
    }

    @Test
    void aFieldAddedWithoutDefaultIsCaughtNamingSchemaVersionAndReason() throws IOException {
        List<EvolutionCheck.Violation> violations = checkChange(V1,
                V1.replace("{\"name\": \"id\", \"type\": \"string\"},",
                        "{\"name\": \"id\", \"type\": \"string\"}, {\"name\": \"region\", \"type\": \"string\"},"));

        assertThat(violations).hasSize(1);
        String message = violations.get(0).toString();
        assertThat(message).contains("io.example.Rec", "BACKWARD_TRANSITIVE", "released v1",
                "READER_FIELD_MISSING_DEFAULT_VALUE", "region");
    }

    @Test
    void aFieldTypeChangeIsCaught() throws IOException {
        List<EvolutionCheck.Violation> violations = checkChange(V1,
                V1.replace("{\"name\": \"count\", \"type\": \"int\"}", "{\"name\": \"count\", \"type\": \"string\"}"));

        assertThat(violations).singleElement().asString().contains("TYPE_MISMATCH", "/fields/1/type");
    }

    @Test
    void aRenamedEnumSymbolWithoutEnumDefaultIsCaught() throws IOException {
        List<EvolutionCheck.Violation> violations = checkChange(V1, V1.replace("\"DOWN\"", "\"OUTAGE\""));

        assertThat(violations).singleElement().asString().contains("MISSING_ENUM_SYMBOLS", "DOWN");
    }

    @Test
    void aRenamedEnumSymbolIsAcceptedWhenTheEnumHasADefault() throws IOException {
        String withDefault = V1.replace("\"symbols\": [\"UP\", \"DOWN\"]}", "\"symbols\": [\"UP\", \"DOWN\"], \"default\": \"UP\"}");
        assertThat(checkChange(withDefault, withDefault.replace("\"DOWN\"", "\"OUTAGE\""))).isEmpty();
    }

    @Test
    void aFieldMadeRequiredFromOptionalIsCaught() throws IOException {
        List<EvolutionCheck.Violation> violations = checkChange(V1,
                V1.replace("{\"name\": \"note\", \"type\": [\"null\", \"string\"], \"default\": null}",
                        "{\"name\": \"note\", \"type\": \"string\", \"default\": \"\"}"));

        assertThat(violations).singleElement().asString().contains("io.example.Rec", "note");
    }

    @Test
    void aFieldAddedWithDefaultPasses() throws IOException {
        assertThat(checkChange(V1, V1.replace("{\"name\": \"id\", \"type\": \"string\"},",
                "{\"name\": \"id\", \"type\": \"string\"}, {\"name\": \"region\", \"type\": \"string\", \"default\": \"global\"},")))
                .isEmpty();
    }

    @Test
    void wideningAndAddingEnumSymbolsPass() throws IOException {
        assertThat(checkChange(V1, V1.replace("{\"name\": \"count\", \"type\": \"int\"}", "{\"name\": \"count\", \"type\": \"long\"}")
                .replace("\"DOWN\"]", "\"DOWN\", \"DEGRADED\"]"))).isEmpty();
    }

    @Test
    void aRemovedFieldPassesBecauseANewReaderIgnoresIt() throws IOException {
        // BACKWARD(_TRANSITIVE) only asks that the new schema reads old data; a reader skips fields it lacks.
        assertThat(checkChange(V1, V1.replace("{\"name\": \"count\", \"type\": \"int\"},", ""))).isEmpty();
    }

    @Test
    void aChangeCompatibleWithTheLatestButNotWithAnOlderReleaseIsCaught() throws IOException {
        String v2 = V1.replace("{\"name\": \"count\", \"type\": \"int\"},", "");
        Files.writeString(schemas().resolve("Rec.avsc"), V1);
        EvolutionCheck.release(SchemaSources.load(schemas()), new SchemaHistory(historyRoot()));
        Files.writeString(schemas().resolve("Rec.avsc"), v2);
        EvolutionCheck.release(SchemaSources.load(schemas()), new SchemaHistory(historyRoot()));
        // Back with another type: fine for v2 data (the default fills it), not for v1 data (an int there).
        Files.writeString(schemas().resolve("Rec.avsc"), V1.replace("{\"name\": \"count\", \"type\": \"int\"}",
                "{\"name\": \"count\", \"type\": \"string\", \"default\": \"\"}"));

        List<EvolutionCheck.Violation> violations =
                EvolutionCheck.check(SchemaSources.load(schemas()), new SchemaHistory(historyRoot()).load());

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.version()).isEqualTo(1);
            assertThat(v.toString()).contains("released v1", "TYPE_MISMATCH");
        });
    }

    @Test
    void aReleasedSchemaThatDisappearsIsCaught() throws IOException {
        Files.writeString(schemas().resolve("Rec.avsc"), V1);
        EvolutionCheck.release(SchemaSources.load(schemas()), new SchemaHistory(historyRoot()));
        Files.writeString(schemas().resolve("Rec.avsc"), V1.replace("\"Rec\"", "\"Other\""));

        assertThat(EvolutionCheck.check(SchemaSources.load(schemas()), new SchemaHistory(historyRoot()).load()))
                .singleElement().asString().contains("io.example.Rec", "no longer defined");
    }

    @Test
    void releaseAddsAVersionOnlyForChangedSchemasAndRefusesIncompatibleOnes() throws IOException {
        Files.writeString(schemas().resolve("Rec.avsc"), V1);
        SchemaHistory history = new SchemaHistory(historyRoot());
        assertThat(EvolutionCheck.release(SchemaSources.load(schemas()), history)).hasSize(1);
        assertThat(EvolutionCheck.release(SchemaSources.load(schemas()), history)).isEmpty();

        Files.writeString(schemas().resolve("Rec.avsc"), V1.replace("\"note\", \"type\"", "\"note\", \"doc\": \"free text\", \"type\""));
        assertThat(EvolutionCheck.release(SchemaSources.load(schemas()), history))
                .singleElement().satisfies(r -> assertThat(r.version()).isEqualTo(2));
        assertThat(historyRoot().resolve("io.example.Rec/v2.avsc")).exists();

        Files.writeString(schemas().resolve("Rec.avsc"), V1.replace("\"int\"", "\"string\""));
        assertThatThrownBy(() -> EvolutionCheck.release(SchemaSources.load(schemas()), history))
                .hasMessageContaining("refusing to release").hasMessageContaining("TYPE_MISMATCH");
        assertThat(historyRoot().resolve("io.example.Rec/v3.avsc")).doesNotExist();
    }

    @Test
    void schemasSplitAcrossFilesAreResolvedInAnyOrder() throws IOException {
        // "A" refers to a type that a file sorted after it defines, as the Avro Maven plugin allows with imports.
        Files.writeString(schemas().resolve("A.avsc"), """
                {"type": "record", "name": "A", "namespace": "io.example", "fields": [{"name": "b", "type": "B"}]}""");
        Files.writeString(schemas().resolve("B.avsc"), """
                {"type": "enum", "name": "B", "namespace": "io.example", "symbols": ["X"]}""");

        Map<String, Schema> loaded = SchemaSources.load(schemas());

        assertThat(loaded).containsOnlyKeys("io.example.A", "io.example.B");
        assertThat(loaded.get("io.example.A").getField("b").schema().getType()).isEqualTo(Schema.Type.ENUM);
    }

    @Test
    void theCheckerProcessExitsNonZeroWithTheReasonSoTheBuildFails() throws Exception {
        checkChange(V1, V1.replace("\"int\"", "\"string\""));
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SchemaEvolutionMain.class.getName(), "check",
                "--schemas", schemas().toString(), "--history", historyRoot().toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isEqualTo(1);
        assertThat(output).contains("schema evolution check failed", "io.example.Rec", "released v1", "TYPE_MISMATCH");
    }

    @Test
    void theCheckerExitsZeroWhenCompatibleAndTwoOnBadUsage() throws IOException {
        Files.writeString(schemas().resolve("Rec.avsc"), V1);
        EvolutionCheck.release(SchemaSources.load(schemas()), new SchemaHistory(historyRoot()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

        assertThat(SchemaEvolutionMain.run(new String[] {"check", "--schemas", schemas().toString(), "--history",
                historyRoot().toString()}, print, print)).isZero();
        assertThat(SchemaEvolutionMain.run(new String[] {"check"}, print, print)).isEqualTo(2);
        assertThat(SchemaEvolutionMain.run(new String[] {"check", "--schemas", dir.resolve("missing").toString(),
                "--history", historyRoot().toString()}, print, print)).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 schema(s) are BACKWARD_TRANSITIVE compatible",
                "usage:", "does not exist");
    }

    @Test
    void theSchemasBuildRunsTheCheckAtProcessClassesOnTheRealHistory() throws IOException {
        // Guards the wiring: -DskipTests skips test phases, not process-classes.
        String pom = Files.readString(Path.of("pom.xml"));
        int execution = pom.indexOf("<id>check-schema-evolution</id>");
        assertThat(execution).isPositive();
        String block = pom.substring(execution, pom.indexOf("</execution>", execution));

        assertThat(block).contains("<phase>process-classes</phase>", "<goal>exec</goal>",
                SchemaEvolutionMain.class.getName(), "<argument>check</argument>",
                "${project.basedir}/src/main/avro</argument>", "${project.basedir}/src/main/avro-history</argument>");
    }
}
