package io.blastradius.ingest.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.ingest.probe.ranges.RangeFileParser;
import io.blastradius.ingest.probe.ranges.RangeFormat;
import io.blastradius.ingest.probe.ranges.RangeTable;
import io.blastradius.schemas.IpAttribution;
import io.blastradius.schemas.ProbeErrorClass;
import io.blastradius.schemas.ProbeProtocol;
import io.blastradius.schemas.ProbeResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The prober against real local servers: HTTP, HTTPS with good and bad certificates, silent and
 * refusing TCP ports, and a DNS server that answers, chains, fails and stays silent. Every name is
 * resolved by that local DNS server; every address is 127.0.0.1.
 */
class ProberTest {
    /** Loopback listed as CloudFront in the AWS format, so attribution shows in results. */
    private static final String LOOPBACK_AS_CLOUDFRONT = """
            {"syncToken": "1", "createDate": "2026-01-01-00-00-00",
             "prefixes": [
               {"ip_prefix": "127.0.0.0/8", "region": "GLOBAL", "service": "AMAZON", "network_border_group": "GLOBAL"},
               {"ip_prefix": "127.0.0.0/8", "region": "GLOBAL", "service": "CLOUDFRONT", "network_border_group": "GLOBAL"}],
             "ipv6_prefixes": []}""";

    private static final Duration GENEROUS = Duration.ofSeconds(10);
    /** The limit of a phase under test: it never completes, so any value works; this one keeps the test short. */
    private static final Duration SHORT = Duration.ofMillis(800);

    private static TestCertificates certs;
    private static LocalDnsServer dns;
    private static ScriptedServer http;
    private static ScriptedServer https;
    private static ScriptedServer expired;
    private static ScriptedServer wrongHost;
    private static ScriptedServer selfSigned;
    private static RangeTable ranges;

    private Prober prober;
    private ScriptedServer silent;

    @BeforeAll
    static void startServers() throws Exception {
        certs = new TestCertificates();
        Instant now = Instant.now();
        http = ScriptedServer.http();
        https = ScriptedServer.https(certs.server(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)),
                "api.test", "127.0.0.1"));
        expired = ScriptedServer.https(certs.server(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)),
                "api.test"));
        wrongHost = ScriptedServer.https(certs.server(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)),
                "other.test"));
        SSLContext self = certs.selfSigned("api.test");
        selfSigned = ScriptedServer.https(self);
        dns = new LocalDnsServer()
                .a("api.test", "127.0.0.1", 300)
                .cname("www.shop.test", "shop.edge.test", 3600)
                .cname("shop.edge.test", "d111abcdef8.cloudfront.net", 60)
                .a("d111abcdef8.cloudfront.net", "127.0.0.1", 20)
                .cname("lazy.test", "lazy-target.test", 120).noChase("lazy.test")
                .a("lazy-target.test", "127.0.0.1", 30)
                .cname("loop-a.test", "loop-b.test", 60).noChase("loop-a.test")
                .cname("loop-b.test", "loop-a.test", 60).noChase("loop-b.test")
                .cname("dangling.test", "gone.test", 60)
                .aaaa("v6only.test", "::1", 60)
                .a("big.test", "127.0.0.1", 90).truncated("big.test")
                .servfail("broken.test")
                .refused("private.test")
                .silent("slow.test");
        ranges = RangeTable.build(RangeFileParser.parse(RangeFormat.AWS,
                LOOPBACK_AS_CLOUDFRONT.getBytes(StandardCharsets.UTF_8), "test").entries());
    }

    @AfterAll
    static void stopServers() throws IOException {
        for (AutoCloseable c : new AutoCloseable[] {http, https, expired, wrongHost, selfSigned, dns}) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
    }

    @BeforeEach
    void startProber() throws Exception {
        silent = ScriptedServer.silent();
        prober = prober(settings());
    }

    @AfterEach
    void stopProber() throws IOException {
        prober.close();
        silent.close();
    }

    /**
     * Limits no local step comes near, even on a loaded machine (the first TLS handshake of a JVM
     * alone can take a second there): these tests are about classification, not speed. A test of a
     * timeout shortens only the limit it tests, with {@link #shortened}.
     */
    private static ProberSettings settings() {
        return ProberSettings.defaults(List.of(dns.udpAddress()))
                .withCheckTimeout(Duration.ofSeconds(30))
                .withPhaseTimeouts(GENEROUS, GENEROUS, GENEROUS, GENEROUS);
    }

    /** A prober whose one phase limit is {@link #SHORT}; the caller closes it. */
    private static Prober shortened(Phase phase) throws Exception {
        return prober(settings().withPhaseTimeouts(phase == Phase.DNS ? SHORT : GENEROUS,
                phase == Phase.CONNECT ? SHORT : GENEROUS, phase == Phase.TLS ? SHORT : GENEROUS,
                phase == Phase.FIRST_BYTE ? SHORT : GENEROUS));
    }

    private enum Phase { DNS, CONNECT, TLS, FIRST_BYTE }

    private static Prober prober(ProberSettings settings) throws Exception {
        return new Prober(settings, new VantagePoint("probe-test", "local", 64_512L, null), () -> ranges,
                TlsSupport.withTrustStore(certs.trustStore()), Clock.systemUTC());
    }

    private ProbeResult check(String spec) {
        return prober.check(Check.parse(spec));
    }

    // ---- passing checks ------------------------------------------------------------------------

    @Test
    void passesAnHttpsCheckWithEveryPhaseTimedAndTheAddressAttributed() {
        ProbeResult r = check("coinbase|https://api.test:" + https.port() + "/ok");
        assertThat(r.getSuccess()).as(r.getErrorMessage()).isTrue();
        assertThat(r.getErrorClass()).isEqualTo(ProbeErrorClass.NONE);
        assertThat(r.getHttpStatus()).isEqualTo(200);
        assertThat(r.getCheckId()).isEqualTo("coinbase|HTTP|https://api.test:" + https.port() + "/ok");
        assertThat(r.getTarget().getService()).isEqualTo("coinbase");
        assertThat(r.getTarget().getProtocol()).isEqualTo(ProbeProtocol.HTTP);
        assertThat(r.getVantage().getId()).isEqualTo("probe-test");
        assertThat(r.getVantage().getAsn()).isEqualTo(64_512L);
        assertThat(r.getTimings().getDnsMs()).isNotNull().isGreaterThanOrEqualTo(0.0);
        assertThat(r.getTimings().getConnectMs()).isNotNull();
        assertThat(r.getTimings().getTlsMs()).isNotNull().isPositive();
        assertThat(r.getTimings().getFirstByteMs()).isNotNull();
        assertThat(r.getTimings().getTransferMs()).isNotNull();
        assertThat(r.getDurationMs()).isGreaterThanOrEqualTo(r.getTimings().getTlsMs());
        assertThat(r.getResolvedIps()).containsExactly("127.0.0.1");
        assertThat(r.getAttributions()).singleElement().satisfies(a -> {
            assertThat(a.getIp()).isEqualTo("127.0.0.1");
            assertThat(a.getProvider()).isEqualTo("aws");
            assertThat(a.getRegion()).isEqualTo("global");
            assertThat(a.getProviderService()).isEqualTo("cloudfront");
            assertThat(a.getPrefix()).isEqualTo("127.0.0.0/8");
        });
        assertThat(r.getTls().getVersion()).startsWith("TLSv1.");
        assertThat(r.getTls().getSubject()).contains("api.test");
        assertThat(r.getTls().getCertNotAfter()).isAfter(Instant.now());
        assertThat(r.getDns()).isNull();
    }

    @Test
    void followsTheCnameChainToTheAddressAndRecordsIt() {
        ProbeResult r = check("shop|http://www.shop.test:" + http.port() + "/ok");
        assertThat(r.getSuccess()).as(r.getErrorMessage()).isTrue();
        assertThat(r.getCnames()).containsExactly("shop.edge.test", "d111abcdef8.cloudfront.net");
        assertThat(r.getResolvedIps()).containsExactly("127.0.0.1");
        assertThat(r.getTls()).isNull();
        assertThat(r.getTimings().getTlsMs()).isNull();
    }

    @Test
    void asksAgainForTheEndOfAChainWhenTheResolverStopsAtACname() {
        ProbeResult r = check("lazy|http://lazy.test:" + http.port() + "/ok");
        assertThat(r.getSuccess()).as(r.getErrorMessage()).isTrue();
        assertThat(r.getCnames()).containsExactly("lazy-target.test");
        assertThat(dns.queriesFor("lazy-target.test")).isPositive();
    }

    @Test
    void readsChunkedBodiesAndSkipsInterimResponses() {
        assertThat(check("svc|http://api.test:" + http.port() + "/chunked").getSuccess()).isTrue();
        ProbeResult r = check("svc|http://api.test:" + http.port() + "/continue");
        assertThat(r.getSuccess()).as(r.getErrorMessage()).isTrue();
        assertThat(r.getHttpStatus()).isEqualTo(204);
    }

    @Test
    void connectsToAddressLiteralsWithoutDns() {
        ProbeResult r = check("svc|https://127.0.0.1:" + https.port() + "/ok");
        assertThat(r.getSuccess()).as(r.getErrorMessage()).isTrue();
        assertThat(r.getTimings().getDnsMs()).isNull();
        assertThat(r.getResolvedIps()).containsExactly("127.0.0.1");
    }

    @Test
    void passesTcpAndTlsChecks() {
        ProbeResult tcp = check("svc|TCP|api.test:" + http.port());
        assertThat(tcp.getSuccess()).as(tcp.getErrorMessage()).isTrue();
        assertThat(tcp.getTimings().getConnectMs()).isNotNull();
        assertThat(tcp.getTimings().getFirstByteMs()).isNull();
        ProbeResult tls = check("svc|TLS|api.test:" + https.port());
        assertThat(tls.getSuccess()).as(tls.getErrorMessage()).isTrue();
        assertThat(tls.getTls().getVersion()).startsWith("TLSv1.");
    }

    // ---- DNS failures --------------------------------------------------------------------------

    @Test
    void classifiesANameThatDoesNotExistAsNxdomain() {
        ProbeResult r = check("svc|https://missing.test/ok");
        assertThat(r.getErrorClass()).isEqualTo(ProbeErrorClass.DNS_NXDOMAIN);
        assertThat(r.getSuccess()).isFalse();
        assertThat(r.getTimings().getDnsMs()).isNotNull();
        assertThat(r.getTimings().getConnectMs()).isNull();
        assertThat(check("svc|https://dangling.test/ok").getErrorClass()).isEqualTo(ProbeErrorClass.DNS_NXDOMAIN);
    }

    @Test
    void classifiesResolverFailuresAsServfailAndRefused() {
        assertThat(check("svc|https://broken.test/ok").getErrorClass()).isEqualTo(ProbeErrorClass.DNS_SERVFAIL);
        assertThat(check("svc|https://private.test/ok").getErrorClass()).isEqualTo(ProbeErrorClass.DNS_REFUSED);
    }

    @Test
    void classifiesASilentResolverAsDnsTimeout() throws Exception {
        try (Prober shortDns = shortened(Phase.DNS)) {
            ProbeResult r = shortDns.check(Check.parse("svc|https://slow.test/ok"));
            assertThat(r.getErrorClass()).isEqualTo(ProbeErrorClass.DNS_TIMEOUT);
            assertThat(r.getTimings().getDnsMs()).isGreaterThanOrEqualTo(700.0);
        }
    }

    @Test
    void movesToTheNextResolverWhenTheFirstDoesNotAnswer() throws Exception {
        try (DatagramBlackHole hole = new DatagramBlackHole();
                Prober twoResolvers = prober(new ProberSettings(Duration.ofSeconds(30), Duration.ofSeconds(2),
                        GENEROUS, GENEROUS, GENEROUS,
                        List.of(hole.address(), dns.udpAddress()), io.blastradius.ingest.probe.dns.HostResolver.Family.V4,
                        1024, 200, 399, 4, ProberSettings.DEFAULT_USER_AGENT))) {
            ProbeResult r = twoResolvers.check(Check.parse("svc|http://api.test:" + http.port() + "/ok"));
            assertThat(r.getSuccess()).as(r.getErrorMessage()).isTrue();
            // the first resolver's whole timeout was waited; the second one's answer was the one used
            assertThat(r.getTimings().getDnsMs()).isGreaterThanOrEqualTo(1_950.0);
        }
    }

    @Test
    void treatsANameWithoutAnAddressOfTheFamilyAsAFailure() {
        ProbeResult r = check("svc|http://v6only.test:" + http.port() + "/ok");
        assertThat(r.getSuccess()).isFalse();
        assertThat(r.getErrorClass()).isEqualTo(ProbeErrorClass.OTHER);
        assertThat(r.getErrorMessage()).contains("no A record");
        assertThat(check("svc|http://loop-a.test:" + http.port() + "/ok").getErrorMessage()).contains("CNAME loop");
    }

    // ---- connect failures ----------------------------------------------------------------------

    @Test
    void classifiesAClosedPortAsConnectRefused() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        ProbeResult r = check("svc|http://api.test:" + closedPort + "/ok");
        assertThat(r.getErrorClass()).isEqualTo(ProbeErrorClass.CONNECT_REFUSED);
        assertThat(r.getErrorMessage()).contains("127.0.0.1:" + closedPort);
        assertThat(r.getResolvedIps()).containsExactly("127.0.0.1");
        assertThat(r.getAttributions()).extracting(IpAttribution::getProviderService).containsExactly("cloudfront");
    }

    @Test
    void classifiesAListenerThatNeverAcceptsAsConnectTimeout() throws Exception {
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                Prober shortConnect = shortened(Phase.CONNECT)) {
            List<Socket> filler = fillAcceptQueue(full.getLocalPort());
            try {
                ProbeResult r = shortConnect.check(Check.parse("svc|TCP|127.0.0.1:" + full.getLocalPort()));
                assertThat(r.getErrorClass()).isEqualTo(ProbeErrorClass.CONNECT_TIMEOUT);
                assertThat(r.getTimings().getConnectMs()).isGreaterThanOrEqualTo(750.0);
            } finally {
                for (Socket s : filler) {
                    s.close();
                }
            }
        }
    }

    /** Connects until the kernel's accept queue is full and further SYNs are dropped. */
    private static List<Socket> fillAcceptQueue(int port) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress("127.0.0.1", port), 300);
                sockets.add(s);
            } catch (java.net.SocketTimeoutException full) {
                s.close();
                return sockets;
            }
        }
        throw new IllegalStateException("the accept queue of port " + port + " never filled");
    }

    // ---- TLS failures --------------------------------------------------------------------------

    @Test
    void classifiesAnExpiredCertificateAndStillReportsItsExpiry() {
        ProbeResult r = check("svc|https://api.test:" + expired.port() + "/ok");
        assertThat(r.getErrorClass()).isEqualTo(ProbeErrorClass.TLS_CERTIFICATE);
        assertThat(r.getTls()).isNotNull();
        assertThat(r.getTls().getCertNotAfter()).isBefore(Instant.now());
        assertThat(r.getTimings().getFirstByteMs()).isNull();
    }

    @Test
    void classifiesACertificateForAnotherHostAsCertificateFailure() {
        ProbeResult r = check("svc|https://api.test:" + wrongHost.port() + "/ok");
        assertThat(r.getErrorClass()).isEqualTo(ProbeErrorClass.TLS_CERTIFICATE);
        assertThat(r.getTls().getSubject()).contains("other.test");
    }

    @Test
    void classifiesASelfSignedCertificateAsCertificateFailure() {
        assertThat(check("svc|TLS|api.test:" + selfSigned.port()).getErrorClass()).isEqualTo(ProbeErrorClass.TLS_CERTIFICATE);
    }

    @Test
    void classifiesAServerThatNeverCompletesTheHandshakeAsTlsHandshake() throws Exception {
        try (Prober shortTls = shortened(Phase.TLS)) {
            ProbeResult r = shortTls.check(Check.parse("svc|https://api.test:" + silent.port() + "/ok"));
            assertThat(r.getErrorClass()).isEqualTo(ProbeErrorClass.TLS_HANDSHAKE);
            assertThat(r.getErrorMessage()).contains("timed out");
            assertThat(r.getTimings().getTlsMs()).isGreaterThanOrEqualTo(750.0);
        }
    }

    @Test
    void classifiesPlainHttpSpokenToATlsPortAsHandshakeFailure() throws Exception {
        try (Prober shortTls = shortened(Phase.TLS)) {
            ProbeResult r = shortTls.check(Check.parse("svc|TLS|api.test:" + http.port()));
            assertThat(r.getErrorClass()).isEqualTo(ProbeErrorClass.TLS_HANDSHAKE);
        }
    }

    // ---- HTTP failures -------------------------------------------------------------------------

    @Test
    void classifiesServerErrorsAndClientErrorsByStatus() {
        ProbeResult r5 = check("svc|https://api.test:" + https.port() + "/status/503");
        assertThat(r5.getErrorClass()).isEqualTo(ProbeErrorClass.HTTP_5XX);
        assertThat(r5.getHttpStatus()).isEqualTo(503);
        assertThat(r5.getTimings().getTransferMs()).isNotNull();
        ProbeResult r4 = check("svc|http://api.test:" + http.port() + "/status/404");
        assertThat(r4.getErrorClass()).isEqualTo(ProbeErrorClass.HTTP_4XX);
        assertThat(r4.getHttpStatus()).isEqualTo(404);
        assertThat(check("svc|http://api.test:" + http.port() + "/status/301").getSuccess()).isTrue();
    }

    @Test
    void classifiesAServerThatNeverAnswersAsReadTimeout() throws Exception {
        try (Prober shortFirstByte = shortened(Phase.FIRST_BYTE)) {
            ProbeResult r = shortFirstByte.check(Check.parse("svc|http://api.test:" + http.port() + "/hang"));
            assertThat(r.getErrorClass()).isEqualTo(ProbeErrorClass.READ_TIMEOUT);
            assertThat(r.getTimings().getConnectMs()).isNotNull();
            assertThat(r.getTimings().getFirstByteMs()).isNull();
        }
    }

    @Test
    void cutsASlowBodyAtTheCheckDeadlineAsReadTimeout() throws Exception {
        // the body trickles for 100 s, every piece well within the first-byte limit: only the deadline ends it
        try (Prober shortDeadline = prober(settings().withCheckTimeout(Duration.ofSeconds(3)))) {
            ProbeResult r = shortDeadline.check(Check.parse("svc|http://api.test:" + http.port() + "/slow-body"));
            assertThat(r.getErrorClass()).isEqualTo(ProbeErrorClass.READ_TIMEOUT);
            assertThat(r.getErrorMessage()).contains("still arriving");
            assertThat(r.getHttpStatus()).isEqualTo(200);
            assertThat(r.getTimings().getFirstByteMs()).isNotNull();
            assertThat(r.getDurationMs()).isGreaterThanOrEqualTo(2_900.0).isLessThan(30_000.0);
        }
    }

    @Test
    void classifiesAConnectionClosedWithoutAReply() {
        ProbeResult r = check("svc|http://api.test:" + http.port() + "/empty");
        assertThat(r.getErrorClass()).isIn(ProbeErrorClass.OTHER, ProbeErrorClass.CONNECT_RESET);
        assertThat(r.getSuccess()).isFalse();
    }

    // ---- DNS checks ----------------------------------------------------------------------------

    @Test
    void recordsRcodeTtlAndAnswersOfADnsCheck() {
        ProbeResult r = check("shop|DNS|www.shop.test");
        assertThat(r.getSuccess()).as(r.getErrorMessage()).isTrue();
        assertThat(r.getDns().getRcode()).isEqualTo("NOERROR");
        assertThat(r.getDns().getQueryType()).isEqualTo("A");
        assertThat(r.getDns().getTtl()).isEqualTo(20);
        assertThat(r.getDns().getResolver()).isEqualTo("127.0.0.1:" + dns.udpAddress().getPort());
        assertThat(r.getDns().getAnswers()).hasSize(3).anySatisfy(a -> assertThat(a).contains("CNAME"));
        assertThat(r.getCnames()).containsExactly("shop.edge.test", "d111abcdef8.cloudfront.net");
        assertThat(r.getAttributions()).extracting(IpAttribution::getProviderService).containsExactly("cloudfront");
    }

    @Test
    void asksTheResolverADnsCheckNamesForTheTypeItNames() {
        ProbeResult r = check("svc|dns://v6only.test/AAAA@127.0.0.1:" + dns.udpAddress().getPort());
        assertThat(r.getSuccess()).as(r.getErrorMessage()).isTrue();
        assertThat(r.getResolvedIps()).containsExactly("0:0:0:0:0:0:0:1");
        ProbeResult cname = check("svc|dns://www.shop.test/CNAME");
        assertThat(cname.getSuccess()).isTrue();
        assertThat(cname.getDns().getAnswers()).singleElement().asString().contains("shop.edge.test");
        assertThat(cname.getResolvedIps()).isEmpty();
    }

    @Test
    void classifiesDnsCheckFailuresByRcode() throws Exception {
        ProbeResult nx = check("svc|DNS|missing.test");
        assertThat(nx.getErrorClass()).isEqualTo(ProbeErrorClass.DNS_NXDOMAIN);
        assertThat(nx.getDns().getRcode()).isEqualTo("NXDOMAIN");
        ProbeResult sf = check("svc|DNS|broken.test");
        assertThat(sf.getErrorClass()).isEqualTo(ProbeErrorClass.DNS_SERVFAIL);
        assertThat(sf.getDns().getRcode()).isEqualTo("SERVFAIL");
        try (Prober shortDns = shortened(Phase.DNS)) {
            ProbeResult to = shortDns.check(Check.parse("svc|DNS|slow.test"));
            assertThat(to.getErrorClass()).isEqualTo(ProbeErrorClass.DNS_TIMEOUT);
            assertThat(to.getDns().getRcode()).isEqualTo("TIMEOUT");
        }
    }

    @Test
    void fallsBackToTcpWhenTheUdpAnswerIsTruncated() {
        ProbeResult r = check("svc|DNS|big.test");
        assertThat(r.getSuccess()).as(r.getErrorMessage()).isTrue();
        assertThat(r.getResolvedIps()).containsExactly("127.0.0.1");
        assertThat(dns.queriesFor("big.test")).isGreaterThanOrEqualTo(2);
    }

    /** A UDP socket that swallows every query: a resolver that is down. */
    private static final class DatagramBlackHole implements AutoCloseable {
        private final java.net.DatagramSocket socket;

        DatagramBlackHole() throws IOException {
            socket = new java.net.DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        }

        InetSocketAddress address() {
            return new InetSocketAddress(socket.getLocalAddress(), socket.getLocalPort());
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
