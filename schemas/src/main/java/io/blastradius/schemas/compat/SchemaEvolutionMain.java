package io.blastradius.schemas.compat;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Command line of the schema evolution check, run by the schemas build at {@code process-classes}
 * (so {@code -DskipTests} does not skip it):
 *
 * <pre>
 * check   --schemas src/main/avro --history src/main/avro-history   exit 1 on any incompatible change
 * release --schemas src/main/avro --history src/main/avro-history   add changed schemas as new versions
 * </pre>
 *
 * From the repository root: {@code mvn -B -pl schemas compile exec:exec@release-schemas} releases.
 * Exit codes: 0 fine, 1 incompatible schemas, 2 bad usage or unreadable files.
 */
public final class SchemaEvolutionMain {

    private SchemaEvolutionMain() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs one command; returns the process exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 5 || !"--schemas".equals(args[1]) || !"--history".equals(args[3])
                || !List.of("check", "release").contains(args[0])) {
            err.println("usage: (check|release) --schemas <dir of .avsc> --history <dir of released versions>");
            return 2;
        }
        Path schemasDir = Path.of(args[2]);
        SchemaHistory history = new SchemaHistory(Path.of(args[4]));
        Map<String, Schema> current;
        try {
            current = SchemaSources.load(schemasDir);
            if ("check".equals(args[0])) {
                return check(current, history, out, err);
            }
            return release(current, history, out, err);
        } catch (IllegalStateException e) {
            err.println("schema evolution check failed: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("schema evolution check cannot run: " + e.getMessage());
            return 2;
        }
    }

    private static int check(Map<String, Schema> current, SchemaHistory history, PrintStream out, PrintStream err) {
        Map<String, List<SchemaHistory.Release>> released = history.load();
        List<EvolutionCheck.Violation> violations = EvolutionCheck.check(current, released);
        if (!violations.isEmpty()) {
            err.println("schema evolution check failed (" + EvolutionCheck.LEVEL + " against " + history.root() + "):");
            violations.forEach(v -> err.println("  " + v));
            err.println("Make the change compatible (e.g. give a new field a default). Released versions are never edited.");
            return 1;
        }
        long unreleased = current.keySet().stream().filter(name -> !released.containsKey(name)).count();
        out.println("schema evolution check: " + current.size() + " schema(s) are " + EvolutionCheck.LEVEL
                + " compatible with their released history" + (unreleased == 0 ? "" : "; " + unreleased
                + " never released: " + current.keySet().stream().filter(n -> !released.containsKey(n)).toList()));
        return 0;
    }

    private static int release(Map<String, Schema> current, SchemaHistory history, PrintStream out, PrintStream err) {
        List<SchemaHistory.Release> written = EvolutionCheck.release(current, history);
        if (written.isEmpty()) {
            out.println("every schema is already released; nothing written");
        }
        written.forEach(r -> out.println("released " + r.fullName() + " v" + r.version() + " -> " + r.file()));
        return 0;
    }
}
