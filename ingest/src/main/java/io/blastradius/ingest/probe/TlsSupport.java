package io.blastradius.ingest.probe;

import io.blastradius.schemas.TlsObservation;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS for probes: a verified handshake (chain and host name, as a browser would) over an already
 * connected socket, and what it saw. The trust manager notes the server's chain before judging it,
 * so a result shows the expiry, issuer and subject of a certificate even when it was rejected.
 */
public final class TlsSupport {
    private final SSLContext context;
    private final ThreadLocal<X509Certificate[]> presented = new ThreadLocal<>();

    private TlsSupport(X509ExtendedTrustManager trust) throws GeneralSecurityException {
        this.context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new Recording(trust)}, null);
    }

    /** Trusts what the JDK trusts (its {@code cacerts}). */
    public static TlsSupport withSystemTrust() {
        return withTrustStore(null);
    }

    /** Trusts the certificates in {@code trustStore} (null: the JDK's default store). */
    public static TlsSupport withTrustStore(KeyStore trustStore) {
        try {
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init(trustStore);
            for (TrustManager tm : f.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    return new TlsSupport(x);
                }
            }
            throw new IllegalStateException("no X509ExtendedTrustManager from " + f.getAlgorithm());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS trust: " + e.getMessage(), e);
        }
    }

    /**
     * Runs a verified handshake over {@code plain} for {@code host} (SNI and host-name check unless
     * {@code host} is an address literal, which is then checked against the IP SANs).
     */
    SSLSocket handshake(Socket plain, String host, int port, boolean hostIsLiteral, int timeoutMillis) throws IOException {
        presented.remove();
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        if (!hostIsLiteral) {
            params.setServerNames(List.of(new SNIHostName(host)));
        }
        ssl.setSSLParameters(params);
        ssl.setSoTimeout(timeoutMillis);
        ssl.startHandshake();
        return ssl;
    }

    /**
     * Builds a ClientHello with this context, contacting nothing. The first handshake in a JVM
     * otherwise loads JSSE's handshake code and sets up the key-exchange generators inside whatever
     * check comes first: hundreds of milliseconds on a busy machine, counted as that target's TLS time
     * and against its deadline.
     */
    void warmUp() throws SSLException {
        SSLEngine engine = context.createSSLEngine("warm-up.invalid", 443);
        engine.setUseClientMode(true);
        engine.beginHandshake();
        engine.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(engine.getSession().getPacketBufferSize()));
        engine.closeOutbound();
    }

    /** What the last handshake on this thread saw: from the session when it succeeded, else the chain presented. */
    TlsObservation observation(SSLSocket ssl) {
        String version = null;
        X509Certificate leaf = null;
        if (ssl != null) {
            SSLSession session = ssl.getSession();
            version = session.getProtocol();
            try {
                if (session.getPeerCertificates().length > 0 && session.getPeerCertificates()[0] instanceof X509Certificate x) {
                    leaf = x;
                }
            } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                leaf = null; // no verified peer: fall back to what was presented
            }
        }
        if (leaf == null) {
            X509Certificate[] chain = presented.get();
            leaf = chain == null || chain.length == 0 ? null : chain[0];
        }
        presented.remove();
        if (version == null && leaf == null) {
            return null;
        }
        return TlsObservation.newBuilder()
                .setVersion(version)
                .setCertNotAfter(leaf == null ? null : leaf.getNotAfter().toInstant())
                .setIssuer(leaf == null ? null : leaf.getIssuerX500Principal().getName())
                .setSubject(leaf == null ? null : leaf.getSubjectX500Principal().getName())
                .build();
    }

    /** Delegates every decision; notes the server chain first. */
    private final class Recording extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;

        Recording(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            presented.set(chain);
            delegate.checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            presented.set(chain);
            delegate.checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            presented.set(chain);
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            delegate.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            delegate.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }
}
