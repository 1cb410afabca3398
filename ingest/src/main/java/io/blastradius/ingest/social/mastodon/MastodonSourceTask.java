package io.blastradius.ingest.social.mastodon;

import io.blastradius.http.retry.Backoff;
import io.blastradius.ingest.connect.QueueingSourceTask;
import io.blastradius.ingest.http.HttpPoller;
import io.blastradius.ingest.social.SocialPost;
import io.blastradius.ingest.social.SocialSignals;
import io.blastradius.ingest.social.mastodon.MastodonStatusParser.MastodonFormatException;
import io.blastradius.ingest.social.stream.SseReader;
import io.blastradius.schemas.PostAction;
import io.blastradius.schemas.SocialSignal;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads each configured Mastodon feed on its own thread. With a token: catch up over REST from the
 * stored status id, then stream; on a dropped or silent stream, back off, catch up, stream again.
 * Without a token (or when the server refuses streaming): poll the REST timeline. REST requests carry
 * the token too, unless the server refused it. The stored offset per feed is the newest status id
 * read; statuses at or below it are never published twice.
 */
public final class MastodonSourceTask extends QueueingSourceTask<MastodonConfig> {
    private static final Logger log = LoggerFactory.getLogger(MastodonSourceTask.class);
    static final String LAST_ID = "last_id";

    private final Clock clock;
    private SocialSignals signals;
    private HttpPoller poller;
    private HttpClient streamClient;

    public MastodonSourceTask() {
        this(Clock.systemUTC());
    }

    MastodonSourceTask(Clock clock) {
        this.clock = clock;
    }

    @Override
    protected MastodonConfig parseConfig(Map<String, String> props) {
        return new MastodonConfig(props);
    }

    @Override
    protected void startReading(MastodonConfig config) {
        signals = config.signals(clock);
        poller = new HttpPoller(config.http());
        streamClient = HttpClient.newBuilder().connectTimeout(config.http().connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        MastodonStatusParser parser = new MastodonStatusParser(config.host());
        for (MastodonConfig.Feed feed : config.feeds()) {
            startReader(feed.name(), () -> new FeedReader(config, feed, parser).run());
        }
    }

    @Override
    protected void stopReading() {
        if (poller != null) {
            poller.close();
        }
    }

    /** One feed: its cursor, its stream and its timeline. */
    private final class FeedReader implements SseReader.Listener {
        private final MastodonConfig config;
        private final MastodonConfig.Feed feed;
        private final MastodonStatusParser parser;
        private final Map<String, String> partition;
        private MastodonTimeline timeline; // anonymous once the server refused the token
        private final MastodonStream stream;
        private final Backoff backoff;
        private String lastId;

        FeedReader(MastodonConfig config, MastodonConfig.Feed feed, MastodonStatusParser parser) {
            this.config = config;
            this.feed = feed;
            this.parser = parser;
            this.partition = Map.of("platform", MastodonStatusParser.PLATFORM, "instance", config.host(), "feed", feed.name());
            this.timeline = new MastodonTimeline(poller, feed.timeline(), config.maxPages(), config.accessToken());
            this.stream = new MastodonStream(streamClient, feed.stream(), config.accessToken(), config.http().userAgent(),
                    config.idleTimeout(), config.maxEventBytes());
            this.backoff = new Backoff(config.reconnectBackoffMin(), config.reconnectBackoffMax(), RandomGenerator.getDefault());
            Object stored = storedOffset(partition).get(LAST_ID);
            this.lastId = stored == null || stored.toString().isEmpty() ? null : stored.toString();
        }

        void run() throws InterruptedException {
            boolean streaming = config.accessToken() != null;
            int failures = 0;
            while (running()) {
                try {
                    if (!streaming || lastId != null) {
                        catchUp();
                    }
                    if (!streaming) {
                        failures = 0;
                        if (!pause(config.pollInterval())) {
                            return;
                        }
                        continue;
                    }
                    stream.run(this);
                    failures = 0;
                    log.info("{}: stream {} ended; reconnecting", stage(), feed.stream());
                    if (!pause(config.reconnectBackoffMin())) {
                        return;
                    }
                } catch (MastodonStreamRejected e) {
                    upstreamError("streaming " + feed.stream() + " refused (" + e.status + "); polling " + feed.timeline()
                            + " instead", e);
                    streaming = false;
                    if (e.status == 401 || e.status == 403) {
                        timeline = timeline.anonymous(); // the token itself was refused
                    }
                } catch (MastodonTimeline.TimelineFailure e) {
                    failures++;
                    upstreamError(e.getMessage(), e.getCause());
                    Duration wait = backoff.delay(failures);
                    if (!pause(e.retryIn != null && e.retryIn.compareTo(wait) > 0 ? e.retryIn : wait)) {
                        return;
                    }
                } catch (IOException e) {
                    failures++;
                    upstreamError("stream " + feed.stream(), e);
                    if (!pause(backoff.delay(failures))) {
                        return;
                    }
                }
            }
        }

        /** Reads the timeline forward from the cursor and publishes what is new. */
        private void catchUp() throws MastodonTimeline.TimelineFailure, InterruptedException {
            MastodonTimeline.Page page = timeline.newerThan(lastId);
            if (page.truncated()) {
                log.warn("{}: more than {} pages behind on {}; older posts were skipped", stage(), config.maxPages(),
                        feed.timeline());
            }
            for (var status : page.statuses()) {
                String id = status.path("id").asText("");
                if (id.isEmpty() || (lastId != null && MastodonTimeline.compareIds(id, lastId) <= 0)) {
                    continue;
                }
                lastId = id;
                try {
                    publish(parser.parse(status, PostAction.CREATE));
                } catch (MastodonFormatException e) {
                    deadLetter(partition, offset(), feed.timeline().toString(), status.toString().getBytes(StandardCharsets.UTF_8), e);
                }
            }
        }

        @Override
        public void event(String name, String data, String id) throws InterruptedException {
            try {
                switch (name) {
                    case "update" -> {
                        var status = MastodonStatusParser.read(data);
                        String statusId = status.path("id").asText("");
                        if (!statusId.isEmpty() && lastId != null && MastodonTimeline.compareIds(statusId, lastId) <= 0) {
                            return; // already read while catching up
                        }
                        Optional<SocialPost> post = parser.parse(status, PostAction.CREATE);
                        lastId = statusId;
                        publish(post);
                    }
                    case "status.update" -> publish(parser.parse(data, PostAction.EDIT));
                    case "delete" -> {
                        String statusId = data.strip();
                        if (statusId.isEmpty() || statusId.length() > 64) {
                            throw new MastodonFormatException("delete event without a status id", null);
                        }
                        publish(Optional.of(SocialPost.deletion(MastodonStatusParser.PLATFORM, parser.postId(statusId),
                                clock.instant(), null)));
                    }
                    default -> {
                        // notifications, filters_changed, announcements: not posts
                    }
                }
            } catch (MastodonFormatException e) {
                deadLetter(partition, offset(), feed.stream().toString(), data.getBytes(StandardCharsets.UTF_8), e);
            }
        }

        @Override
        public void oversized(String name, byte[] head, long size) throws InterruptedException {
            deadLetter(partition, offset(), feed.stream().toString(), head,
                    new MastodonFormatException("'" + name + "' event of " + size + " bytes is larger than "
                            + config.maxEventBytes() + " (" + MastodonConfig.MAX_EVENT_BYTES + ")", null));
        }

        private void publish(Optional<SocialPost> post) throws InterruptedException {
            if (post.isEmpty()) {
                return;
            }
            Optional<SocialSignal> signal = signals.toSignal(post.get());
            if (signal.isPresent()) {
                SocialSignal s = signal.get();
                emit(record(partition, offset(), s.getPostId(), s, s.getCreatedAt()));
            }
        }

        private Map<String, String> offset() {
            return Map.of(LAST_ID, lastId == null ? "" : lastId);
        }
    }
}
