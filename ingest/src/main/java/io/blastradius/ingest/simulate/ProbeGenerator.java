package io.blastradius.ingest.simulate;

import io.blastradius.ingest.catalog.DependencyEdge;
import io.blastradius.ingest.catalog.Provider;
import io.blastradius.ingest.catalog.ProviderService;
import io.blastradius.ingest.catalog.Region;
import io.blastradius.ingest.catalog.Service;
import io.blastradius.ingest.catalog.Vantage;
import io.blastradius.ingest.catalog.World;
import io.blastradius.ingest.probe.ranges.Cidr;
import io.blastradius.ingest.simulate.Plan.Failure;
import io.blastradius.ingest.simulate.Plan.PlannedVantageTrouble;
import io.blastradius.schemas.DependencyKind;
import io.blastradius.schemas.IpAttribution;
import io.blastradius.schemas.ProbeErrorClass;
import io.blastradius.schemas.ProbeProtocol;
import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.ProbeTarget;
import io.blastradius.schemas.ProbeTimings;
import io.blastradius.schemas.scope.ScopeId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Synthetic checks of every service from several vantage points, a few a minute per service. Each
 * check resolves the endpoint to addresses drawn from the provider prefixes of the service's front
 * door (its CDN, load balancer or hosting), with the attribution filled in as the probe connector's
 * longest-prefix match would; it passes, or fails the way its failure says (a provider outage that
 * hit the service, a service incident, the vantage's own network trouble, or plain flakiness).
 */
final class ProbeGenerator {
    private static final List<Cidr> DOCUMENTATION = List.of(Cidr.parse("192.0.2.0/24"), Cidr.parse("198.51.100.0/24"),
            Cidr.parse("203.0.113.0/24"));
    private static final DependencyKind[] FRONT_DOOR = {DependencyKind.CDN, DependencyKind.LOAD_BALANCER, DependencyKind.HOSTING,
        DependencyKind.COMPUTE};
    private static final long IP_ROTATION_MS = 6 * 3_600_000L;
    private static final int[] HTTP_5XX = {500, 502, 503, 504};

    private final long seed;
    private final long startMs;
    private final long intervalMs;
    private final double flakeRate;
    private final double slowRate;
    private final List<Check> checks = new ArrayList<>();

    /** Where an endpoint's addresses come from and how they attribute. */
    record FrontDoor(List<Cidr> prefixes, String provider, String region, String providerService, String location,
            String cnameSuffix) {
    }

    /** One endpoint checked from one vantage point, with the addresses it currently resolves to. */
    private record Check(int index, String service, ProbeTarget target, String checkId, String host,
            io.blastradius.schemas.Vantage vantage,
            long offsetMs, FrontDoor front, double rttMs, double vantageFactor, Failure[] failures, PlannedVantageTrouble[] troubles,
            List<String> cnames, long hostKey, String idSuffix, Resolved resolved) {
    }

    /**
     * The addresses a check resolved to in its current rotation bucket. Names resolve to the same
     * addresses for hours; caching them keeps every probe from recomputing (and re-allocating) them.
     */
    private static final class Resolved {
        long bucket = Long.MIN_VALUE;
        List<String> ips = List.of();
        List<IpAttribution> attributions = List.of();
    }

    ProbeGenerator(Plan plan) {
        World world = plan.world();
        Scenario.Probes noise = plan.noise().probes();
        this.seed = plan.seed();
        this.startMs = plan.start().toEpochMilli();
        this.intervalMs = Math.max(1_000, noise.interval().toMillis());
        this.flakeRate = noise.flakeRate();
        this.slowRate = noise.slowRate();
        List<Vantage> vantages = world.vantages();
        for (Service s : world.services()) {
            FrontDoor front = frontDoor(world, s, 0);
            Failure[] failures = plan.failures().getOrDefault(s.id(), List.of()).toArray(new Failure[0]);
            List<Vantage> chosen = new ArrayList<>(vantages);
            Map<String, Long> order = new HashMap<>();
            vantages.forEach(v -> order.put(v.id(), Rng.key(s.id() + "@" + v.id())));
            chosen.sort(Comparator.comparingLong(v -> order.get(v.id())));
            int endpoints = Math.min(noise.endpointsPerService(), s.endpoints().size());
            for (int e = 0; e < endpoints; e++) {
                String endpoint = s.endpoints().get(e);
                String host = host(endpoint);
                ProbeTarget target = new ProbeTarget(s.id(), endpoint, ProbeProtocol.HTTP);
                List<String> cnames = front.cnameSuffix() == null ? List.of() : List.of(cname(host, front.cnameSuffix()));
                for (int v = 0; v < Math.min(noise.vantagesPerService(), chosen.size()); v++) {
                    Vantage vantage = chosen.get(v);
                    Rng rng = Rng.of(seed, Rng.key("check"), Rng.key(s.id()), e, Rng.key(vantage.id()));
                    PlannedVantageTrouble[] troubles = plan.vantageTroubles().stream()
                            .filter(t -> t.vantage().equals(vantage.id())).toArray(PlannedVantageTrouble[]::new);
                    String checkId = "http:" + endpoint;
                    checks.add(new Check(checks.size(), s.id(), target, checkId, host,
                            new io.blastradius.schemas.Vantage(vantage.id(), vantage.region(), vantage.asn(), vantage.provider()),
                            (long) (rng.nextDouble() * intervalMs), front, rtt(vantage.region(), front, rng),
                            0.85 + 0.15 * rng.nextDouble(), failures, troubles, cnames, Rng.key(host),
                            StatusPosts.hex(Rng.key(checkId + "@" + vantage.id()), 8), new Resolved()));
                }
            }
        }
    }

    int checkCount() {
        return checks.size();
    }

    /** Every check run in {@code [minuteStart, minuteStart + 60s)}. */
    void minute(long minuteStart, List<Pending> out) {
        long minuteEnd = minuteStart + 60_000;
        for (Check c : checks) {
            long base = startMs + c.offsetMs();
            long k = minuteStart <= base ? 0 : (minuteStart - base + intervalMs - 1) / intervalMs;
            for (long t = base + k * intervalMs; t < minuteEnd; t += intervalMs) {
                if (t >= minuteStart) {
                    ProbeResult r = result(c, t);
                    out.add(new Pending(t, Pending.PROBE, r.getProbeId(), r));
                }
            }
        }
    }

    private ProbeResult result(Check c, long t) {
        Rng rng = Rng.of(seed, 0x5052L, c.index(), t);
        ProbeErrorClass error = ProbeErrorClass.NONE;
        for (PlannedVantageTrouble vt : c.troubles()) {
            if (vt.covers(t) && rng.chance(vt.failureRate())) {
                error = vt.errors().draw(rng);
            }
        }
        if (error == ProbeErrorClass.NONE) {
            for (Failure f : c.failures()) {
                if (f.covers(t) && rng.chance(f.severity() * c.vantageFactor())) {
                    error = f.errors().draw(rng);
                    break;
                }
            }
        }
        if (error == ProbeErrorClass.NONE && rng.chance(flakeRate)) {
            error = ErrorMix.flake().draw(rng);
        }
        boolean slow = error == ProbeErrorClass.NONE && rng.chance(slowRate);

        boolean dnsFailed = error == ProbeErrorClass.DNS_NXDOMAIN || error == ProbeErrorClass.DNS_SERVFAIL
                || error == ProbeErrorClass.DNS_TIMEOUT || error == ProbeErrorClass.DNS_REFUSED;
        Resolved resolved = resolve(c, t);
        List<String> ips = dnsFailed ? List.of() : resolved.ips;
        List<IpAttribution> attributions = dnsFailed ? List.of() : resolved.attributions;

        // Phase timings in milliseconds; NaN marks a phase that did not run.
        double rtt = c.rttMs() * rng.fastLogNormal(1, 0.15);
        double dns = rng.chance(0.3) ? 0.4 + rng.nextDouble() : 2 + rng.fastLogNormal(8, 0.5);
        double connect = rtt;
        double tls = rtt * 1.3;
        double firstByte = rtt + rng.fastLogNormal(60, 0.5) + (slow ? 2_000 + rng.nextInt(6_000) : 0);
        double transfer = rng.fastLogNormal(8, 0.7);
        Integer status = 200;
        String message = null;
        String ip = ips.isEmpty() ? null : ips.get(0);
        switch (error) {
            case NONE -> {
            }
            case DNS_NXDOMAIN, DNS_SERVFAIL, DNS_TIMEOUT, DNS_REFUSED -> {
                dns = error == ProbeErrorClass.DNS_TIMEOUT ? 5_000.0 : 20 + rng.fastLogNormal(60, 0.8);
                connect = tls = firstByte = transfer = Double.NaN;
                status = null;
                message = switch (error) {
                    case DNS_NXDOMAIN -> "lookup " + c.host() + ": no such host";
                    case DNS_SERVFAIL -> "lookup " + c.host() + ": server misbehaving";
                    case DNS_REFUSED -> "lookup " + c.host() + ": connection refused";
                    default -> "lookup " + c.host() + ": i/o timeout";
                };
            }
            case CONNECT_TIMEOUT, CONNECT_REFUSED -> {
                connect = error == ProbeErrorClass.CONNECT_TIMEOUT ? 10_000.0 : rtt;
                tls = firstByte = transfer = Double.NaN;
                status = null;
                message = "dial tcp " + ip + ":443: " + (error == ProbeErrorClass.CONNECT_TIMEOUT ? "i/o timeout" : "connect: connection refused");
            }
            case CONNECT_RESET, TLS_HANDSHAKE, TLS_CERTIFICATE -> {
                firstByte = transfer = Double.NaN;
                status = null;
                message = switch (error) {
                    case CONNECT_RESET -> "read tcp " + ip + ":443: connection reset by peer";
                    case TLS_HANDSHAKE -> "remote error: tls: handshake failure";
                    default -> "x509: certificate has expired or is not yet valid";
                };
            }
            case READ_TIMEOUT -> {
                firstByte = 10_000.0;
                transfer = Double.NaN;
                status = null;
                message = "context deadline exceeded (Client.Timeout exceeded while awaiting headers)";
            }
            case HTTP_5XX -> {
                status = c.front().cnameSuffix() != null && rng.chance(0.5) ? 502 : HTTP_5XX[rng.nextInt(HTTP_5XX.length)];
                message = "HTTP " + status + " " + reason(status);
            }
            case HTTP_4XX -> {
                status = rng.chance(0.7) ? 403 : 429;
                message = "HTTP " + status + " " + reason(status);
            }
            default -> message = "unexpected response";
        }
        double duration = part(dns) + part(connect) + part(tls) + part(firstByte) + part(transfer);
        Instant started = Instant.ofEpochMilli(t);
        Instant ingest = Instant.ofEpochMilli(t + (long) duration + 300 + rng.nextInt(1_500));
        return new ProbeResult(StatusPosts.hex(Rng.mix(c.index() * 0x9E3779B97F4A7C15L ^ t), 16) + c.idSuffix(),
                c.checkId(), c.vantage(), c.target(), started, ingest, round(duration), error == ProbeErrorClass.NONE, error, message,
                status, ips, c.cnames(), attributions,
                new ProbeTimings(round(dns), round(connect), round(tls), round(firstByte), round(transfer)), null, null);
    }

    private static double part(double ms) {
        return Double.isNaN(ms) ? 0 : ms;
    }

    /** Tenths of a millisecond, as probes report them; null for a phase that did not run. */
    private static Double round(double ms) {
        return Double.isNaN(ms) ? null : Math.round(ms * 10) / 10.0;
    }

    /** The check's addresses at {@code t}: they rotate every few hours, as DNS answers of big services do. */
    private static Resolved resolve(Check c, long t) {
        Resolved r = c.resolved();
        long bucket = Math.floorDiv(t + c.index() * 7_919L, IP_ROTATION_MS);
        if (bucket == r.bucket) {
            return r;
        }
        int count = c.front().cnameSuffix() != null ? 2 : 1;
        List<String> ips = new ArrayList<>(count);
        List<IpAttribution> attributions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long h = c.hostKey() ^ Rng.mix(bucket * 31 + i);
            Cidr prefix = c.front().prefixes().get((int) Math.floorMod(h, (long) c.front().prefixes().size()));
            String ip = address(prefix, Rng.mix(h));
            ips.add(ip);
            attributions.add(new IpAttribution(ip, c.front().provider(), c.front().region(), c.front().providerService(),
                    c.front().provider() == null ? null : prefix.toString()));
        }
        r.bucket = bucket;
        r.ips = List.copyOf(ips);
        r.attributions = List.copyOf(attributions);
        return r;
    }

    private static String reason(int status) {
        return switch (status) {
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 403 -> "Forbidden";
            case 429 -> "Too Many Requests";
            default -> "Error";
        };
    }

    /** An address inside {@code prefix} picked by {@code h}, avoiding the network and broadcast addresses. */
    static String address(Cidr prefix, long h) {
        if (prefix.v4()) {
            long size = 1L << (32 - prefix.length());
            long offset = size <= 4 ? Math.floorMod(h, size) : 1 + Math.floorMod(h, size - 2);
            long a = prefix.low() + offset;
            return ((a >>> 24) & 0xFF) + "." + ((a >>> 16) & 0xFF) + "." + ((a >>> 8) & 0xFF) + "." + (a & 0xFF);
        }
        int hostBits = Math.min(64, 128 - prefix.length());
        long offset = hostBits >= 64 ? (h & Long.MAX_VALUE) : Math.floorMod(h, 1L << hostBits);
        String text = new Cidr(false, prefix.high(), prefix.low() + Math.max(1, offset), 128).toString();
        return text.substring(0, text.indexOf('/'));
    }

    static String host(String endpoint) {
        String h = endpoint.replaceFirst("^[a-z]+://", "");
        int slash = h.indexOf('/');
        h = slash < 0 ? h : h.substring(0, slash);
        int colon = h.indexOf(':');
        return (colon < 0 ? h : h.substring(0, colon)).toLowerCase(Locale.ROOT);
    }

    private static String cname(String host, String suffix) {
        if (suffix.startsWith(".")) {
            return host + suffix;
        }
        return suffix.replace("{h}", StatusPosts.hex(Rng.key(host), 12));
    }

    /** Round trip from a vantage to the front door: close to a CDN everywhere, far from a distant region. */
    private static double rtt(String vantageRegion, FrontDoor front, Rng rng) {
        String where = front.location();
        if (where == null) {
            return 8 + rng.nextDouble() * 17;
        }
        if (where.equals(vantageRegion)) {
            return 4 + rng.nextDouble() * 10;
        }
        if (continent(where).equals(continent(vantageRegion))) {
            return 25 + rng.nextDouble() * 45;
        }
        return 110 + rng.nextDouble() * 140;
    }

    private static String continent(String location) {
        int dash = location == null ? -1 : location.indexOf('-');
        return dash < 0 ? String.valueOf(location) : location.substring(0, dash);
    }

    /** The scope (or own network) the service's endpoints answer from. */
    static FrontDoor frontDoor(World world, Service s, int depth) {
        for (DependencyKind kind : FRONT_DOOR) {
            for (DependencyEdge e : s.dependencies()) {
                if (e.toScope() && e.kind() == kind) {
                    Optional<FrontDoor> f = addresses(world, e.targetScope());
                    if (f.isPresent()) {
                        return f.get();
                    }
                }
            }
        }
        if (!s.prefixes().isEmpty()) {
            return new FrontDoor(s.prefixes(), null, null, null, null, null);
        }
        for (DependencyEdge e : s.dependencies()) {
            if (e.toScope() && e.kind() != DependencyKind.DNS) {
                Optional<FrontDoor> f = addresses(world, e.targetScope());
                if (f.isPresent()) {
                    return f.get();
                }
            }
        }
        if (depth < 3) {
            for (DependencyEdge e : s.dependencies()) {
                if (!e.toScope()) {
                    return frontDoor(world, world.requireService(e.to()), depth + 1);
                }
            }
        }
        return new FrontDoor(DOCUMENTATION, null, null, null, null, null);
    }

    /** Published addresses of a scope: the service's own in that region, those it serves from, the region's, the provider's. */
    static Optional<FrontDoor> addresses(World world, ScopeId scope) {
        Provider p = world.provider(scope.provider()).orElse(null);
        if (p == null) {
            return Optional.empty();
        }
        String location = scope.isGlobalRegion() ? null : p.region(scope.region()).map(Region::location).orElse(null);
        String suffix = cnameSuffix(scope);
        if (scope.service() != null) {
            ProviderService svc = p.service(scope.service()).orElse(null);
            for (ProviderService candidate : svc == null ? List.<ProviderService>of()
                    : svc.addressesFrom() == null ? List.of(svc) : List.of(svc, p.service(svc.addressesFrom()).orElse(svc))) {
                List<Cidr> own = candidate.prefixes().get(scope.region());
                if (own != null && !own.isEmpty()) {
                    return Optional.of(new FrontDoor(own, p.id(), scope.region(), candidate.id(), location, suffix));
                }
            }
        }
        if (!scope.isGlobalRegion()) {
            Region r = p.region(scope.region()).orElse(null);
            if (r != null && !r.prefixes().isEmpty()) {
                return Optional.of(new FrontDoor(r.prefixes(), p.id(), r.id(), null, location, suffix));
            }
            Optional<ProviderService> compute = p.services().stream()
                    .filter(x -> x.prefixes().containsKey(scope.region()) && x.addressesFrom() == null).findFirst();
            if (compute.isPresent()) {
                return Optional.of(new FrontDoor(compute.get().prefixes().get(scope.region()), p.id(), scope.region(),
                        compute.get().id(), location, suffix));
            }
        }
        if (!p.prefixes().isEmpty()) {
            return Optional.of(new FrontDoor(p.prefixes(), p.id(), ScopeId.GLOBAL, null, location, suffix));
        }
        return Optional.empty();
    }

    private static String cnameSuffix(ScopeId scope) {
        String key = scope.provider() + "/" + scope.service();
        return switch (key) {
            case "cloudflare/cdn", "cloudflare/pages", "cloudflare/workers" -> ".cdn.cloudflare.net";
            case "aws/cloudfront" -> "d{h}.cloudfront.net";
            case "fastly/cdn", "fastly/compute" -> "dualstack.{h}.map.fastly.net";
            case "akamai/cdn" -> ".edgekey.net";
            case "azure/front-door" -> "{h}.azurefd.net";
            case "aws/elb", "aws/nlb" -> "{h}." + scope.region() + ".elb.amazonaws.com";
            default -> null;
        };
    }
}
