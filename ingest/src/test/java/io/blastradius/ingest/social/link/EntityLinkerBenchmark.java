package io.blastradius.ingest.social.link;

import io.blastradius.ingest.social.text.HtmlText;
import io.blastradius.ingest.social.text.PostText;
import java.util.ArrayList;
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
 * Posts per second through entity linking and complaint scoring, one thread, with the 313-service
 * test catalog plus the built-in provider lexicon (about 1,100 names in all).
 * <ul>
 *   <li>{@code labelled}: the 639 labelled posts in turn (dense in names and outage talk: the worst case);
 *   <li>{@code firehose}: what a public stream looks like, 95 % posts naming nothing in the catalog
 *       (made from ordinary sentences) and 5 % labelled posts;
 *   <li>{@code mastodonHtml}: HTML stripping, cleaning and capping, then linking, of Mastodon-style
 *       HTML bodies.
 * </ul>
 * Run: {@code mvn -B -pl ingest -am -Pbench -DskipTests test -Dbench=EntityLinkerBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class EntityLinkerBenchmark {
    private static final String[] CHATTER = {
        "just got back from the gym and I am exhausted", "anyone have a good recipe for banana bread?",
        "the sunset tonight was unreal, no filter", "hot take: pineapple belongs on pizza",
        "my cat knocked my coffee off the desk again", "reading a great book about the history of maps",
        "new blog post about async runtimes in Rust, link below", "who else is watching the game tonight",
        "finally finished the quarterly report, time for a weekend", "traffic on the bridge is terrible this morning",
        "thinking about learning the guitar this year", "the library near me has a new maker space",
        "can't believe it's already November", "drinking tea and listening to rain", "kids' soccer practice got cancelled",
        "what are you all reading this week?", "the farmers market had the best tomatoes", "slept 9 hours, feel like a new person",
        "took the dog to the beach, she loved it", "this song has been stuck in my head all day"};

    private List<String> labelled;
    private List<String> firehose;
    private List<String> html;
    private EntityLinker linker;
    private int i;

    @Setup(Level.Trial)
    public void setUp() {
        linker = EntityLinker.create(TestCatalog.services());
        labelled = new ArrayList<>();
        html = new ArrayList<>();
        for (String part : List.of("tuning", "heldout-a", "heldout-b")) {
            for (LabelledPost p : LabelledPost.load(part)) {
                labelled.add(p.plainText());
                html.add(p.html() ? p.text() : "<p>" + p.text().replace("&", "&amp;").replace("<", "&lt;") + "</p>");
            }
        }
        Random random = new Random(11);
        firehose = new ArrayList<>();
        for (int k = 0; k < 4096; k++) {
            if (random.nextInt(100) < 5) {
                firehose.add(labelled.get(random.nextInt(labelled.size())));
            } else {
                String a = CHATTER[random.nextInt(CHATTER.length)];
                String b = CHATTER[random.nextInt(CHATTER.length)];
                firehose.add(random.nextBoolean() ? a : a + ". " + b + " #life @friend https://example.org/p/" + k);
            }
        }
    }

    @Benchmark
    public Linking labelled() {
        i = (i + 1) % labelled.size();
        return linker.link(labelled.get(i));
    }

    @Benchmark
    public Linking firehose() {
        i = (i + 1) % firehose.size();
        return linker.link(firehose.get(i));
    }

    @Benchmark
    public Linking mastodonHtml() {
        i = (i + 1) % html.size();
        return linker.link(PostText.clean(HtmlText.toPlainText(html.get(i)), 2_000));
    }
}
