package io.blastradius.ingest.probe;

import io.blastradius.ingest.probe.dns.HostResolver;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the prober checks: timeouts per phase and per check, resolvers, body limits and which HTTP
 * statuses pass.
 *
 * @param checkTimeout deadline of one whole check, DNS to last body byte; no check runs longer
 * @param dnsTimeout how long one resolver gets before the next one is asked
 * @param connectTimeout TCP connect
 * @param tlsTimeout TLS handshake
 * @param firstByteTimeout request sent to first response byte, and the longest gap between reads
 * @param resolvers recursive resolvers, in order of preference
 * @param family address family targets are resolved to and connected over
 * @param maxBodyBytes body bytes read before the transfer is cut short (the check still passes)
 * @param successStatusMin lowest HTTP status that passes
 * @param successStatusMax highest HTTP status that passes
 * @param concurrency checks that run at the same time; a hanging target holds one slot until its deadline
 * @param userAgent sent with every HTTP request
 */
public record ProberSettings(Duration checkTimeout, Duration dnsTimeout, Duration connectTimeout, Duration tlsTimeout,
        Duration firstByteTimeout, List<InetSocketAddress> resolvers, HostResolver.Family family, int maxBodyBytes,
        int successStatusMin, int successStatusMax, int concurrency, String userAgent) {

    /** Sent unless configured otherwise: says who probes and why, as status pages ask. */
    public static final String DEFAULT_USER_AGENT = "blastradius-probe/0.1 (synthetic availability check)";

    public ProberSettings {
        Objects.requireNonNull(checkTimeout, "checkTimeout");
        Objects.requireNonNull(dnsTimeout, "dnsTimeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(tlsTimeout, "tlsTimeout");
        Objects.requireNonNull(firstByteTimeout, "firstByteTimeout");
        resolvers = List.copyOf(resolvers);
        Objects.requireNonNull(family, "family");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        if (successStatusMin > successStatusMax) {
            throw new IllegalArgumentException("HTTP success range " + successStatusMin + "-" + successStatusMax + " is empty");
        }
    }

    /** Defaults for tests and small setups: 10 s per check, 2xx and 3xx pass, 16 at a time. */
    public static ProberSettings defaults(List<InetSocketAddress> resolvers) {
        return new ProberSettings(Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(3),
                Duration.ofSeconds(3), Duration.ofSeconds(5), resolvers, HostResolver.Family.V4, 256 * 1024, 200, 399, 16,
                DEFAULT_USER_AGENT);
    }

    public ProberSettings withCheckTimeout(Duration d) {
        return new ProberSettings(d, dnsTimeout, connectTimeout, tlsTimeout, firstByteTimeout, resolvers, family,
                maxBodyBytes, successStatusMin, successStatusMax, concurrency, userAgent);
    }

    public ProberSettings withConcurrency(int n) {
        return new ProberSettings(checkTimeout, dnsTimeout, connectTimeout, tlsTimeout, firstByteTimeout, resolvers, family,
                maxBodyBytes, successStatusMin, successStatusMax, n, userAgent);
    }

    public ProberSettings withPhaseTimeouts(Duration dns, Duration connect, Duration tls, Duration firstByte) {
        return new ProberSettings(checkTimeout, dns, connect, tls, firstByte, resolvers, family, maxBodyBytes,
                successStatusMin, successStatusMax, concurrency, userAgent);
    }
}
