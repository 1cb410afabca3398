package io.blastradius.ingest.probe;

import io.blastradius.ingest.probe.dns.DnsException;
import io.blastradius.schemas.ProbeErrorClass;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Why a check failed, already classified: thrown inside a check to end it, turned into the
 * result's error class and message. Each factory maps the exceptions of one phase, because the same
 * exception means different things in different phases (a timeout while connecting is
 * CONNECT_TIMEOUT, while waiting for the response READ_TIMEOUT).
 */
final class ProbeFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final ProbeErrorClass errorClass;

    ProbeFailure(ProbeErrorClass errorClass, String message) {
        super(message);
        this.errorClass = errorClass;
    }

    ProbeErrorClass errorClass() {
        return errorClass;
    }

    static ProbeFailure dns(DnsException e) {
        ProbeErrorClass c = switch (e.kind()) {
            case NXDOMAIN -> ProbeErrorClass.DNS_NXDOMAIN;
            case SERVFAIL -> ProbeErrorClass.DNS_SERVFAIL;
            case REFUSED -> ProbeErrorClass.DNS_REFUSED;
            case TIMEOUT -> ProbeErrorClass.DNS_TIMEOUT;
            case NODATA, OTHER -> ProbeErrorClass.OTHER;
        };
        return new ProbeFailure(c, e.getMessage());
    }

    static ProbeFailure connect(IOException e, String target) {
        if (e instanceof SocketTimeoutException) {
            return new ProbeFailure(ProbeErrorClass.CONNECT_TIMEOUT, "connect to " + target + " timed out");
        }
        if (e instanceof NoRouteToHostException) {
            return new ProbeFailure(ProbeErrorClass.CONNECT_TIMEOUT, "no route to " + target);
        }
        String m = message(e);
        if (e instanceof ConnectException && m.contains("refused")) {
            return new ProbeFailure(ProbeErrorClass.CONNECT_REFUSED, "connection to " + target + " refused");
        }
        if (m.contains("reset")) {
            return new ProbeFailure(ProbeErrorClass.CONNECT_RESET, "connection to " + target + " reset");
        }
        return new ProbeFailure(ProbeErrorClass.OTHER, "connect to " + target + " failed: " + e);
    }

    static ProbeFailure tls(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return new ProbeFailure(ProbeErrorClass.TLS_HANDSHAKE, "TLS handshake timed out");
        }
        if (certificateProblem(e)) {
            return new ProbeFailure(ProbeErrorClass.TLS_CERTIFICATE, "certificate rejected: " + rootMessage(e));
        }
        if (!(e instanceof SSLException) && message(e).contains("reset")) {
            return new ProbeFailure(ProbeErrorClass.CONNECT_RESET, "connection reset during the TLS handshake");
        }
        if (e instanceof EOFException || (!(e instanceof SSLException) && e instanceof SocketException)) {
            return new ProbeFailure(ProbeErrorClass.TLS_HANDSHAKE, "connection closed during the TLS handshake: " + e);
        }
        return new ProbeFailure(ProbeErrorClass.TLS_HANDSHAKE, "TLS handshake failed: " + rootMessage(e));
    }

    static ProbeFailure read(IOException e, String phase) {
        if (e instanceof SocketTimeoutException) {
            return new ProbeFailure(ProbeErrorClass.READ_TIMEOUT, phase + " timed out");
        }
        if (message(e).contains("reset")) {
            return new ProbeFailure(ProbeErrorClass.CONNECT_RESET, "connection reset while " + phase);
        }
        return new ProbeFailure(ProbeErrorClass.OTHER, phase + " failed: " + e);
    }

    private static boolean certificateProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateException || t instanceof CertPathValidatorException
                    || t instanceof SSLPeerUnverifiedException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        // the JDK reports some certificate failures only as a handshake alert text
        String m = message(e);
        return e instanceof SSLHandshakeException && (m.contains("certificate") || m.contains("pkix"));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    }
}
