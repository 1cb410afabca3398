package io.blastradius.ingest.probe.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Resolves names the way a stub resolver does, against the configured recursive resolvers only:
 * asks the first resolver, moves to the next when one times out, fails or refuses, follows CNAME
 * chains (asking again for the chain's end when a resolver did not chase it), and reports the
 * chain, the addresses and the smallest TTL.
 */
public final class HostResolver {
    private static final int MAX_CHAIN = 12;

    /** Which address families to resolve a host to. */
    public enum Family {
        /** A records only. */
        V4,
        /** AAAA records only. */
        V6,
        /** A records, then AAAA when the name has no A record. */
        ANY
    }

    private final DnsClient client;
    private final List<InetSocketAddress> resolvers;
    private final Duration queryTimeout;

    /**
     * @param resolvers recursive resolvers in order of preference; never empty
     * @param queryTimeout how long one resolver gets before the next is asked
     */
    public HostResolver(DnsClient client, List<InetSocketAddress> resolvers, Duration queryTimeout) {
        this.client = Objects.requireNonNull(client, "client");
        if (resolvers.isEmpty()) {
            throw new IllegalArgumentException("at least one resolver is needed");
        }
        this.resolvers = List.copyOf(resolvers);
        this.queryTimeout = queryTimeout;
    }

    public List<InetSocketAddress> resolvers() {
        return resolvers;
    }

    /**
     * Resolves {@code host} to addresses.
     *
     * @throws DnsException when no resolver produced an address: NXDOMAIN, NODATA, SERVFAIL,
     *     REFUSED or TIMEOUT of the last resolver asked
     */
    public Resolution resolve(String host, Family family, long deadlineNanos) throws DnsException {
        DnsException last = null;
        for (InetSocketAddress resolver : resolvers) {
            try {
                Resolution r = chase(resolver, host, family == Family.V6 ? Type.AAAA : Type.A, deadlineNanos);
                if (r.addresses().isEmpty() && family == Family.ANY && r.rcode().equals("NOERROR")) {
                    r = chase(resolver, host, Type.AAAA, deadlineNanos);
                }
                failUnlessResolved(host, family, r);
                return r;
            } catch (DnsException e) {
                last = e;
                if (!retryable(e) || System.nanoTime() >= deadlineNanos) {
                    throw e;
                }
            }
        }
        throw last;
    }

    /**
     * Asks one resolver one question and reports the answer whatever its rcode, following CNAMEs
     * for address types: what a DNS check records.
     *
     * @throws DnsException only of kind TIMEOUT or OTHER (no usable answer at all)
     */
    public Resolution lookup(InetSocketAddress resolver, String name, int type, long deadlineNanos) throws DnsException {
        return chase(resolver, name, type, deadlineNanos);
    }

    private static void failUnlessResolved(String host, Family family, Resolution r) throws DnsException {
        String chain = r.cnames().isEmpty() ? "" : " (via " + String.join(" -> ", r.cnames()) + ")";
        switch (r.rcode()) {
            case "NOERROR":
                if (r.addresses().isEmpty()) {
                    throw new DnsException(DnsException.Kind.NODATA, r.rcode(), r.resolver(), "'" + host
                            + "' has no " + (family == Family.V6 ? "AAAA" : "A") + " record" + chain);
                }
                return;
            case "NXDOMAIN":
                throw new DnsException(DnsException.Kind.NXDOMAIN, r.rcode(), r.resolver(), "NXDOMAIN for '" + host
                        + "'" + chain + " from " + DnsClient.format(r.resolver()));
            case "SERVFAIL":
                throw new DnsException(DnsException.Kind.SERVFAIL, r.rcode(), r.resolver(), "SERVFAIL for '" + host
                        + "'" + chain + " from " + DnsClient.format(r.resolver()));
            case "REFUSED":
                throw new DnsException(DnsException.Kind.REFUSED, r.rcode(), r.resolver(), "REFUSED for '" + host
                        + "' by " + DnsClient.format(r.resolver()));
            default:
                throw new DnsException(DnsException.Kind.OTHER, r.rcode(), r.resolver(), r.rcode() + " for '" + host
                        + "'" + chain + " from " + DnsClient.format(r.resolver()));
        }
    }

    private static boolean retryable(DnsException e) {
        return switch (e.kind()) {
            case TIMEOUT, SERVFAIL, REFUSED -> true;
            default -> false;
        };
    }

    /**
     * Asks for {@code host}, follows the CNAME chain in the answer, and asks again for the chain's
     * end when the resolver stopped at a CNAME. The rcode reported is that of the last answer.
     */
    private Resolution chase(InetSocketAddress resolver, String host, int type, long deadlineNanos) throws DnsException {
        boolean addressType = type == Type.A || type == Type.AAAA;
        List<String> cnames = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        List<InetAddress> addresses = new ArrayList<>();
        Set<Name> seen = new HashSet<>();
        Integer minTtl = null;
        String ask = host;
        for (int round = 0; round < MAX_CHAIN; round++) {
            long queryDeadline = Math.min(deadlineNanos, System.nanoTime() + queryTimeout.toNanos());
            Message answer = client.query(resolver, ask, type, queryDeadline);
            String rcode = DnsClient.rcode(answer);
            if (answer.getRcode() != Rcode.NOERROR || answer.getQuestion() == null) {
                return new Resolution(addresses, cnames, minTtl, rcode, answers, resolver);
            }
            Name current = answer.getQuestion().getName();
            seen.add(current);
            List<Record> records = answer.getSection(Section.ANSWER);
            for (Record cname = cnameOf(records, current, type); cname != null; cname = cnameOf(records, current, type)) {
                answers.add(cname.toString());
                minTtl = min(minTtl, cname.getTTL());
                current = ((CNAMERecord) cname).getTarget();
                if (!seen.add(current)) {
                    throw new DnsException(DnsException.Kind.OTHER, rcode, resolver, "CNAME loop at '" + host
                            + "': " + cnames);
                }
                cnames.add(text(current));
            }
            boolean found = false;
            for (Record r : records) {
                if (r.getType() == type && r.getName().equals(current)) {
                    found = true;
                    answers.add(r.toString());
                    minTtl = min(minTtl, r.getTTL());
                    if (r instanceof ARecord a) {
                        addresses.add(a.getAddress());
                    } else if (r instanceof AAAARecord aaaa) {
                        addresses.add(aaaa.getAddress());
                    }
                }
            }
            boolean stoppedAtCname = !found && addressType && !current.equals(answer.getQuestion().getName());
            if (!stoppedAtCname) {
                return new Resolution(addresses, cnames, minTtl, rcode, answers, resolver);
            }
            ask = text(current);
        }
        throw new DnsException(DnsException.Kind.OTHER, null, resolver, "CNAME chain of '" + host + "' longer than "
                + MAX_CHAIN + ": " + cnames);
    }

    /** The CNAME record owned by {@code owner}, unless CNAMEs are what was asked for. */
    private static Record cnameOf(List<Record> records, Name owner, int type) {
        if (type == Type.CNAME) {
            return null;
        }
        for (Record r : records) {
            if (r instanceof CNAMERecord && r.getName().equals(owner)) {
                return r;
            }
        }
        return null;
    }

    private static DnsException.Kind kindOf(int rcode) {
        return switch (rcode) {
            case Rcode.NXDOMAIN -> DnsException.Kind.NXDOMAIN;
            case Rcode.SERVFAIL -> DnsException.Kind.SERVFAIL;
            case Rcode.REFUSED -> DnsException.Kind.REFUSED;
            default -> DnsException.Kind.OTHER;
        };
    }

    private static Integer min(Integer current, long ttl) {
        int t = (int) Math.min(Integer.MAX_VALUE, ttl);
        return current == null ? t : Math.min(current, t);
    }

    /** A name without its trailing root dot, as people write it. */
    private static String text(Name name) {
        String s = name.toString();
        return s.endsWith(".") && s.length() > 1 ? s.substring(0, s.length() - 1) : s;
    }
}
