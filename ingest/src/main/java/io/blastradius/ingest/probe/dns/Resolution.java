package io.blastradius.ingest.probe.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * What resolving a name gave.
 *
 * @param addresses the addresses of the final name, in the order the resolver gave them
 * @param cnames the CNAME chain followed from the queried name, in order (targets only)
 * @param minTtl smallest TTL among the records used, seconds; null when there were none
 * @param rcode response code of the last answer (NOERROR, NXDOMAIN, ...)
 * @param answers every answer record used, in presentation form
 * @param resolver the resolver that answered
 */
public record Resolution(List<InetAddress> addresses, List<String> cnames, Integer minTtl, String rcode,
        List<String> answers, InetSocketAddress resolver) {

    public Resolution {
        addresses = List.copyOf(addresses);
        cnames = List.copyOf(cnames);
        answers = List.copyOf(answers);
    }
}
