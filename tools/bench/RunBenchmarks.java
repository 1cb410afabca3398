import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.openjdk.jmh.Main;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs JMH with the given command line in a module that has a benchmark the command line selects,
 * and does nothing (exit 0) in a module that has none: JMH itself exits 1 when nothing matches,
 * which would fail a multi-module {@code -Pbench} build in every module but the one with the
 * benchmark asked for. Selection is JMH's own (include and exclude patterns on
 * {@code class.method}), so a module runs exactly when JMH would find something to run there.
 *
 * <p>Started by the root pom's {@code bench} profile as a single-file program on the module's test
 * classpath: {@code java -cp <test classpath> tools/bench/RunBenchmarks.java <JMH arguments>}.
 */
public final class RunBenchmarks {
    private RunBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions options = new CommandLineOptions(args);
        boolean onlyListing = options.shouldHelp() || options.shouldList() || options.shouldListWithParams()
                || options.shouldListProfilers() || options.shouldListResultFormats();
        String module = System.getProperty("bench.module", "this module");
        if (RunBenchmarks.class.getClassLoader().getResource(BenchmarkList.BENCHMARK_LIST.substring(1)) == null) {
            System.out.println("[bench] " + module + " has no JMH benchmarks: nothing to run");
            return;
        }
        List<String> includes = new ArrayList<>(options.getIncludes());
        if (includes.isEmpty()) {
            includes.add(".*");
        }
        Set<BenchmarkListEntry> selected = BenchmarkList.defaultList().find(
                OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), includes, options.getExcludes());
        if (selected.isEmpty() && !onlyListing) {
            System.out.println("[bench] no benchmark of " + module + " matches " + includes + ": nothing to run here");
            return;
        }
        Main.main(args); // exits the JVM with JMH's own status
    }
}
