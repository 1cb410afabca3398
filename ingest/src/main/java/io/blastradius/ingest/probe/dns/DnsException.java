package io.blastradius.ingest.probe.dns;

import java.net.InetSocketAddress;

/** A name that could not be resolved, with the reason in a form the prober can classify. */
public final class DnsException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why resolution failed. */
    public enum Kind {
        /** The name does not exist (rcode NXDOMAIN). */
        NXDOMAIN,
        /** The resolver failed (rcode SERVFAIL). */
        SERVFAIL,
        /** The resolver refused to answer (rcode REFUSED). */
        REFUSED,
        /** No answer before the deadline, or the resolver is unreachable. */
        TIMEOUT,
        /** The name exists but has no record of the type asked for (NOERROR, empty answer). */
        NODATA,
        /** Anything else: another rcode, a malformed answer, a CNAME loop, an invalid name. */
        OTHER
    }

    private final Kind kind;
    private final transient InetSocketAddress resolver;
    private final String rcode;

    public DnsException(Kind kind, String rcode, InetSocketAddress resolver, String message) {
        super(message);
        this.kind = kind;
        this.rcode = rcode;
        this.resolver = resolver;
    }

    public Kind kind() {
        return kind;
    }

    /** The response code as text (NXDOMAIN, SERVFAIL, ...), or TIMEOUT when no answer came. */
    public String rcode() {
        return rcode;
    }

    /** The resolver that gave the last answer (or did not), or null. */
    public InetSocketAddress resolver() {
        return resolver;
    }
}
