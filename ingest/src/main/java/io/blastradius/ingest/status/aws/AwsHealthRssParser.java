package io.blastradius.ingest.status.aws;

import io.blastradius.ingest.status.EventDraft;
import io.blastradius.ingest.status.FeedFormatException;
import io.blastradius.ingest.status.FeedParser;
import io.blastradius.ingest.status.FeedTime;
import io.blastradius.ingest.status.LenientTime;
import io.blastradius.ingest.status.ParseContext;
import io.blastradius.ingest.status.ParseResult;
import io.blastradius.ingest.status.ParseResult.RejectedItem;
import io.blastradius.ingest.status.Subject;
import io.blastradius.ingest.status.Xml;
import io.blastradius.schemas.ComponentStatus;
import io.blastradius.ingest.status.FeedEvent;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Reads the AWS Health Dashboard's legacy RSS feeds, one per service and region
 * ({@code ec2-us-east-1.rss}), per global service ({@code cloudfront.rss}) or all at once
 * ({@code all.rss}). Each item is one update; its identity is the {@code guid}
 * ({@code ...#ec2-us-east-1_1773318291}), which also names the service-region and the update's epoch
 * second (preferred over the {@code PDT}/{@code PST} pubDate).
 *
 * <p>The status lives only in the title prefix, and AWS rewrites the titles of earlier items once an
 * event is resolved. So the title is not part of an item's identity (the first sighting wins), and
 * an older item of an event whose title reads "operating normally" is taken as a rewritten title, not
 * as a resolution. Items carry no event id: updates are grouped into one incident by their summary
 * (the title after the prefix), consecutive within {@link #GROUP_GAP}; the incident id is the feed
 * key and epoch of the group's first item.
 */
public final class AwsHealthRssParser implements FeedParser {
    public static final String SOURCE = "aws-health";
    static final Duration GROUP_GAP = Duration.ofHours(48);
    private static final Pattern GUID = Pattern.compile("#([a-z0-9][a-z0-9._-]*)_(\\d{9,11})$");
    private static final Pattern PREFIX = Pattern.compile("^\\s*([^:]{3,60}):\\s*(.*)$", Pattern.DOTALL);
    private static final Pattern RESOLVED = Pattern.compile("\\[\\s*resolved\\s*]", Pattern.CASE_INSENSITIVE);
    private static final String DASHBOARD = "https://health.aws.amazon.com/health/status";

    private final String feedKey;
    private final AwsScopes scopes;

    /**
     * @param feedKey the feed's service-region key ({@code ec2-us-east-1}), used for items whose guid
     *                does not name one; null for {@code all.rss}, where every guid does
     */
    public AwsHealthRssParser(String feedKey, AwsScopes scopes) {
        this.feedKey = feedKey;
        this.scopes = scopes;
    }

    @Override
    public ParseResult parse(String payload, ParseContext ctx) throws FeedFormatException {
        String feed = "AWS Health RSS " + (feedKey == null ? "" : feedKey);
        Document doc = Xml.read(payload, feed);
        Element root = doc.getDocumentElement();
        Element channel = "rss".equals(Xml.localName(root)) ? Xml.child(root, "channel") : null;
        if (channel == null) {
            throw new FeedFormatException(feed + ": root is <" + Xml.localName(root) + ">, not <rss><channel>");
        }
        List<RejectedItem> rejected = new ArrayList<>();
        List<Item> items = new ArrayList<>();
        for (Element e : Xml.children(channel, "item")) {
            try {
                items.add(item(e));
            } catch (IllegalArgumentException | DateTimeException ex) {
                rejected.add(new RejectedItem("item " + Xml.childText(e, "guid"), ex.getMessage(), text(e)));
            }
        }
        // Oldest first, to group the updates of one event.
        items.sort(Comparator.comparing((Item i) -> i.time.instant()).thenComparing(i -> i.guid));
        Map<String, Group> open = new HashMap<>();
        for (Item item : items) {
            String groupKey = item.key + "\u0000" + item.summaryKey;
            Group g = open.get(groupKey);
            if (g == null || Duration.between(g.last, item.time.instant()).compareTo(GROUP_GAP) > 0) {
                g = new Group(item.key + "_" + item.time.instant().getEpochSecond());
                open.put(groupKey, g);
            }
            g.last = item.time.instant();
            g.items.add(item);
            item.group = g;
        }
        List<FeedEvent> events = new ArrayList<>();
        for (Item item : items) {
            boolean latestOfGroup = item.group.items.get(item.group.items.size() - 1) == item;
            ComponentStatus status = item.status;
            String phase = item.phase;
            if (status == ComponentStatus.OPERATIONAL && !latestOfGroup) {
                // The title was rewritten after the event ended; the update itself reported a problem.
                status = ComponentStatus.DEGRADED;
                phase = "update";
            }
            Subject subject;
            try {
                subject = scopes.subjectOf(item.key);
            } catch (IllegalArgumentException e) {
                rejected.add(new RejectedItem("item " + item.guid, e.getMessage(), item.title));
                continue;
            }
            events.add(new EventDraft(SOURCE, subject)
                    .incident(item.group.id, phase)
                    .update(item.guid)
                    .status(status)
                    .title(item.summary)
                    .body(item.description)
                    .url(DASHBOARD)
                    .time(item.time)
                    .content(item.description)
                    .build(ctx.ingestTime()));
        }
        return ParseResult.of(events, rejected);
    }

    private Item item(Element e) {
        String title = Xml.childText(e, "title");
        String guid = Xml.childText(e, "guid");
        String description = Xml.childText(e, "description");
        String pubDate = Xml.childText(e, "pubDate");
        if (title == null) {
            throw new IllegalArgumentException("item without title");
        }
        String key = feedKey;
        Instant guidTime = null;
        if (guid != null) {
            Matcher m = GUID.matcher(guid);
            if (m.find()) {
                key = m.group(1);
                guidTime = Instant.ofEpochSecond(Long.parseLong(m.group(2)));
            }
        }
        if (key == null) {
            throw new IllegalArgumentException("item names no service (guid '" + guid + "') and the feed has no key");
        }
        FeedTime time;
        if (pubDate != null) {
            FeedTime published = LenientTime.parse(pubDate);
            time = guidTime != null ? new FeedTime(guidTime, pubDate) : published;
        } else if (guidTime != null) {
            time = new FeedTime(guidTime, guid);
        } else {
            throw new IllegalArgumentException("item without pubDate or dated guid");
        }
        String updateId = guid != null ? guid : key + "_" + time.instant().getEpochSecond();
        Matcher p = PREFIX.matcher(title);
        String prefix = p.matches() ? p.group(1).trim().toLowerCase(Locale.ROOT) : "";
        String rest = p.matches() && isKnownPrefix(prefix) ? p.group(2) : title;
        boolean resolved = RESOLVED.matcher(title).find();
        String summary = RESOLVED.matcher(rest).replaceAll("").trim();
        ComponentStatus status = resolved ? ComponentStatus.OPERATIONAL : statusOfPrefix(prefix);
        String phase = resolved ? "resolved" : isKnownPrefix(prefix) ? prefix : "update";
        return new Item(key.toLowerCase(Locale.ROOT), updateId, title, summary,
                summary.toLowerCase(Locale.ROOT).replaceAll("\\s+", " "), description, time, status, phase);
    }

    private static boolean isKnownPrefix(String prefix) {
        return statusOfPrefix(prefix) != ComponentStatus.UNKNOWN;
    }

    /** Severity of a title prefix; "Informational message" is DEGRADED because AWS opens outages with it. */
    static ComponentStatus statusOfPrefix(String prefix) {
        switch (prefix) {
            case "informational message":
            case "performance issues":
                return ComponentStatus.DEGRADED;
            case "service degradation":
                return ComponentStatus.PARTIAL_OUTAGE;
            case "service disruption":
                return ComponentStatus.MAJOR_OUTAGE;
            case "service is operating normally":
                return ComponentStatus.OPERATIONAL;
            default:
                return ComponentStatus.UNKNOWN;
        }
    }

    private static String text(Element e) {
        String t = e.getTextContent();
        return t.length() > 4000 ? t.substring(0, 4000) : t;
    }

    private static final class Item {
        final String key;
        final String guid;
        final String title;
        final String summary;
        final String summaryKey;
        final String description;
        final FeedTime time;
        final ComponentStatus status;
        final String phase;
        Group group;

        Item(String key, String guid, String title, String summary, String summaryKey, String description,
             FeedTime time, ComponentStatus status, String phase) {
            this.key = key;
            this.guid = guid;
            this.title = title;
            this.summary = summary;
            this.summaryKey = summaryKey;
            this.description = description;
            this.time = time;
            this.status = status;
            this.phase = phase;
        }
    }

    private static final class Group {
        final String id;
        final List<Item> items = new ArrayList<>();
        Instant last;

        Group(String id) {
            this.id = id;
        }
    }
}
