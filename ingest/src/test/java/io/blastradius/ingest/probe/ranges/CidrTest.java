package io.blastradius.ingest.probe.ranges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void parsesIpv4PrefixesAndPrintsThemCanonically() {
        Cidr c = Cidr.parse(" 52.216.0.0/15 ");
        assertThat(c.v4()).isTrue();
        assertThat(c.length()).isEqualTo(15);
        assertThat(c.low()).isEqualTo(0x34D80000L);
        assertThat(c.lastLow()).isEqualTo(0x34D9FFFFL);
        assertThat(c).hasToString("52.216.0.0/15");
        assertThat(Cidr.parse("0.0.0.0/0").lastLow()).isEqualTo(0xFFFFFFFFL);
    }

    @Test
    void readsABareAddressAsAHostPrefix() {
        assertThat(Cidr.parse("3.4.12.4")).hasToString("3.4.12.4/32");
        assertThat(Cidr.parse("2001:db8::1")).hasToString("2001:db8::1/128");
    }

    @Test
    void clearsHostBitsBelowThePrefixLength() {
        assertThat(Cidr.parse("3.4.12.5/24")).hasToString("3.4.12.0/24");
        assertThat(Cidr.parse("2600:1f18::ff/33")).hasToString("2600:1f18::/33");
    }

    @Test
    void parsesEveryIpv6Notation() {
        assertThat(Cidr.parse("::/0")).hasToString("::/0");
        assertThat(Cidr.parse("::1/128")).hasToString("::1/128");
        assertThat(Cidr.parse("2600:9000::/28")).hasToString("2600:9000::/28");
        assertThat(Cidr.parse("2603:1020:206:1::/64")).hasToString("2603:1020:206:1::/64");
        assertThat(Cidr.parse("2001:DB8:0:0:0:0:0:1/128")).hasToString("2001:db8::1/128");
        assertThat(Cidr.parse("1:0:0:2:0:0:0:3/128")).hasToString("1:0:0:2::3/128");
        assertThat(Cidr.parse("1:0:2:3:4:5:6:7/128")).hasToString("1:0:2:3:4:5:6:7/128");
        assertThat(Cidr.parse("::ffff:192.0.2.1/128")).hasToString("::ffff:c000:201/128");
        assertThat(Cidr.parse("64:ff9b::192.0.2.1/128")).hasToString("64:ff9b::c000:201/128");
        assertThat(Cidr.parse("1:2:3:4:5:6:192.0.2.1/128")).hasToString("1:2:3:4:5:6:c000:201/128");
        assertThat(Cidr.parse("fe80::/10").lastHigh()).isEqualTo(0xFEBFFFFFFFFFFFFFL);
        assertThat(Cidr.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128").lastLow()).isEqualTo(-1L);
    }

    @Test
    void agreesWithTheJdkOnRandomIpv6Addresses() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            for (int g = 0; g < 8; g++) {
                if (random.nextInt(3) == 0) { // zero runs, so '::' compression gets exercised
                    bytes[2 * g] = 0;
                    bytes[2 * g + 1] = 0;
                }
            }
            String text = InetAddress.getByAddress(bytes).getHostAddress();
            Cidr c = Cidr.parse(text);
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            assertThat(c.high()).as(text).isEqualTo(buf.getLong());
            assertThat(c.low()).as(text).isEqualTo(buf.getLong());
            assertThat(Cidr.parse(c.toString())).isEqualTo(c);
        }
    }

    @Test
    void rejectsMalformedPrefixesWithTheReason() {
        assertThatThrownBy(() -> Cidr.parse("300.1.2.0/24")).hasMessageContaining("not an IPv4 or IPv6 prefix");
        assertThatThrownBy(() -> Cidr.parse("1.2.3.0/33")).hasMessageContaining("exceeds 32");
        assertThatThrownBy(() -> Cidr.parse("2600::/129")).hasMessageContaining("exceeds 128");
        assertThatThrownBy(() -> Cidr.parse("1.2.3.0/")).hasMessageContaining("no valid prefix length");
        assertThatThrownBy(() -> Cidr.parse("1.2.3.0/x")).hasMessageContaining("no valid prefix length");
        for (String bad : new String[] {"1.2.3", "1.2.3.4.5", "01234.1.1.1", "1..2.3", "1:2:3:4:5:6:7:8:9", "1::2::3",
            ":1::", "1:", "12345::", "::g", "1:2:3:4:5:6:7::8:9", "::1.2.3", "1.2.3.4::", "", "::ffff:1.2.3.4.5",
            "1:2:3:4:5:6:7:1.2.3.4", "\u0663.1.1.1"}) {
            assertThatThrownBy(() -> Cidr.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void containsOnlyNestedPrefixesOfTheSameFamily() {
        Cidr wide = Cidr.parse("3.80.0.0/12");
        assertThat(wide.contains(Cidr.parse("3.80.1.0/24"))).isTrue();
        assertThat(wide.contains(Cidr.parse("3.96.0.0/24"))).isFalse();
        assertThat(wide.contains(Cidr.parse("3.0.0.0/8"))).isFalse();
        assertThat(Cidr.parse("2600:1f18::/33").contains(Cidr.parse("2600:1f18:7fff::/48"))).isTrue();
        assertThat(Cidr.parse("::/0").contains(Cidr.parse("0.0.0.0/0"))).isFalse();
    }
}
