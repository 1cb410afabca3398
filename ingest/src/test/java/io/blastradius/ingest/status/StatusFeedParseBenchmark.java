package io.blastradius.ingest.status;

import io.blastradius.ingest.status.aws.AwsCurrentEventsParser;
import io.blastradius.ingest.status.aws.AwsHealthRssParser;
import io.blastradius.ingest.status.aws.AwsScopes;
import io.blastradius.ingest.status.azure.AzureScopes;
import io.blastradius.ingest.status.azure.AzureStatusRssParser;
import io.blastradius.ingest.status.gcp.GcpIncidentsParser;
import io.blastradius.ingest.status.gcp.GcpScopes;
import io.blastradius.ingest.status.statuspage.ComponentMapping;
import io.blastradius.ingest.status.statuspage.StatuspagePage;
import io.blastradius.ingest.status.statuspage.StatuspageParser;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parse throughput of the status-feed parsers on payloads of realistic size, and the cost of the
 * offset bookkeeping. Run: {@code mvn -B -pl ingest -am -Pbench -DskipTests test -Dbench=StatusFeedParseBenchmark}.
 *
 * <ul>
 *   <li>{@code statuspageIncidents}: an incidents.json at the API's cap, 50 incidents of 6 updates with
 *       2 affected components each (~200 KB);</li>
 *   <li>{@code gcpHistoryFile}: a 600-incident incidents.json (~1.2 MB) as Google keeps it, whole and
 *       with all but the last week history (incidents skipped before their updates are read);</li>
 *   <li>{@code awsCurrentEvents}, {@code awsRss}, {@code azureRss}: the fixtures;</li>
 *   <li>{@code encodeOffset}: one source offset of a feed remembering 5,000 items.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class StatusFeedParseBenchmark {
    static final Instant NOW = Instant.parse("2026-03-14T17:00:00Z");

    private final ParseContext all = new ParseContext(NOW, Instant.EPOCH);
    private final ParseContext week = new ParseContext(NOW, NOW.minus(Duration.ofDays(7)));
    private StatuspageParser statuspage;
    private GcpIncidentsParser gcp;
    private AwsCurrentEventsParser awsEvents;
    private AwsHealthRssParser awsRss;
    private AzureStatusRssParser azure;
    private String statuspageIncidents;
    private String gcpHistory;
    private String awsCurrent;
    private String awsFeed;
    private String azureFeed;
    private SeenSet seen;

    @Setup
    public void setUp() {
        statuspage = new StatuspageParser(new StatuspagePage("bench", URI.create("https://status.example.com"),
                Subject.parse("github"), ComponentMapping.parse("API*=github;Git*=github")));
        gcp = new GcpIncidentsParser(GcpScopes.defaults());
        awsEvents = new AwsCurrentEventsParser(AwsScopes.defaults());
        awsRss = new AwsHealthRssParser("ec2-us-east-1", AwsScopes.defaults());
        azure = new AzureStatusRssParser(AzureScopes.defaults());
        statuspageIncidents = statuspageIncidents(50, 6);
        gcpHistory = gcpHistory(600);
        awsCurrent = Fixtures.text("aws-health-currentevents.json");
        awsFeed = Fixtures.text("aws-health-rss.xml");
        azureFeed = Fixtures.text("azure-status-rss.xml");
        seen = new SeenSet(20_000);
        Random r = new Random(1);
        for (int i = 0; i < 5_000; i++) {
            seen.add(r.nextLong(), NOW);
        }
    }

    static String statuspageIncidents(int incidents, int updates) {
        StringBuilder b = new StringBuilder("{\"page\":{\"id\":\"kctbh9vrtdwd\",\"name\":\"GitHub\",\"url\":"
                + "\"https://www.githubstatus.com\",\"time_zone\":\"Etc/UTC\",\"updated_at\":\"2026-03-14T09:42:11.518-07:00\"},"
                + "\"incidents\":[");
        for (int i = 0; i < incidents; i++) {
            b.append(i == 0 ? "" : ",").append("{\"id\":\"inc").append(i).append("\",\"name\":\"Degraded performance for ")
                    .append("Git Operations ").append(i).append("\",\"status\":\"resolved\",\"created_at\":\"2026-03-")
                    .append(String.format("%02d", 1 + i % 28)).append("T03:11:09.551-08:00\",\"updated_at\":")
                    .append("\"2026-03-02T05:47:30.902-08:00\",\"impact\":\"minor\",\"shortlink\":\"https://stspg.io/x")
                    .append(i).append("\",\"page_id\":\"kctbh9vrtdwd\",\"incident_updates\":[");
            for (int u = 0; u < updates; u++) {
                b.append(u == 0 ? "" : ",").append("{\"id\":\"upd").append(i).append('_').append(u)
                        .append("\",\"status\":\"").append(u == 0 ? "resolved" : "investigating")
                        .append("\",\"body\":\"We are investigating reports of degraded performance for Git Operations. ")
                        .append("Customers may see elevated error rates when pushing.\\r\\nWe will update.\",")
                        .append("\"incident_id\":\"inc").append(i).append("\",\"created_at\":\"2026-03-02T0")
                        .append(u).append(":11:09.720-08:00\",\"updated_at\":\"2026-03-02T0").append(u)
                        .append(":35:44.118-08:00\",\"display_at\":\"2026-03-02T0").append(u)
                        .append(":11:09.720-08:00\",\"affected_components\":[{\"code\":\"c1\",\"name\":\"Git Operations\","
                                + "\"old_status\":\"operational\",\"new_status\":\"degraded_performance\"},{\"code\":\"c2\","
                                + "\"name\":\"API Requests\",\"old_status\":\"operational\",\"new_status\":\"partial_outage\"}],"
                                + "\"deliver_notifications\":true,\"custom_tweet\":null,\"tweet_id\":null}");
            }
            b.append("],\"components\":[]}");
        }
        return b.append("]}").toString();
    }

    static String gcpHistory(int incidents) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < incidents; i++) {
            Instant begin = NOW.minus(Duration.ofDays(i * 2L));
            b.append(i == 0 ? "" : ",").append("{\"id\":\"gcp").append(i).append("\",\"number\":\"1291847365021884")
                    .append(3127 + i).append("\",\"begin\":\"").append(begin).append("\",\"created\":\"").append(begin)
                    .append("\",\"end\":\"").append(begin.plusSeconds(7200)).append("\",\"modified\":\"")
                    .append(begin.plusSeconds(7300)).append("\",\"external_desc\":\"Cloud Run deployments failing\",")
                    .append("\"updates\":[");
            for (int u = 0; u < 3; u++) {
                Instant when = begin.plusSeconds(u * 1800L);
                b.append(u == 0 ? "" : ",").append("{\"created\":\"").append(when).append("\",\"modified\":\"")
                        .append(when.plusSeconds(5)).append("\",\"when\":\"").append(when).append("\",\"text\":\"Summary: ")
                        .append("Cloud Run deployments failing\\nDescription: Mitigation work is underway. Our engineers ")
                        .append("have rolled back a recent configuration change.\\nDiagnosis: Customers may see failures.")
                        .append("\\nWorkaround: Retry.\",\"status\":\"").append(u == 2 ? "AVAILABLE" : "SERVICE_DISRUPTION")
                        .append("\",\"affected_locations\":[{\"title\":\"Iowa (us-central1)\",\"id\":\"us-central1\"},")
                        .append("{\"title\":\"Belgium (europe-west1)\",\"id\":\"europe-west1\"}]}");
            }
            b.append("],\"status_impact\":\"SERVICE_DISRUPTION\",\"severity\":\"medium\",\"service_key\":\"k\",")
                    .append("\"service_name\":\"Cloud Run\",\"affected_products\":[{\"title\":\"Cloud Run\",\"id\":\"k\"}],")
                    .append("\"uri\":\"incidents/gcp").append(i).append("\",\"currently_affected_locations\":[],")
                    .append("\"previously_affected_locations\":[{\"title\":\"Iowa (us-central1)\",\"id\":\"us-central1\"}]}");
        }
        return b.append("]").toString();
    }

    @Benchmark
    public ParseResult statuspageIncidents() throws FeedFormatException {
        return statuspage.parse(statuspageIncidents, all);
    }

    @Benchmark
    public ParseResult gcpHistoryFileWithLookback() throws FeedFormatException {
        return gcp.parse(gcpHistory, week);
    }

    @Benchmark
    public ParseResult gcpHistoryFileWhole() throws FeedFormatException {
        return gcp.parse(gcpHistory, all);
    }

    @Benchmark
    public ParseResult awsCurrentEvents() throws FeedFormatException {
        return awsEvents.parse(awsCurrent, all);
    }

    @Benchmark
    public ParseResult awsRss() throws FeedFormatException {
        return awsRss.parse(awsFeed, all);
    }

    @Benchmark
    public ParseResult azureRss() throws FeedFormatException {
        return azure.parse(azureFeed, all);
    }

    @Benchmark
    public String encodeOffset() {
        return seen.encode();
    }

    /** Prints payload sizes and event counts, to turn payloads/s into events/s and MB/s. */
    public static void main(String[] args) throws Exception {
        StatusFeedParseBenchmark b = new StatusFeedParseBenchmark();
        b.setUp();
        System.out.printf("statuspage incidents.json: %d bytes, %d events%n", b.statuspageIncidents.length(),
                b.statuspageIncidents().events().size());
        System.out.printf("gcp incidents.json: %d bytes, %d events whole, %d within 7 days%n", b.gcpHistory.length(),
                b.gcpHistoryFileWhole().events().size(), b.gcpHistoryFileWithLookback().events().size());
        System.out.printf("offset of 5000 items: %d chars%n", b.encodeOffset().length());
    }
}
