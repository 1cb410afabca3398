package io.blastradius.ingest.simulate;

import io.blastradius.ingest.catalog.Provider;
import io.blastradius.ingest.catalog.ProviderService;
import io.blastradius.ingest.catalog.Region;
import io.blastradius.ingest.catalog.Service;
import io.blastradius.ingest.catalog.World;
import io.blastradius.schemas.ComponentStatus;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.SubjectType;
import io.blastradius.schemas.scope.ScopeId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Writes the status posts of a scenario: the providers' health feeds (after the acknowledgment
 * delay, or never) and downstream status pages (late, or never), plus scheduled maintenance
 * notices. Every post is a {@link StatusEvent} as the status connectors would publish it.
 */
final class StatusPosts {
    private static final DateTimeFormatter AWS_RSS = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss zzz", Locale.US)
            .withZone(ZoneId.of("America/Los_Angeles"));
    private static final DateTimeFormatter AZURE_RSS = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'Z'", Locale.US)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STATUSPAGE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx").withZone(ZoneOffset.UTC);
    private static final String[] COMPONENTS = {"API", "Website", "Mobile app", "Login", "Core services"};

    private final World world;
    private final long seed;
    private final List<StatusEvent> events = new ArrayList<>();

    StatusPosts(World world, long seed) {
        this.world = world;
        this.seed = seed;
    }

    /** A provider's post about an outage. */
    record ProviderPost(Instant at, String incidentStatus, ComponentStatus status, ScopeId scope, String title, String body) {
    }

    /** A status-page post about a service. */
    private record Post(Instant at, String incidentStatus, ComponentStatus status, String title, String body) {
    }

    /** One failure episode of a service that its status page may report. */
    record Episode(String service, String id, Instant from, Instant until, double severity, String provider,
            Scenario.StatusPage behaviour) {
    }

    void provider(Provider provider, String outageId, List<ProviderPost> posts) {
        int n = 0;
        String incidentId = provider.id() + "-" + hex(Rng.key(outageId), 10);
        for (ProviderPost p : posts) {
            Rng rng = Rng.of(seed, Rng.key("provider-post"), Rng.key(outageId), n);
            String updateId = incidentId + "-" + ++n;
            ScopeId scope = p.scope();
            StatusEvent e = StatusEvent.newBuilder()
                    .setEventId(hex(Rng.key(provider.statusSource() + updateId + p.title()), 16))
                    .setSource(provider.statusSource())
                    .setSubjectType(SubjectType.PROVIDER)
                    .setSubject(scope.toString())
                    .setProvider(scope.provider())
                    .setRegion(scope.region())
                    .setProviderService(scope.service())
                    .setComponentId(scope.service() == null ? scope.region() : scope.service() + "-" + scope.region())
                    .setComponent(componentName(provider, scope))
                    .setStatus(p.status())
                    .setIncidentId(incidentId)
                    .setIncidentStatus(p.incidentStatus())
                    .setUpdateId(updateId)
                    .setTitle(p.title())
                    .setBody(p.body())
                    .setUrl(provider.statusUrl())
                    .setEventTime(p.at())
                    .setIngestTime(p.at().plusMillis(15_000 + rng.nextInt(60_000)))
                    .setRawTime(rawTime(provider.statusSource(), p.at()))
                    .build();
            events.add(e);
        }
    }

    /** The posts of a service's status page about one failure episode, unless it stays silent or has no page. */
    void service(Episode ep, Scenario.StatusPages noise) {
        Service s = world.requireService(ep.service());
        if (s.statusPage() == null) {
            return;
        }
        Rng rng = Rng.of(seed, Rng.key("status-page"), Rng.key(ep.service()), Rng.key(ep.id()));
        Scenario.StatusPage behaviour = ep.behaviour();
        boolean silent = behaviour != null ? behaviour.silent() : rng.chance(noise.silentFraction());
        if (silent) {
            return;
        }
        Duration lag = behaviour != null && behaviour.lag() != null ? behaviour.lag().draw(rng) : noise.lag().draw(rng);
        String incidentId = hex(Rng.key(s.id() + ep.id()), 12);
        ComponentStatus hard = ep.severity() >= 0.7 ? ComponentStatus.MAJOR_OUTAGE
                : ep.severity() >= 0.4 ? ComponentStatus.PARTIAL_OUTAGE : ComponentStatus.DEGRADED;
        Instant first = ep.from().plus(lag);
        String who = ep.provider() == null ? null : world.provider(ep.provider()).map(Provider::name).orElse(ep.provider());
        List<Post> posts = new ArrayList<>();
        if (!first.isBefore(ep.until())) {
            posts.add(new Post(first, "resolved", ComponentStatus.OPERATIONAL, "Service disruption",
                    "Between " + ep.from() + " and " + ep.until() + " some users could not reach " + s.name() + ". The issue is resolved."));
        } else {
            posts.add(new Post(first, "investigating", hard, title(rng), "We are investigating reports of errors for some "
                    + s.name() + " users. We will provide an update as soon as possible."));
            Instant identified = first.plus(Duration.ofMinutes(10 + rng.nextInt(25)));
            if (identified.isBefore(ep.until())) {
                posts.add(new Post(identified, "identified", hard, title(rng), who == null
                        ? "We have identified the cause and are working on a fix."
                        : "The issue is caused by an outage at a third-party provider (" + who + "). We are monitoring closely."));
            }
            Instant monitoring = ep.until().plus(Duration.ofMinutes(2 + rng.nextInt(8)));
            posts.add(new Post(monitoring, "monitoring", ComponentStatus.DEGRADED, title(rng),
                    "A fix has been implemented and we are monitoring the results."));
            posts.add(new Post(monitoring.plus(Duration.ofMinutes(8 + rng.nextInt(30))), "resolved", ComponentStatus.OPERATIONAL,
                    title(rng), "This incident has been resolved."));
        }
        page(s, incidentId, posts, rng);
    }

    /** A scheduled maintenance notice: not an outage, but it changes component state. */
    void maintenance(Service s, Instant at, Duration length) {
        if (s.statusPage() == null) {
            return;
        }
        String incidentId = hex(Rng.key(s.id() + "maintenance" + at), 12);
        List<Post> posts = List.of(
                new Post(at, "in_progress", ComponentStatus.MAINTENANCE, "Scheduled database maintenance",
                        "Scheduled maintenance is currently in progress."),
                new Post(at.plus(length), "completed", ComponentStatus.OPERATIONAL, "Scheduled database maintenance",
                        "The scheduled maintenance has been completed."));
        page(s, incidentId, posts, Rng.of(seed, Rng.key("maintenance"), Rng.key(incidentId)));
    }

    /** The posts of one incident on a service's Statuspage page, as the status connector publishes them. */
    private void page(Service s, String incidentId, List<Post> posts, Rng rng) {
        String pageId = pageId(s.id());
        String component = COMPONENTS[(int) Math.floorMod(Rng.key(s.id()), (long) COMPONENTS.length)];
        int n = 0;
        for (Post p : posts) {
            Instant at = p.at();
            String updateId = incidentId + "-" + ++n;
            events.add(StatusEvent.newBuilder()
                    .setEventId(hex(Rng.key("statuspage" + pageId + updateId), 16))
                    .setSource("statuspage:" + pageId)
                    .setSubjectType(SubjectType.SERVICE)
                    .setSubject(s.id())
                    .setComponentId(hex(Rng.key(s.id() + component), 12))
                    .setComponent(component)
                    .setStatus(p.status())
                    .setIncidentId(incidentId)
                    .setIncidentStatus(p.incidentStatus())
                    .setUpdateId(updateId)
                    .setTitle(p.title())
                    .setBody(p.body())
                    .setUrl(s.statusPage() + "/incidents/" + incidentId)
                    .setEventTime(at)
                    .setIngestTime(at.plusMillis(5_000 + rng.nextInt(60_000)))
                    .setRawTime(STATUSPAGE.format(at))
                    .build());
        }
    }

    List<StatusEvent> sorted() {
        events.sort(Comparator.comparing(StatusEvent::getEventTime).thenComparing(StatusEvent::getEventId));
        return List.copyOf(events);
    }

    private static String title(Rng rng) {
        String[] titles = {"Elevated error rates", "Degraded performance", "Service disruption", "Users unable to log in",
            "Increased API errors"};
        return titles[rng.nextInt(titles.length)];
    }

    private static String componentName(Provider provider, ScopeId scope) {
        String region = scope.isGlobalRegion() ? "Global"
                : provider.region(scope.region()).map(Region::name).orElse(scope.region());
        if (scope.service() == null) {
            return provider.name() + " (" + region + ")";
        }
        String service = provider.service(scope.service()).map(ProviderService::name).orElse(scope.service());
        return service + " (" + region + ")";
    }

    static String rawTime(String source, Instant at) {
        if (source.equals("aws-health")) {
            return AWS_RSS.format(at);
        }
        if (source.equals("azure-status")) {
            return AZURE_RSS.format(at);
        }
        if (source.startsWith("statuspage:")) {
            return STATUSPAGE.format(at);
        }
        return RFC3339.format(at);
    }

    /** A Statuspage-like page id for a service: 12 lowercase letters and digits, stable. */
    static String pageId(String service) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        long h = Rng.key("page:" + service);
        StringBuilder sb = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            sb.append(alphabet.charAt((int) Math.floorMod(h, 36L)));
            h = Rng.mix(h + i);
        }
        return sb.toString();
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** The lowest {@code digits} hex digits of {@code value}, zero-padded. */
    static String hex(long value, int digits) {
        char[] c = new char[digits];
        long v = value;
        for (int i = digits - 1; i >= 0; i--) {
            c[i] = HEX[(int) (v & 15)];
            v >>>= 4;
        }
        return new String(c);
    }
}
