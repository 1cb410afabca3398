package io.blastradius.ingest.social.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blastradius.ingest.http.ExpectedBody;
import io.blastradius.ingest.http.FetchResult;
import io.blastradius.ingest.http.HttpPoller;
import io.blastradius.ingest.http.PollTarget;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The REST side of a Mastodon stream: {@code /api/v1/timelines/public} or
 * {@code /api/v1/timelines/tag/:tag}, read forward from a status id with {@code min_id} and the
 * {@code Link rel="prev"} header (newer pages without gaps). Used to fill the gap after a restart or a
 * dropped stream, and as the whole feed when streaming is not allowed.
 */
final class MastodonTimeline {
    static final int PAGE_LIMIT = 40;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Statuses read, oldest first, and whether the read stopped at the page cap before catching up. */
    record Page(List<JsonNode> statuses, boolean truncated) {
    }

    /** A request that brought no usable page; {@code retryIn} is the poller's backoff or Retry-After. */
    static final class TimelineFailure extends IOException {
        private static final long serialVersionUID = 1L;
        final transient Duration retryIn;

        TimelineFailure(String message, Duration retryIn, Throwable cause) {
            super(message, cause);
            this.retryIn = retryIn;
        }
    }

    private final HttpPoller poller;
    private final URI timeline;
    private final int maxPages;
    private final String authorization;

    /** @param accessToken sent as a bearer token (servers may close public timelines to anonymous readers), or null */
    MastodonTimeline(HttpPoller poller, URI timeline, int maxPages, String accessToken) {
        this.poller = poller;
        this.timeline = timeline;
        this.maxPages = maxPages;
        this.authorization = accessToken == null ? null : "Bearer " + accessToken;
    }

    /** The same timeline read anonymously. */
    MastodonTimeline anonymous() {
        return new MastodonTimeline(poller, timeline, maxPages, null);
    }

    URI uri() {
        return timeline;
    }

    /** Statuses newer than {@code minId}, oldest first; the latest page when {@code minId} is null. */
    Page newerThan(String minId) throws TimelineFailure {
        URI next = withQuery(timeline, "limit=" + PAGE_LIMIT + (minId == null ? "" : "&min_id=" + minId));
        List<JsonNode> all = new ArrayList<>();
        for (int page = 0; page < maxPages; page++) {
            FetchResult result = poller.fetch(new PollTarget("mastodon:" + timeline, next, Duration.ofSeconds(1), ExpectedBody.JSON,
                    authorization));
            if (result instanceof FetchResult.Failed failed) {
                throw new TimelineFailure("GET " + next + ": " + failed.kind() + " " + failed.detail(), failed.retryIn(), null);
            }
            if (!(result instanceof FetchResult.Fetched fetched)) {
                break; // 304: nothing new
            }
            JsonNode array;
            try {
                array = JSON.readTree(fetched.text());
            } catch (IOException e) {
                throw new TimelineFailure("GET " + next + ": body is not JSON", Duration.ofSeconds(30), e);
            }
            if (!array.isArray()) {
                throw new TimelineFailure("GET " + next + ": expected a JSON array of statuses", Duration.ofSeconds(30), null);
            }
            if (array.isEmpty()) {
                break;
            }
            array.forEach(all::add);
            if (minId == null) {
                break; // no cursor yet: the latest page sets one
            }
            String prev = link(fetched.headers().firstValue("Link").orElse(null), "prev");
            if (prev == null) {
                break;
            }
            next = URI.create(prev);
            if (page == maxPages - 1) {
                all.sort(BY_ID);
                return new Page(all, true);
            }
        }
        all.sort(BY_ID);
        return new Page(all, false);
    }

    /** Mastodon ids are numeric strings, time-ordered: shorter is older, then by text. */
    static int compareIds(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

    private static final Comparator<JsonNode> BY_ID = (x, y) -> compareIds(x.path("id").asText(), y.path("id").asText());

    /** The URL with {@code rel} in a {@code Link} header, or null. */
    static String link(String header, String rel) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(",")) {
            int open = part.indexOf('<');
            int close = part.indexOf('>', open + 1);
            if (open < 0 || close < 0) {
                continue;
            }
            String params = part.substring(close + 1).toLowerCase(Locale.ROOT).replace(" ", "");
            if (params.contains("rel=\"" + rel + "\"") || params.contains("rel=" + rel)) {
                return part.substring(open + 1, close).strip();
            }
        }
        return null;
    }

    private static URI withQuery(URI base, String query) {
        String s = base.toString();
        return URI.create(s + (s.contains("?") ? "&" : "?") + query);
    }
}
