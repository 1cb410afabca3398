package io.blastradius.ingest.probe;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates made on the spot: a test CA, and leaves that are good, expired, for the wrong host or self-signed. */
final class TestCertificates {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    final KeyPair caKeys = keys();
    final X509Certificate ca = issue("blastradius test CA", caKeys, null, caKeys.getPrivate(), Instant.now().minus(Duration.ofDays(1)),
            Instant.now().plus(Duration.ofDays(30)), true);

    /** A trust store holding only the test CA. */
    KeyStore trustStore() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("ca", ca);
        return ks;
    }

    /** Server-side TLS with a leaf for {@code names} (DNS names and IP literals), valid from/until. */
    SSLContext server(Instant notBefore, Instant notAfter, String... names) throws Exception {
        KeyPair leafKeys = keys();
        X509Certificate leaf = issue("CN=" + names[0], leafKeys, ca, caKeys.getPrivate(), notBefore, notAfter, false, names);
        return serverContext(leafKeys.getPrivate(), leaf, ca);
    }

    /** A server whose certificate no trusted CA signed. */
    SSLContext selfSigned(String... names) throws Exception {
        KeyPair keys = keys();
        X509Certificate cert = issue("CN=" + names[0], keys, null, keys.getPrivate(), Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(30)), false, names);
        return serverContext(keys.getPrivate(), cert);
    }

    private static SSLContext serverContext(PrivateKey key, X509Certificate... chain) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", key, "changeit".toCharArray(), chain);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate issue(String subject, KeyPair subjectKeys, X509Certificate issuer, PrivateKey issuerKey,
            Instant notBefore, Instant notAfter, boolean isCa, String... names) {
        try {
            X500Name subjectName = new X500Name(subject.startsWith("CN=") ? subject : "CN=" + subject);
            X500Name issuerName = issuer == null ? subjectName : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName, BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(notBefore), Date.from(notAfter), subjectName, subjectKeys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            if (isCa) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                List<GeneralName> sans = new ArrayList<>();
                for (String n : names) {
                    sans.add(Check.isIpLiteral(n) ? new GeneralName(GeneralName.iPAddress, InetAddress.getByName(n).getHostAddress())
                            : new GeneralName(GeneralName.dNSName, n));
                }
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(new GeneralName[0])));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue a test certificate for " + subject, e);
        }
    }
}
