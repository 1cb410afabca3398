package io.blastradius.ingest.simulate;

import io.blastradius.ingest.catalog.Provider;
import io.blastradius.ingest.catalog.Service;
import io.blastradius.ingest.catalog.World;
import io.blastradius.ingest.simulate.Plan.Failure;
import io.blastradius.ingest.simulate.Plan.PlannedChatter;
import io.blastradius.ingest.simulate.Plan.PlannedHit;
import io.blastradius.ingest.simulate.Plan.PlannedOutage;
import io.blastradius.schemas.PostAction;
import io.blastradius.schemas.SocialSignal;
import io.blastradius.schemas.scope.ScopeId;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Posts on Mastodon, Bluesky and Reddit that mention services and providers, as the social
 * connectors publish them after entity linking: a baseline of chatter and individual complaints
 * that follows the day and the week and scales with each service's user base, surges of complaints
 * while a service is failing, posts blaming the provider during its outages, and provider chatter
 * with nothing wrong. The text uses the world's aliases, so real entity linking can parse it.
 */
final class PostGenerator {
    private static final String[] PLATFORMS = {"bluesky", "mastodon", "reddit"};
    private static final double[] PLATFORM_WEIGHTS = {0.45, 0.3, 0.25};
    private static final long RAMP_MS = 6 * 60_000L;
    private static final long DECAY_MS = 8 * 60_000L;

    /** A post shape: text with {s} (a service alias), {p} (a provider alias), {r} (a region), {t} (a topic). */
    private record Template(String language, String text, double score, String... keywords) {
    }

    private static final Template[] COMPLAINTS = {
        new Template("en", "is {s} down?", 0.85, "down"),
        new Template("en", "{s} down for anyone else?", 0.9, "down"),
        new Template("en", "{s} not working again 🙄", 0.8, "not working"),
        new Template("en", "can't log into {s} at all", 0.75, "can't log in"),
        new Template("en", "{s} keeps giving me errors", 0.7, "errors"),
        new Template("en", "getting 503s from {s}", 0.85, "503"),
        new Template("en", "{s} app won't load", 0.75, "won't load"),
        new Template("en", "{s} outage?? nothing loads", 0.9, "outage"),
        new Template("en", "{s} is broken right now", 0.7, "broken"),
        new Template("en", "{s} servers down again", 0.85, "down"),
        new Template("en", "anyone else having issues with {s}?", 0.65, "issues"),
        new Template("es", "¿se cayó {s}?", 0.8, "caído"),
        new Template("de", "{s} geht nicht, bei euch auch?", 0.75, "geht nicht"),
        new Template("fr", "{s} en panne ?", 0.8, "panne"),
        new Template("pt", "{s} caiu?", 0.8, "caiu"),
        new Template("ja", "{s} 落ちてる？", 0.8, "落ちてる")};
    private static final Template[] WALLET_COMPLAINTS = {
        new Template("en", "{s} showing $0 balance wtf", 0.8, "balance"),
        new Template("en", "{s} withdrawals stuck, can't trade", 0.85, "stuck")};
    private static final Template[] CHATTER = {
        new Template("en", "just set up {s}, pretty smooth", 0.05),
        new Template("en", "{s} new update looks nice", 0.05, "update"),
        new Template("en", "anyone using {s} for work?", 0.05),
        new Template("en", "{s} support finally answered my ticket", 0.15),
        new Template("en", "spent the whole evening on {s} lol", 0.05),
        new Template("en", "hot take: {s} is overrated", 0.1),
        new Template("en", "{s} earnings call today", 0.02),
        new Template("es", "me encanta {s}", 0.02),
        new Template("de", "{s} hat ein neues Feature", 0.02)};
    private static final Template[] PROVIDER_OUTAGE = {
        new Template("en", "is {p} down? half my apps are broken", 0.9, "down"),
        new Template("en", "{p} {r} having a bad day again", 0.8, "bad day"),
        new Template("en", "half the internet is down, {p} again?", 0.85, "down"),
        new Template("en", "{p} outage taking down {s} too", 0.9, "outage"),
        new Template("en", "{r} strikes again #{p}outage", 0.85, "outage"),
        new Template("en", "{p} status page still says everything is fine 🙃", 0.8, "status page"),
        new Template("en", "our whole stack on {p} is throwing 5xx", 0.85, "5xx"),
        new Template("de", "{p} Störung, alles down", 0.8, "Störung", "down")};
    private static final Template[] PROVIDER_CHATTER = {
        new Template("en", "watching the {p} {t}", 0.05),
        new Template("en", "{p} {t} today, thoughts?", 0.05),
        new Template("en", "our {p} bill this month is wild", 0.15),
        new Template("en", "migrating off {p}, wish us luck", 0.1),
        new Template("en", "remember the big {p} outage last year? good times", 0.35, "outage"),
        new Template("en", "{p} docs are actually good for once", 0.05)};

    private final Plan plan;
    private final long seed;
    private final Scenario.Complaints noise;
    private final List<ServiceState> services = new ArrayList<>();
    private final List<ProviderState> providers = new ArrayList<>();

    private record ServiceState(Service service, int index, double weight, Failure[] failures, boolean wallet) {
    }

    private record ProviderState(Provider provider, int index, double weight, List<PlannedOutage> outages,
            List<PlannedChatter> chatter) {
    }

    PostGenerator(Plan plan) {
        this.plan = plan;
        this.seed = plan.seed();
        this.noise = plan.noise().complaints();
        World world = plan.world();
        int i = 0;
        for (Service s : world.services()) {
            double weight = Math.pow(Math.max(s.users(), 1_000) / 1_000_000.0, noise.userExponent());
            boolean wallet = List.of("wallet", "exchange", "brokerage", "defi").contains(String.valueOf(s.category()));
            services.add(new ServiceState(s, i++, weight, plan.failures().getOrDefault(s.id(), List.of()).toArray(new Failure[0]), wallet));
        }
        int j = 0;
        for (Provider p : world.providers()) {
            long dependents = world.graph().dependentsOf(ScopeId.of(p.id(), null, null)).size();
            providers.add(new ProviderState(p, j++, Math.sqrt(dependents / 100.0),
                    plan.outages().stream().filter(o -> o.provider().equals(p.id())).toList(),
                    plan.chatter().stream().filter(c -> c.provider().equals(p.id())).toList()));
        }
    }

    /** Every post created in {@code [minuteStart, minuteStart + 60s)}. */
    void minute(long minuteStart, List<Pending> out) {
        double cycle = cycle(minuteStart);
        int n = services.size();
        double[] base = new double[n];
        double[] extra = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            ServiceState s = services.get(i);
            base[i] = noise.baselinePerHour() * s.weight() * cycle / 60.0;
            extra[i] = s.failures().length == 0 ? 0 : noise.outagePerHour() * s.weight() / 60.0 * intensity(s.failures(), minuteStart);
            total += base[i] + extra[i];
        }
        double[] providerRate = new double[providers.size()];
        for (int i = 0; i < providers.size(); i++) {
            providerRate[i] = providerRate(providers.get(i), minuteStart, cycle);
            total += providerRate[i];
        }
        double scale = total > noise.maxPerMinute() ? noise.maxPerMinute() / total : 1.0;
        for (int i = 0; i < n; i++) {
            ServiceState s = services.get(i);
            Rng rng = Rng.of(seed, 0x534fL, s.index(), minuteStart);
            int count = rng.poisson((base[i] + extra[i]) * scale);
            for (int k = 0; k < count; k++) {
                boolean outage = rng.nextDouble() * (base[i] + extra[i]) < extra[i];
                boolean complaint = outage || !rng.chance(noise.chatterShare());
                Template tpl = complaint
                        ? (s.wallet() && rng.chance(0.25) ? pick(WALLET_COMPLAINTS, rng) : pick(COMPLAINTS, rng))
                        : pick(CHATTER, rng);
                String alias = alias(s.service(), rng);
                String text = tpl.text().replace("{s}", alias);
                out.add(post(rng, minuteStart, tpl, text, List.of(s.service().id()), List.of()));
            }
        }
        for (int i = 0; i < providers.size(); i++) {
            ProviderState p = providers.get(i);
            Rng rng = Rng.of(seed, 0x5052L, p.index(), minuteStart);
            int count = rng.poisson(providerRate[i] * scale);
            for (int k = 0; k < count; k++) {
                providerPost(p, rng, minuteStart, out);
            }
        }
    }

    private void providerPost(ProviderState p, Rng rng, long minuteStart, List<Pending> out) {
        PlannedOutage outage = null;
        for (PlannedOutage o : p.outages()) {
            if (minuteStart >= o.onset().toEpochMilli() && minuteStart < o.end().toEpochMilli() + DECAY_MS * 3) {
                outage = o;
            }
        }
        PlannedChatter chatter = null;
        for (PlannedChatter c : p.chatter()) {
            if (minuteStart >= c.from().toEpochMilli() && minuteStart < c.until().toEpochMilli()) {
                chatter = c;
            }
        }
        String alias = providerAlias(p.provider(), rng);
        if (outage != null && rng.chance(0.85)) {
            Template tpl = pick(PROVIDER_OUTAGE, rng);
            ScopeId scope = outage.scope();
            String region = scope.isGlobalRegion() ? alias : scope.region();
            List<String> services = new ArrayList<>();
            String text = tpl.text().replace("{p}", tpl.text().startsWith("{r}") ? p.provider().id() : alias).replace("{r}", region);
            if (text.contains("{s}")) {
                List<PlannedHit> hits = outage.hits();
                if (hits.isEmpty()) {
                    text = text.replace(" too", "").replace(" taking down {s}", "");
                } else {
                    Service s = plan.world().requireService(hits.get(rng.nextInt(hits.size())).service());
                    services.add(s.id());
                    text = text.replace("{s}", alias(s, rng));
                }
            }
            List<String> mentioned = text.contains(scope.region()) && !scope.isGlobalRegion()
                    ? List.of(p.provider().id(), scope.provider() + "/" + scope.region()) : List.of(p.provider().id());
            out.add(post(rng, minuteStart, tpl, text, services, mentioned));
            return;
        }
        Template tpl = pick(PROVIDER_CHATTER, rng);
        String topic = chatter != null ? chatter.topic() : "keynote";
        if (chatter == null && tpl.text().contains("{t}")) {
            tpl = PROVIDER_CHATTER[2];
        }
        String text = tpl.text().replace("{p}", alias).replace("{t}", topic);
        out.add(post(rng, minuteStart, tpl, text, List.of(), List.of(p.provider().id())));
    }

    private double providerRate(ProviderState p, long t, double cycle) {
        double rate = noise.providerBaselinePerHour() * p.weight() * cycle / 60.0;
        for (PlannedOutage o : p.outages()) {
            // People blame the provider a few minutes after their apps break.
            long onset = o.onset().toEpochMilli() + 4 * 60_000L;
            rate += o.providerPostsPerHour() / 60.0 * ramp(t, onset, o.end().toEpochMilli());
        }
        for (PlannedChatter c : p.chatter()) {
            if (t >= c.from().toEpochMilli() && t < c.until().toEpochMilli()) {
                rate += c.postsPerHour() / 60.0;
            }
        }
        return rate;
    }

    /** How loudly users of a failing service complain at {@code t}: builds up over minutes, fades after recovery. */
    private static double intensity(Failure[] failures, long t) {
        double best = 0;
        for (Failure f : failures) {
            best = Math.max(best, f.severity() * ramp(t, f.from(), f.until()));
        }
        return best;
    }

    private static double ramp(long t, long from, long until) {
        if (t < from) {
            return 0;
        }
        if (t < until) {
            return Math.min(1.0, (t - from + 30_000) / (double) RAMP_MS);
        }
        long after = t - until;
        return after > 4 * DECAY_MS ? 0 : Math.exp(-after / (double) DECAY_MS) * Math.min(1.0, (until - from) / (double) RAMP_MS);
    }

    /** Daily and weekly rhythm: busiest around 18:00 UTC (US afternoon, European evening), quieter at weekends. */
    private double cycle(long t) {
        ZonedDateTime z = Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC);
        double hour = z.getHour() + z.getMinute() / 60.0;
        double daily = 1 + noise.dailyAmplitude() * Math.cos(2 * Math.PI * (hour - 18) / 24);
        DayOfWeek d = z.getDayOfWeek();
        double weekly = d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY ? 1 - noise.weeklyAmplitude() : 1 + noise.weeklyAmplitude() * 0.4;
        return daily * weekly;
    }

    private Pending post(Rng rng, long minuteStart, Template tpl, String text, List<String> services, List<String> providers) {
        long created = minuteStart + rng.nextInt(60_000);
        String platform = PLATFORMS[rng.weighted(PLATFORM_WEIGHTS)];
        long id = rng.nextLong();
        String postId = switch (platform) {
            case "mastodon" -> Long.toUnsignedString((created << 16) | (id & 0xFFFF));
            case "bluesky" -> "at://did:plc:" + base32(Rng.mix(id), 24) + "/app.bsky.feed.post/" + base32(created * 1000 + (id & 0x3FF), 13);
            default -> (rng.chance(0.3) ? "t3_" : "t1_") + Long.toString(Math.floorMod(id, 36L * 36 * 36 * 36 * 36 * 36 * 36), 36);
        };
        long lag = switch (platform) {
            case "mastodon" -> 1_000 + rng.nextInt(4_000);
            case "bluesky" -> 400 + rng.nextInt(1_600);
            default -> 20_000 + rng.nextInt(100_000);
        };
        // Authors follow a skewed distribution: a few post a lot.
        long author = (long) (200_000 * Math.pow(rng.nextDouble(), 3));
        double score = Math.max(0, Math.min(1, tpl.score() + 0.08 * rng.gaussian()));
        return new Pending(created, Pending.SOCIAL, postId, new SocialSignal(platform, postId, PostAction.CREATE, null,
                Instant.ofEpochMilli(created), Instant.ofEpochMilli(created + lag), services, providers, List.of(tpl.keywords()),
                tpl.language(), Math.round(score * 1000) / 1000.0, StatusPosts.hex(Rng.of(seed, Rng.key(platform), author).nextLong(), 16),
                text));
    }

    private static Template pick(Template[] templates, Rng rng) {
        return templates[rng.nextInt(templates.length)];
    }

    /** Mostly the plain name, sometimes another alias (cashtag, hashtag, misspelling) as people write them. */
    private static String alias(Service s, Rng rng) {
        List<String> aliases = s.aliases();
        if (aliases.isEmpty() || rng.chance(0.55)) {
            return rng.chance(0.5) ? s.name().toLowerCase(Locale.ROOT) : s.name();
        }
        return aliases.get(rng.nextInt(aliases.size()));
    }

    private static String providerAlias(Provider p, Rng rng) {
        List<String> plain = p.aliases().stream().filter(a -> !a.startsWith("#") && !a.contains("-1")).toList();
        return plain.isEmpty() || rng.chance(0.4) ? p.name() : plain.get(rng.nextInt(plain.size()));
    }


    private static String base32(long v, int length) {
        String alphabet = "234567abcdefghijklmnopqrstuvwxyz";
        StringBuilder sb = new StringBuilder(length);
        long x = v;
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt((int) (x & 31)));
            x = i % 12 == 11 ? Rng.mix(x) : x >>> 5;
        }
        return sb.toString();
    }
}
