package io.blastradius.ingest.status.azure;

import io.blastradius.ingest.status.EventDraft;
import io.blastradius.ingest.status.FeedFormatException;
import io.blastradius.ingest.status.FeedParser;
import io.blastradius.ingest.status.FeedTime;
import io.blastradius.ingest.status.LenientTime;
import io.blastradius.ingest.status.OpenIncident;
import io.blastradius.ingest.status.ParseContext;
import io.blastradius.ingest.status.ParseResult;
import io.blastradius.ingest.status.ParseResult.RejectedItem;
import io.blastradius.ingest.status.Subject;
import io.blastradius.ingest.status.Xml;
import io.blastradius.schemas.ComponentStatus;
import io.blastradius.ingest.status.FeedEvent;
import io.blastradius.schemas.scope.ScopeId;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Reads the Azure status RSS feed. It lists only current (and just-resolved) incidents, so a valid
 * channel with no items is the healthy state, reported as an empty list of open incidents; an HTML
 * page or a document without {@code <rss><channel>} is an error, never "healthy".
 *
 * <p>Titles read {@code <Service(s)> - <Region(s)> - <status words>}, optionally prefixed
 * {@code [RESOLVED]}; {@code category} elements repeat services and regions. Regions come from the
 * categories when any is a known region, else from the title. There is no severity: an open incident
 * is PARTIAL_OUTAGE (Azure posts publicly only for broad impact), a resolved one OPERATIONAL, and a
 * title like "Resolved in North Europe. Impact continues in West Europe" is still open. Items are
 * updated in place, so an update is identified by its {@code pubDate}; the incident by its
 * {@code guid}, or by its service and region part of the title when there is none.
 */
public final class AzureStatusRssParser implements FeedParser {
    public static final String SOURCE = "azure-status";
    static final String STATUS_URL = "https://azure.status.microsoft/en-us/status";
    private static final Pattern RESOLVED_PREFIX = Pattern.compile("^\\s*\\[\\s*resolved\\s*]\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern STILL_OPEN = Pattern.compile("continu|ongoing|investigat|persist|remain",
            Pattern.CASE_INSENSITIVE);

    private final AzureScopes scopes;

    public AzureStatusRssParser(AzureScopes scopes) {
        this.scopes = scopes;
    }

    @Override
    public ParseResult parse(String payload, ParseContext ctx) throws FeedFormatException {
        Document doc = Xml.read(payload, "Azure status RSS");
        Element root = doc.getDocumentElement();
        Element channel = "rss".equals(Xml.localName(root)) ? Xml.child(root, "channel") : null;
        if (channel == null) {
            throw new FeedFormatException("Azure status RSS: root is <" + Xml.localName(root)
                    + ">, not <rss><channel>");
        }
        String channelTitle = Xml.childText(channel, "title");
        if (channelTitle != null && !channelTitle.toLowerCase(Locale.ROOT).contains("azure")) {
            throw new FeedFormatException("Azure status RSS: channel is '" + channelTitle + "', not Azure Status");
        }
        Optional<FeedTime> built = Optional.ofNullable(Xml.childText(channel, "lastBuildDate"))
                .flatMap(LenientTime::tryParse);
        List<FeedEvent> events = new ArrayList<>();
        List<RejectedItem> rejected = new ArrayList<>();
        List<OpenIncident> open = new ArrayList<>();
        for (Element item : Xml.children(channel, "item")) {
            try {
                item(item, built, ctx, events, open);
            } catch (IllegalArgumentException | DateTimeException e) {
                rejected.add(new RejectedItem("item " + Xml.childText(item, "guid"), e.getMessage(),
                        item.getTextContent()));
            }
        }
        return new ParseResult(events, rejected, Optional.of(open), built);
    }

    private void item(Element item, Optional<FeedTime> built, ParseContext ctx, List<FeedEvent> out,
                      List<OpenIncident> open) {
        String title = Xml.childText(item, "title");
        if (title == null) {
            throw new IllegalArgumentException("item without title");
        }
        String description = Xml.childText(item, "description");
        String pubDate = Xml.childText(item, "pubDate");
        FeedTime time = pubDate != null ? LenientTime.parse(pubDate)
                : built.orElseThrow(() -> new IllegalArgumentException("item without pubDate in a feed without lastBuildDate"));

        boolean prefixedResolved = RESOLVED_PREFIX.matcher(title).find();
        String bare = RESOLVED_PREFIX.matcher(title).replaceFirst("");
        String[] segments = bare.split("\\s+-\\s+");
        String statusWords = segments.length >= 3 ? segments[segments.length - 1].trim() : "";
        boolean resolved = prefixedResolved
                || (statusWords.toLowerCase(Locale.ROOT).startsWith("resolved") && !STILL_OPEN.matcher(statusWords).find());

        Set<String> regions = new LinkedHashSet<>();
        List<String> nonRegionCategories = new ArrayList<>();
        for (Element c : Xml.children(item, "category")) {
            String cat = c.getTextContent().trim();
            String region = scopes.regionOf(cat);
            if (region != null) {
                regions.add(region);
            } else if (!cat.isEmpty()) {
                nonRegionCategories.add(cat);
            }
        }
        if (regions.isEmpty() && segments.length >= 2) {
            for (String r : segments[1].split("\\s*(,|/|\\band\\b|&)\\s*")) {
                String region = scopes.regionOf(r);
                if (region != null) {
                    regions.add(region);
                }
            }
        }
        if (regions.isEmpty()) {
            regions.add(ScopeId.GLOBAL);
        }
        Set<String> services = new LinkedHashSet<>();
        if (segments.length >= 2 || nonRegionCategories.isEmpty()) {
            for (String s : segments[0].split("\\s*(,|/|&)\\s*")) {
                if (!s.isBlank() && scopes.regionOf(s) == null) {
                    services.add(scopes.serviceOf(s));
                }
            }
        } else {
            // A title without " - " parts: the last non-region category is the most specific service.
            services.add(scopes.serviceOf(nonRegionCategories.get(nonRegionCategories.size() - 1)));
        }

        String guid = Xml.childText(item, "guid");
        String stem = segments.length >= 2 ? segments[0].trim() + " - " + segments[1].trim() : segments[0].trim();
        String incidentId = guid != null ? guid : "title:" + stem.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        ComponentStatus status = resolved ? ComponentStatus.OPERATIONAL : ComponentStatus.PARTIAL_OUTAGE;
        String phase = resolved ? "resolved" : phaseOf(statusWords);
        List<Subject> subjects = new ArrayList<>();
        for (String service : services) {
            for (String region : regions) {
                subjects.add(Subject.scope(ScopeId.of("azure", region, service)));
            }
        }
        if (subjects.isEmpty()) {
            for (String region : regions) {
                subjects.add(Subject.scope(ScopeId.of("azure", region, null)));
            }
        }
        if (!resolved) {
            open.add(new OpenIncident(incidentId, bare, STATUS_URL, subjects));
        }
        for (Subject subject : subjects) {
            out.add(new EventDraft(SOURCE, subject)
                    .incident(incidentId, phase)
                    .update(time.instant().toString())
                    .status(status)
                    .title(bare)
                    .body(description)
                    .url(STATUS_URL)
                    .time(time)
                    .content(title, description)
                    .build(ctx.ingestTime()));
        }
    }

    private static String phaseOf(String statusWords) {
        String s = statusWords.toLowerCase(Locale.ROOT);
        if (s.contains("investigat")) {
            return "investigating";
        }
        if (s.contains("mitigat")) {
            return "mitigated";
        }
        return "active";
    }
}
