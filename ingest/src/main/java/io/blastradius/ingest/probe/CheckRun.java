package io.blastradius.ingest.probe;

import io.blastradius.ingest.probe.ranges.Attribution;
import io.blastradius.ingest.probe.ranges.RangeTable;
import io.blastradius.schemas.DnsObservation;
import io.blastradius.schemas.IpAttribution;
import io.blastradius.schemas.ProbeErrorClass;
import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.ProbeTarget;
import io.blastradius.schemas.ProbeTimings;
import io.blastradius.schemas.TlsObservation;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The state of one check while it runs, and the {@link ProbeResult} it becomes. */
final class CheckRun {
    final Check check;
    final Instant startedAt;
    final long startNanos;
    final long deadlineNanos;

    List<InetAddress> addresses = List.of();
    List<String> cnames = List.of();
    Double dnsMs;
    Double connectMs;
    Double tlsMs;
    Double firstByteMs;
    Double transferMs;
    Integer httpStatus;
    DnsObservation dns;
    TlsObservation tls;
    private ProbeErrorClass error = ProbeErrorClass.NONE;
    private String message;
    private final Set<Closeable> open = ConcurrentHashMap.newKeySet();

    CheckRun(Check check, Instant startedAt, long startNanos, Duration timeout) {
        this.check = check;
        this.startedAt = startedAt;
        this.startNanos = startNanos;
        this.deadlineNanos = startNanos + timeout.toNanos();
    }

    /**
     * Socket timeout for a phase: the phase's own limit or what is left of the check's deadline,
     * whichever is shorter. Throws the phase's timeout class when nothing is left.
     */
    int budget(Duration phase, ProbeErrorClass onExpiry, String what) throws ProbeFailure {
        long leftNanos = deadlineNanos - System.nanoTime();
        if (leftNanos <= 0) {
            throw new ProbeFailure(onExpiry, what + " not done at the check deadline");
        }
        // rounded up, so that a timeout capped by the deadline fires at or just after it, not before
        long left = (leftNanos + 999_999) / 1_000_000;
        return (int) Math.max(1, Math.min(phase.toMillis(), left));
    }

    boolean pastDeadline() {
        return System.nanoTime() - deadlineNanos >= 0;
    }

    static double millisSince(long fromNanos) {
        return Math.round((System.nanoTime() - fromNanos) / 1_000.0) / 1_000.0;
    }

    /** Registers a socket so that a shutdown can close it under a blocked read. */
    <T extends Closeable> T track(T resource) {
        open.add(resource);
        return resource;
    }

    void closeAll() {
        for (Closeable c : open) {
            try {
                c.close();
            } catch (IOException e) {
                // closing to abort or clean up: nothing more can be done about a failing close
            }
        }
        open.clear();
    }

    void fail(ProbeErrorClass errorClass, String why) {
        if (error == ProbeErrorClass.NONE) {
            error = errorClass;
            message = why;
        }
    }

    ProbeResult result(VantagePoint vantage, RangeTable ranges, Instant now) {
        List<String> ips = new ArrayList<>(addresses.size());
        List<IpAttribution> attributions = new ArrayList<>(addresses.size());
        for (InetAddress a : addresses) {
            String ip = a.getHostAddress();
            ips.add(ip);
            Attribution at = ranges.lookup(a);
            attributions.add(IpAttribution.newBuilder()
                    .setIp(ip)
                    .setProvider(at == null ? null : at.provider())
                    .setRegion(at == null ? null : at.region())
                    .setProviderService(at == null ? null : at.service())
                    .setPrefix(at == null ? null : at.prefix())
                    .build());
        }
        return ProbeResult.newBuilder()
                .setProbeId(UUID.randomUUID().toString())
                .setCheckId(check.id())
                .setVantage(vantage.toAvro())
                .setTarget(ProbeTarget.newBuilder().setService(check.service()).setEndpoint(check.endpoint())
                        .setProtocol(check.protocol()).build())
                .setStartedAt(startedAt)
                .setIngestTime(now)
                .setDurationMs(millisSince(startNanos))
                .setSuccess(error == ProbeErrorClass.NONE)
                .setErrorClass(error)
                .setErrorMessage(message)
                .setHttpStatus(httpStatus)
                .setResolvedIps(ips)
                .setCnames(new ArrayList<>(cnames))
                .setAttributions(attributions)
                .setTimings(ProbeTimings.newBuilder().setDnsMs(dnsMs).setConnectMs(connectMs).setTlsMs(tlsMs)
                        .setFirstByteMs(firstByteMs).setTransferMs(transferMs).build())
                .setDns(dns)
                .setTls(tls)
                .build();
    }
}
