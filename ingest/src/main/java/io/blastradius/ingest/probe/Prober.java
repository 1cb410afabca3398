package io.blastradius.ingest.probe;

import io.blastradius.ingest.probe.dns.DnsClient;
import io.blastradius.ingest.probe.dns.DnsException;
import io.blastradius.ingest.probe.dns.HostResolver;
import io.blastradius.ingest.probe.dns.Resolution;
import io.blastradius.ingest.probe.ranges.RangeTable;
import io.blastradius.schemas.DnsObservation;
import io.blastradius.schemas.ProbeErrorClass;
import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.TlsObservation;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Type;

/**
 * Runs HTTP(S), TCP, TLS and DNS checks from one vantage point and reports each as a
 * {@link ProbeResult} with per-phase timings, a normalized error class, the resolved addresses,
 * the CNAME chain and the cloud attribution of every address.
 *
 * <p>Checks run on a fixed pool of {@code concurrency} threads. Every blocking step has a timeout
 * no longer than what is left of the check's deadline, so a hanging target holds one thread for
 * at most {@code checkTimeout} and never delays the others beyond taking that slot. A check still
 * running from an earlier round is not started again, so slow targets cannot pile up work.
 * Target failures never throw: they are results.
 */
public final class Prober implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Prober.class);
    private static final Check WARM_UP = Check.parse("warm-up|TCP|127.0.0.1:9");

    private final ProberSettings settings;
    private final VantagePoint vantage;
    private final Supplier<RangeTable> ranges;
    private final TlsSupport tls;
    private final Clock clock;
    private final HostResolver resolver;
    private final DnsClient dnsClient = new DnsClient();
    private final ThreadPoolExecutor pool;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<CheckRun> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param ranges the current IP-range table, read at the end of each check (a refresh swaps it)
     */
    public Prober(ProberSettings settings, VantagePoint vantage, Supplier<RangeTable> ranges, TlsSupport tls, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.vantage = Objects.requireNonNull(vantage, "vantage");
        this.ranges = Objects.requireNonNull(ranges, "ranges");
        this.tls = Objects.requireNonNull(tls, "tls");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.resolver = settings.resolvers().isEmpty() ? null
                : new HostResolver(dnsClient, settings.resolvers(), settings.dnsTimeout());
        AtomicInteger n = new AtomicInteger();
        // the queue is unbounded but holds at most one entry per check: a check in flight is not queued again
        this.pool = new ThreadPoolExecutor(settings.concurrency(), settings.concurrency(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "probe-" + vantage.id() + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
    }

    public VantagePoint vantage() {
        return vantage;
    }

    /**
     * Pays the one-off costs of a JVM's first check now, before any target is timed: JSSE's
     * handshake machinery and the Avro builders of a result. Without it the first round's TLS timings
     * are inflated and, on a loaded machine, its first HTTPS check can run out of its deadline.
     * Contacts nothing; a failure here only means the first check pays after all.
     */
    public void warmUp() {
        long start = System.nanoTime();
        try {
            tls.warmUp();
        } catch (IOException | RuntimeException e) {
            LOG.debug("TLS warm-up failed; the first TLS check pays for it", e);
        }
        CheckRun idle = new CheckRun(WARM_UP, clock.instant(), System.nanoTime(), settings.checkTimeout());
        idle.tls = TlsObservation.newBuilder().build();
        idle.result(vantage, RangeTable.empty(), clock.instant());
        LOG.debug("prober of {} warmed up in {} ms", vantage.id(), CheckRun.millisSince(start));
    }

    /**
     * Starts every check of a round on the pool and hands each result to {@code sink} as soon as it
     * is ready (from the pool's threads; the sink may block to apply backpressure).
     *
     * @return completes when every check started by this round has reported
     */
    public Round run(List<Check> checks, Consumer<ProbeResult> sink) {
        List<CompletableFuture<Void>> started = new ArrayList<>(checks.size());
        List<Check> skipped = new ArrayList<>();
        for (Check check : checks) {
            if (closed || !inFlight.add(check.id())) {
                skipped.add(check);
                continue;
            }
            try {
                started.add(CompletableFuture.runAsync(() -> {
                    try {
                        ProbeResult result = check(check);
                        if (!closed) {
                            sink.accept(result);
                        }
                    } catch (RuntimeException e) {
                        LOG.error("probe sink failed for {}", check, e);
                    } finally {
                        inFlight.remove(check.id());
                    }
                }, pool));
            } catch (RejectedExecutionException e) {
                inFlight.remove(check.id());
                skipped.add(check);
            }
        }
        if (!skipped.isEmpty() && !closed) {
            LOG.warn("{} check(s) still running from an earlier round were not started again: {}", skipped.size(),
                    skipped.size() <= 5 ? skipped : skipped.subList(0, 5) + "...");
        }
        return new Round(started.size(), List.copyOf(skipped),
                CompletableFuture.allOf(started.toArray(new CompletableFuture<?>[0])));
    }

    /**
     * The outcome of starting a round.
     *
     * @param started checks started
     * @param skipped checks not started because they were still running (or the prober is closed)
     * @param done completes when every started check has reported
     */
    public record Round(int started, List<Check> skipped, CompletableFuture<Void> done) {
    }

    /** Runs one check on the calling thread. Never throws for a failing target. */
    public ProbeResult check(Check check) {
        CheckRun run = new CheckRun(check, clock.instant(), System.nanoTime(), settings.checkTimeout());
        running.add(run);
        try {
            switch (check.protocol()) {
                case HTTP -> http(run);
                case TCP -> connect(run, resolve(run)).close();
                case TLS -> handshake(run, connect(run, resolve(run))).close();
                case DNS -> dns(run);
                default -> throw new ProbeFailure(ProbeErrorClass.OTHER, check.protocol() + " is not supported");
            }
        } catch (ProbeFailure f) {
            run.fail(f.errorClass(), f.getMessage());
        } catch (IOException e) {
            run.fail(ProbeErrorClass.OTHER, e.toString()); // closing a finished connection failed: still a result
        } catch (RuntimeException e) {
            LOG.warn("check {} failed unexpectedly", check, e);
            run.fail(ProbeErrorClass.OTHER, "prober error: " + e);
        } finally {
            run.closeAll();
            running.remove(run);
        }
        if (closed) {
            run.fail(ProbeErrorClass.OTHER, "prober stopped during the check");
        }
        return run.result(vantage, ranges.get(), clock.instant());
    }

    private void http(CheckRun run) throws ProbeFailure {
        Socket socket = connect(run, resolve(run));
        if (run.check.tls()) {
            socket = handshake(run, socket);
        }
        HttpExchange.get(socket, run, settings);
    }

    /** Resolves the check's host (literals need no DNS) and records addresses, chain and timing. */
    private InetAddress resolve(CheckRun run) throws ProbeFailure {
        Check check = run.check;
        if (check.hostIsLiteral()) {
            try {
                run.addresses = List.of(InetAddress.getByName(check.host()));
                return run.addresses.get(0);
            } catch (UnknownHostException e) {
                throw new ProbeFailure(ProbeErrorClass.OTHER, "invalid address '" + check.host() + "'");
            }
        }
        if (resolver == null) {
            throw new ProbeFailure(ProbeErrorClass.OTHER, "no resolver configured to resolve '" + check.host() + "'");
        }
        long start = System.nanoTime();
        try {
            Resolution r = resolver.resolve(check.host(), settings.family(), run.deadlineNanos);
            run.dnsMs = CheckRun.millisSince(start);
            run.addresses = r.addresses();
            run.cnames = r.cnames();
            return r.addresses().get(0);
        } catch (DnsException e) {
            run.dnsMs = CheckRun.millisSince(start);
            throw ProbeFailure.dns(e);
        }
    }

    private Socket connect(CheckRun run, InetAddress address) throws ProbeFailure {
        Socket socket = run.track(new Socket());
        InetSocketAddress target = new InetSocketAddress(address, run.check.port());
        long start = System.nanoTime();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(target, run.budget(settings.connectTimeout(), ProbeErrorClass.CONNECT_TIMEOUT, "connect"));
            run.connectMs = CheckRun.millisSince(start);
            return socket;
        } catch (IOException e) {
            run.connectMs = CheckRun.millisSince(start);
            throw ProbeFailure.connect(e, DnsClient.format(target));
        }
    }

    private SSLSocket handshake(CheckRun run, Socket plain) throws ProbeFailure {
        long start = System.nanoTime();
        SSLSocket ssl = null;
        try {
            int timeout = run.budget(settings.tlsTimeout(), ProbeErrorClass.TLS_HANDSHAKE, "TLS handshake");
            ssl = run.track(tls.handshake(plain, run.check.host(), run.check.port(), run.check.hostIsLiteral(), timeout));
            run.tlsMs = CheckRun.millisSince(start);
            return ssl;
        } catch (IOException e) {
            run.tlsMs = CheckRun.millisSince(start);
            throw ProbeFailure.tls(e);
        } finally {
            run.tls = tls.observation(ssl);
        }
    }

    private void dns(CheckRun run) throws ProbeFailure {
        Check check = run.check;
        List<InetSocketAddress> candidates = check.dnsResolver() != null ? List.of(check.dnsResolver())
                : settings.resolvers();
        if (candidates.isEmpty()) {
            throw new ProbeFailure(ProbeErrorClass.OTHER, "no resolver configured for " + check.host());
        }
        HostResolver one = new HostResolver(dnsClient, candidates, settings.dnsTimeout());
        String type = Type.string(check.dnsType());
        long start = System.nanoTime();
        DnsException last = null;
        for (InetSocketAddress server : candidates) {
            try {
                Resolution r = one.lookup(server, check.host(), check.dnsType(), run.deadlineNanos);
                run.dnsMs = CheckRun.millisSince(start);
                run.addresses = r.addresses();
                run.cnames = r.cnames();
                run.dns = DnsObservation.newBuilder().setResolver(DnsClient.format(server)).setQueryType(type)
                        .setRcode(r.rcode()).setTtl(r.minTtl()).setAnswers(new ArrayList<>(r.answers())).build();
                switch (r.rcode()) {
                    case "NOERROR" -> {
                        if (r.answers().isEmpty()) {
                            throw new ProbeFailure(ProbeErrorClass.OTHER, "NOERROR without a " + type
                                    + " answer (NODATA) for " + check.host());
                        }
                        return;
                    }
                    case "NXDOMAIN" -> throw new ProbeFailure(ProbeErrorClass.DNS_NXDOMAIN, "NXDOMAIN for " + check.host());
                    case "SERVFAIL" -> throw new ProbeFailure(ProbeErrorClass.DNS_SERVFAIL, "SERVFAIL for " + check.host());
                    case "REFUSED" -> throw new ProbeFailure(ProbeErrorClass.DNS_REFUSED, "REFUSED for " + check.host());
                    default -> throw new ProbeFailure(ProbeErrorClass.OTHER, r.rcode() + " for " + check.host());
                }
            } catch (DnsException e) {
                last = e;
                if (e.kind() != DnsException.Kind.TIMEOUT || run.pastDeadline()) {
                    break;
                }
            }
        }
        run.dnsMs = CheckRun.millisSince(start);
        run.dns = DnsObservation.newBuilder()
                .setResolver(last.resolver() == null ? DnsClient.format(candidates.get(0)) : DnsClient.format(last.resolver()))
                .setQueryType(type).setRcode(last.rcode() == null ? "ERROR" : last.rcode()).build();
        throw ProbeFailure.dns(last);
    }

    /** Checks running right now; for monitoring and tests. */
    public int runningChecks() {
        return running.size();
    }

    /** Stops: no new checks start, running ones are aborted by closing their sockets. */
    @Override
    public void close() {
        closed = true;
        pool.shutdownNow();
        for (CheckRun run : running) {
            run.closeAll();
        }
        try {
            if (!pool.awaitTermination(settings.checkTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("probe threads of {} still running after close", vantage.id());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
