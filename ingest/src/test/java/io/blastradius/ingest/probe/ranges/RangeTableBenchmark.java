package io.blastradius.ingest.probe.ranges;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lookups per second over full real-size tables (AWS about 10,000 prefixes, Azure about 60,000,
 * Google, Oracle, DigitalOcean, Cloudflare; see {@link RealSizeRanges}). Addresses are 80 % inside
 * a published prefix and 20 % anywhere, cycling through 64 Ki of them so the branch predictor
 * cannot learn one path. Run: {@code mvn -B -pl ingest -am -Pbench -DskipTests test
 * -Dbench=RangeTableBenchmark -Dbench.args="-prof gc"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class RangeTableBenchmark {
    private static final int N = 1 << 16;

    private List<RangeEntry> entries;
    private RangeTable table;
    private int[] v4;
    private long[] v6High;
    private long[] v6Low;
    private String[] v4Text;
    private String[] v6Text;
    private int i;

    @Setup(Level.Trial)
    public void setUp() {
        entries = RealSizeRanges.entries(42);
        table = RangeTable.build(entries);
        List<RangeEntry> v4Entries = entries.stream().filter(e -> e.cidr().v4()).toList();
        List<RangeEntry> v6Entries = entries.stream().filter(e -> !e.cidr().v4()).toList();
        Random random = new Random(7);
        v4 = new int[N];
        v6High = new long[N];
        v6Low = new long[N];
        v4Text = new String[N];
        v6Text = new String[N];
        for (int k = 0; k < N; k++) {
            if (random.nextInt(5) == 0) {
                v4[k] = random.nextInt();
                v6High[k] = 0x2000_0000_0000_0000L | (random.nextLong() >>> 4);
                v6Low[k] = random.nextLong();
            } else {
                Cidr c = v4Entries.get(random.nextInt(v4Entries.size())).cidr();
                v4[k] = (int) (c.low() | (random.nextLong() & ~Cidr.maskV4(c.length()) & 0xFFFF_FFFFL));
                Cidr c6 = v6Entries.get(random.nextInt(v6Entries.size())).cidr();
                v6High[k] = c6.high() | (random.nextLong() & ~Cidr.maskHigh(c6.length()));
                v6Low[k] = c6.low() | (random.nextLong() & ~Cidr.maskLow(c6.length()));
            }
            v4Text[k] = Cidr.formatV4(v4[k] & 0xFFFF_FFFFL);
            v6Text[k] = Cidr.formatV6(v6High[k], v6Low[k]);
        }
        System.out.printf("%ntable: %d IPv4 + %d IPv6 prefixes, %d intervals%n", table.v4PrefixCount(),
                table.v6PrefixCount(), table.intervalCount());
    }

    @Benchmark
    public Attribution lookupV4() {
        return table.lookupV4(v4[i++ & (N - 1)]);
    }

    @Benchmark
    public Attribution lookupV6() {
        int k = i++ & (N - 1);
        return table.lookupV6(v6High[k], v6Low[k]);
    }

    @Benchmark
    public Attribution lookupV4Text() {
        return table.lookup(v4Text[i++ & (N - 1)]);
    }

    @Benchmark
    public Attribution lookupV6Text() {
        return table.lookup(v6Text[i++ & (N - 1)]);
    }

    /** Building the whole table from parsed entries: what a refresh costs on the refresh thread. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 3, time = 2)
    public RangeTable buildFullTable() {
        return RangeTable.build(entries);
    }
}
