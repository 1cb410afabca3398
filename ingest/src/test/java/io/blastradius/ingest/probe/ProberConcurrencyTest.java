package io.blastradius.ingest.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.blastradius.ingest.probe.ranges.RangeTable;
import io.blastradius.schemas.ProbeErrorClass;
import io.blastradius.schemas.ProbeResult;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rounds of checks where some targets hang: the others must not wait for them. */
class ProberConcurrencyTest {
    private LocalDnsServer dns;
    private ScriptedServer server;

    @BeforeEach
    void start() throws Exception {
        dns = new LocalDnsServer().a("fast.test", "127.0.0.1", 60).a("stuck.test", "127.0.0.1", 60);
        server = ScriptedServer.http();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        dns.close();
    }

    /**
     * DNS, connect and TLS get limits no local step comes near on a loaded machine: only the check
     * deadline and the first-byte limit, which these tests are about, ever run out.
     */
    private Prober prober(Duration checkTimeout, Duration firstByteTimeout, int concurrency) {
        ProberSettings s = ProberSettings.defaults(List.of(dns.udpAddress()))
                .withCheckTimeout(checkTimeout)
                .withPhaseTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10), firstByteTimeout)
                .withConcurrency(concurrency);
        return new Prober(s, new VantagePoint("probe-test", "local", null, null), RangeTable::empty,
                TlsSupport.withSystemTrust(), Clock.systemUTC());
    }

    private List<Check> fastChecks(int n) {
        List<Check> checks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            checks.add(Check.parse("svc" + i + "|http://fast.test:" + server.port() + "/ok"));
        }
        return checks;
    }

    @Test
    void oneHangingTargetDoesNotDelayTheRest() {
        List<ProbeResult> results = new CopyOnWriteArrayList<>();
        Check hanging = Check.parse("stuck|http://stuck.test:" + server.port() + "/hang");
        List<Check> checks = new ArrayList<>();
        checks.add(hanging);
        checks.addAll(fastChecks(8));
        try (Prober prober = prober(Duration.ofSeconds(60), Duration.ofSeconds(60), 4)) {
            Prober.Round round = prober.run(checks, results::add);
            assertThat(round.started()).isEqualTo(9);

            // every fast target reports while the hanging one is still held open by the server
            await().atMost(Duration.ofSeconds(50)).until(() -> results.size() == 8);
            assertThat(results).allMatch(ProbeResult::getSuccess)
                    .noneMatch(r -> r.getCheckId().equals(hanging.id()));
            assertThat(server.hangingNow()).isEqualTo(1);
            assertThat(prober.runningChecks()).isEqualTo(1);
            assertThat(round.done()).isNotDone();
        }
    }

    @Test
    void aHangingTargetEndsAtItsDeadlineAsReadTimeout() throws Exception {
        List<ProbeResult> results = new CopyOnWriteArrayList<>();
        try (Prober prober = prober(Duration.ofSeconds(3), Duration.ofSeconds(60), 4)) {
            Prober.Round round = prober.run(List.of(Check.parse("stuck|http://stuck.test:" + server.port() + "/hang")),
                    results::add);
            round.done().get(60, TimeUnit.SECONDS);
            // ended by the 3 s deadline, not by the 60 s first-byte limit
            assertThat(results).singleElement().satisfies(r -> {
                assertThat(r.getErrorClass()).isEqualTo(ProbeErrorClass.READ_TIMEOUT);
                assertThat(r.getDurationMs()).isGreaterThanOrEqualTo(2_950.0).isLessThan(30_000.0);
            });
        }
    }

    @Test
    void withMoreHangingTargetsThanSlotsTheRestWaitOnlyForTheDeadline() throws Exception {
        List<ProbeResult> results = new CopyOnWriteArrayList<>();
        List<Check> checks = new ArrayList<>();
        checks.add(Check.parse("stuck1|http://stuck.test:" + server.port() + "/hang"));
        checks.add(Check.parse("stuck2|http://stuck.test:" + server.port() + "/hang"));
        checks.addAll(fastChecks(3));
        try (Prober prober = prober(Duration.ofSeconds(3), Duration.ofSeconds(60), 2)) {
            prober.run(checks, results::add).done().get(60, TimeUnit.SECONDS);
        }
        assertThat(results).hasSize(5);
        assertThat(results).filteredOn(ProbeResult::getSuccess).hasSize(3);
        assertThat(results).filteredOn(r -> r.getErrorClass() == ProbeErrorClass.READ_TIMEOUT).hasSize(2);
    }

    @Test
    void aCheckStillRunningIsNotStartedAgainByTheNextRound() {
        Check hanging = Check.parse("stuck|http://stuck.test:" + server.port() + "/hang");
        try (Prober prober = prober(Duration.ofSeconds(60), Duration.ofSeconds(60), 4)) {
            prober.run(List.of(hanging), r -> { });
            await().atMost(Duration.ofSeconds(10)).until(() -> server.hangingNow() == 1);
            Prober.Round second = prober.run(List.of(hanging), r -> { });
            assertThat(second.started()).isZero();
            assertThat(second.skipped()).containsExactly(hanging);
        }
    }

    @Test
    void closingAbortsChecksThatAreStillRunning() throws Exception {
        List<ProbeResult> results = new CopyOnWriteArrayList<>();
        Prober prober = prober(Duration.ofSeconds(60), Duration.ofSeconds(60), 2);
        Prober.Round round = prober.run(List.of(Check.parse("stuck|http://stuck.test:" + server.port() + "/hang")),
                results::add);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.hangingNow() == 1);
        prober.close();
        round.done().get(10, TimeUnit.SECONDS);
        assertThat(prober.runningChecks()).isZero();
        assertThat(results).isEmpty(); // nothing is reported after close
    }
}
