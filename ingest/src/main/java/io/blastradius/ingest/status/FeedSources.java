package io.blastradius.ingest.status;

import io.blastradius.ingest.http.ExpectedBody;
import io.blastradius.ingest.http.PollTarget;
import io.blastradius.ingest.status.aws.AwsCurrentEventsParser;
import io.blastradius.ingest.status.aws.AwsHealthRssParser;
import io.blastradius.ingest.status.aws.AwsScopes;
import io.blastradius.ingest.status.azure.AzureScopes;
import io.blastradius.ingest.status.azure.AzureStatusRssParser;
import io.blastradius.ingest.status.gcp.GcpIncidentsParser;
import io.blastradius.ingest.status.gcp.GcpScopes;
import io.blastradius.ingest.status.statuspage.StatuspagePage;
import io.blastradius.ingest.status.statuspage.StatuspageParser;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Builds the feed sources of each status-feed family with their names (the Connect source
 * partitions, so renaming one loses its offsets), endpoints and parsers.
 */
public final class FeedSources {
    private FeedSources() {
    }

    /** One Statuspage page: {@code summary.json} and {@code incidents.json}, one memory of emitted items. */
    public static FeedSource statuspage(StatuspagePage page, Duration interval) {
        String name = "statuspage:" + page.key();
        StatuspageParser parser = new StatuspageParser(page);
        return new FeedSource(name, "ingest/statuspage", List.of(
                new FeedSource.Endpoint(new PollTarget(name + "/summary", page.summaryUrl(), interval, ExpectedBody.JSON),
                        parser),
                new FeedSource.Endpoint(new PollTarget(name + "/incidents", page.incidentsUrl(), interval,
                        ExpectedBody.JSON), parser)));
    }

    /** AWS Health's current-events JSON endpoint. */
    public static FeedSource awsCurrentEvents(URI uri, Duration interval, AwsScopes scopes) {
        String name = "aws-health:currentevents";
        return new FeedSource(name, "ingest/aws-health", List.of(new FeedSource.Endpoint(
                new PollTarget(name, uri, interval, ExpectedBody.JSON), new AwsCurrentEventsParser(scopes))));
    }

    /** One AWS Health RSS feed; {@code feedKey} is its service-region key ({@code ec2-us-east-1}), null for all.rss. */
    public static FeedSource awsRss(String feedKey, URI uri, Duration interval, AwsScopes scopes) {
        String name = "aws-health:rss:" + (feedKey == null ? "all" : feedKey);
        return new FeedSource(name, "ingest/aws-health", List.of(new FeedSource.Endpoint(
                new PollTarget(name, uri, interval, ExpectedBody.XML), new AwsHealthRssParser(feedKey, scopes))));
    }

    /** Google Cloud's incidents.json. */
    public static FeedSource gcp(URI uri, Duration interval, GcpScopes scopes) {
        String name = "gcp-status";
        return new FeedSource(name, "ingest/gcp-status", List.of(new FeedSource.Endpoint(
                new PollTarget(name, uri, interval, ExpectedBody.JSON), new GcpIncidentsParser(scopes))));
    }

    /** The Azure status RSS feed. */
    public static FeedSource azure(URI uri, Duration interval, AzureScopes scopes) {
        String name = "azure-status";
        return new FeedSource(name, "ingest/azure-status", List.of(new FeedSource.Endpoint(
                new PollTarget(name, uri, interval, ExpectedBody.XML), new AzureStatusRssParser(scopes))));
    }
}
