package io.blastradius.ingest.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blastradius.schemas.ProbeProtocol;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class CheckTest {

    @Test
    void readsTheProtocolOffTheEndpoint() {
        Check https = Check.parse("coinbase|https://api.coinbase.com/v2/time?x=1");
        assertThat(https.protocol()).isEqualTo(ProbeProtocol.HTTP);
        assertThat(https.host()).isEqualTo("api.coinbase.com");
        assertThat(https.port()).isEqualTo(443);
        assertThat(https.tls()).isTrue();
        assertThat(https.pathAndQuery()).isEqualTo("/v2/time?x=1");
        assertThat(https.id()).isEqualTo("coinbase|HTTP|https://api.coinbase.com/v2/time?x=1");

        Check http = Check.parse("svc|http://example.test:8080");
        assertThat(http.port()).isEqualTo(8080);
        assertThat(http.tls()).isFalse();
        assertThat(http.pathAndQuery()).isEqualTo("/");

        assertThat(Check.parse("svc|db.example.test:5432").protocol()).isEqualTo(ProbeProtocol.TCP);
        assertThat(Check.parse("svc|tls://example.test").port()).isEqualTo(443);
        assertThat(Check.parse("svc|example.test").protocol()).isEqualTo(ProbeProtocol.DNS);
    }

    @Test
    void takesAnExplicitProtocol() {
        Check tls = Check.parse("svc|TLS|example.test:8443");
        assertThat(tls.protocol()).isEqualTo(ProbeProtocol.TLS);
        assertThat(tls.port()).isEqualTo(8443);
        Check tcp = Check.parse("svc|tcp|[2001:db8::1]:443");
        assertThat(tcp.host()).isEqualTo("2001:db8::1");
        assertThat(tcp.hostIsLiteral()).isTrue();
    }

    @Test
    void readsTypeAndResolverOfADnsCheck() {
        Check c = Check.parse("svc|dns://Example.test./AAAA@[2606:4700::1111]:5353");
        assertThat(c.host()).isEqualTo("example.test");
        assertThat(c.dnsType()).isEqualTo(Type.AAAA);
        assertThat(c.dnsResolver().getPort()).isEqualTo(5353);
        assertThat(c.dnsResolver().getAddress().getHostAddress()).isEqualTo("2606:4700:0:0:0:0:0:1111");
        Check plain = Check.parse("svc|DNS|example.test@127.0.0.1");
        assertThat(plain.dnsType()).isEqualTo(Type.A);
        assertThat(plain.dnsResolver().getPort()).isEqualTo(53);
        assertThat(plain.hostIsLiteral()).isFalse();
    }

    @Test
    void rejectsChecksItCannotRunWithTheReason() {
        assertThatThrownBy(() -> Check.parse("Coinbase|https://x.test")).hasMessageContaining("invalid service id");
        assertThatThrownBy(() -> Check.parse("svc|ICMP|x.test")).hasMessageContaining("not supported");
        assertThatThrownBy(() -> Check.parse("svc|FTP|x.test")).hasMessageContaining("unknown protocol");
        assertThatThrownBy(() -> Check.parse("svc|HTTP|ftp://x.test")).hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> Check.parse("svc|TCP|x.test")).hasMessageContaining("host:port");
        assertThatThrownBy(() -> Check.parse("svc|DNS|x.test/BOGUS")).hasMessageContaining("unknown record type");
        assertThatThrownBy(() -> Check.parse("svc|DNS|x.test@resolver.example")).hasMessageContaining("must be an IP");
        assertThatThrownBy(() -> Check.parse("just-one-part")).hasMessageContaining("<service>|");
        assertThatThrownBy(() -> Check.parse("svc|")).hasMessageContaining("no endpoint");
    }
}
