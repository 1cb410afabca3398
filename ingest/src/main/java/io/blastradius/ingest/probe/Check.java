package io.blastradius.ingest.probe;

import io.blastradius.schemas.ProbeProtocol;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.xbill.DNS.Type;

/**
 * One thing to probe: a service's endpoint and how to check it.
 *
 * <p>Written as {@code <service>|<PROTOCOL>|<endpoint>} in configuration, or just
 * {@code <service>|<endpoint>} with the protocol read off the endpoint:
 * <ul>
 *   <li>HTTP: {@code https://api.example.com/health}, {@code http://host:8080/} — DNS, connect,
 *       TLS for https, request, status, body;</li>
 *   <li>TCP: {@code tcp://host:port} or {@code host:port} — DNS and connect;</li>
 *   <li>TLS: {@code tls://host[:443]} — DNS, connect and a verified handshake;</li>
 *   <li>DNS: {@code dns://name[/TYPE][@resolver[:port]]} or a bare name — one query (A by default)
 *       to the given resolver or the vantage's resolvers.</li>
 * </ul>
 */
public final class Check {
    private static final Pattern SERVICE_ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private final String service;
    private final ProbeProtocol protocol;
    private final String endpoint;
    private final String host;
    private final int port;
    private final boolean tls;
    private final String pathAndQuery;
    private final int dnsType;
    private final InetSocketAddress dnsResolver;

    private Check(String service, ProbeProtocol protocol, String endpoint, String host, int port, boolean tls,
            String pathAndQuery, int dnsType, InetSocketAddress dnsResolver) {
        this.service = service;
        this.protocol = protocol;
        this.endpoint = endpoint;
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.pathAndQuery = pathAndQuery;
        this.dnsType = dnsType;
        this.dnsResolver = dnsResolver;
    }

    /**
     * Parses {@code service|PROTOCOL|endpoint} or {@code service|endpoint}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Check parse(String spec) {
        String[] parts = Objects.requireNonNull(spec, "check").trim().split("\\|", -1);
        if (parts.length == 2) {
            return of(parts[0], null, parts[1]);
        }
        if (parts.length == 3) {
            return of(parts[0], parts[1], parts[2]);
        }
        throw new IllegalArgumentException("check '" + spec + "' is not <service>|<PROTOCOL>|<endpoint> or "
                + "<service>|<endpoint>");
    }

    /**
     * A check of {@code endpoint} for {@code service}; {@code protocol} (HTTP, TCP, TLS, DNS) may be
     * null to read it off the endpoint.
     */
    public static Check of(String service, String protocol, String endpoint) {
        String svc = service == null ? "" : service.trim();
        if (!SERVICE_ID.matcher(svc).matches()) {
            throw new IllegalArgumentException("invalid service id '" + service + "': use [a-z0-9][a-z0-9._-]*");
        }
        String ep = endpoint == null ? "" : endpoint.trim();
        if (ep.isEmpty()) {
            throw new IllegalArgumentException("check of " + svc + " has no endpoint");
        }
        ProbeProtocol proto = protocol == null || protocol.isBlank() ? inferProtocol(ep) : protocolOf(protocol);
        return switch (proto) {
            case HTTP -> http(svc, ep);
            case TCP -> socket(svc, ProbeProtocol.TCP, ep, "tcp://", -1);
            case TLS -> socket(svc, ProbeProtocol.TLS, ep, "tls://", 443);
            case DNS -> dns(svc, ep);
            default -> throw new IllegalArgumentException("protocol " + proto + " is not supported by the prober "
                    + "(ICMP needs raw sockets); use HTTP, TCP, TLS or DNS");
        };
    }

    private static ProbeProtocol protocolOf(String text) {
        try {
            return ProbeProtocol.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown protocol '" + text + "'; use HTTP, TCP, TLS or DNS", e);
        }
    }

    private static ProbeProtocol inferProtocol(String endpoint) {
        String lower = endpoint.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return ProbeProtocol.HTTP;
        }
        if (lower.startsWith("tcp://")) {
            return ProbeProtocol.TCP;
        }
        if (lower.startsWith("tls://")) {
            return ProbeProtocol.TLS;
        }
        if (lower.startsWith("dns://")) {
            return ProbeProtocol.DNS;
        }
        int colon = endpoint.lastIndexOf(':');
        return colon > 0 && endpoint.indexOf(':') == colon ? ProbeProtocol.TCP : ProbeProtocol.DNS;
    }

    private static Check http(String service, String endpoint) {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid URL '" + endpoint + "': " + e.getMessage(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("HTTP check needs an http:// or https:// URL, not '" + endpoint + "'");
        }
        String host = hostOf(uri.getHost(), endpoint);
        boolean tls = scheme.equals("https");
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String pathAndQuery = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        return new Check(service, ProbeProtocol.HTTP, endpoint, host, port, tls, pathAndQuery, 0, null);
    }

    private static Check socket(String service, ProbeProtocol protocol, String endpoint, String scheme, int defaultPort) {
        String rest = endpoint.regionMatches(true, 0, scheme, 0, scheme.length()) ? endpoint.substring(scheme.length())
                : endpoint;
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        URI uri = URI.create("tcp://" + rest);
        int port = uri.getPort() > 0 ? uri.getPort() : defaultPort;
        if (port <= 0 || port > 65_535) {
            throw new IllegalArgumentException(protocol + " check '" + endpoint + "' needs host:port");
        }
        return new Check(service, protocol, endpoint, hostOf(uri.getHost(), endpoint), port, protocol == ProbeProtocol.TLS,
                null, 0, null);
    }

    private static Check dns(String service, String endpoint) {
        String rest = endpoint.regionMatches(true, 0, "dns://", 0, 6) ? endpoint.substring(6) : endpoint;
        InetSocketAddress resolver = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            resolver = resolverAddress(rest.substring(at + 1));
            rest = rest.substring(0, at);
        }
        int type = Type.A;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            String typeName = rest.substring(slash + 1).trim().toUpperCase(Locale.ROOT);
            type = Type.value(typeName);
            if (type < 0 || typeName.isEmpty()) {
                throw new IllegalArgumentException("DNS check '" + endpoint + "': unknown record type '" + typeName + "'");
            }
            rest = rest.substring(0, slash);
        }
        String name = rest.trim();
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty() || name.contains(" ") || name.contains(":")) {
            throw new IllegalArgumentException("DNS check '" + endpoint + "' has no valid name");
        }
        return new Check(service, ProbeProtocol.DNS, endpoint, name.toLowerCase(Locale.ROOT), 53, false, null, type,
                resolver);
    }

    /**
     * A resolver written as {@code 1.1.1.1}, {@code 1.1.1.1:53}, {@code [2606:4700::1111]:53} or a bare
     * IPv6 literal. Only literals: resolving the resolver's own name would need another resolver.
     */
    public static InetSocketAddress resolverAddress(String text) {
        String t = text.trim();
        String hostPart = t;
        int port = 53;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("invalid resolver '" + text + "'");
            }
            hostPart = t.substring(1, close);
            if (close + 1 < t.length()) {
                port = portOf(t.substring(close + 2), text);
            }
        } else if (t.indexOf(':') == t.lastIndexOf(':') && t.indexOf(':') > 0) {
            hostPart = t.substring(0, t.indexOf(':'));
            port = portOf(t.substring(t.indexOf(':') + 1), text);
        }
        if (!isIpLiteral(hostPart)) {
            throw new IllegalArgumentException("resolver '" + text + "' must be an IP address, not a name");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(hostPart), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("invalid resolver '" + text + "'", e);
        }
    }

    private static int portOf(String text, String whole) {
        try {
            int p = Integer.parseInt(text);
            if (p > 0 && p <= 65_535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("invalid port in '" + whole + "'");
    }

    private static String hostOf(String host, String endpoint) {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("endpoint '" + endpoint + "' has no host");
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.toLowerCase(Locale.ROOT);
    }

    /** True for an IPv4 or IPv6 literal (which is connected to without DNS). */
    static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return host.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0);
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9') || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** Stable id of the check, equal across runs and vantages: {@code service|PROTOCOL|endpoint}. */
    public String id() {
        return service + "|" + protocol + "|" + endpoint;
    }

    public String service() {
        return service;
    }

    public ProbeProtocol protocol() {
        return protocol;
    }

    /** The endpoint as configured. */
    public String endpoint() {
        return endpoint;
    }

    /** Host name or address literal to connect to; for DNS checks the name asked for. */
    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** True for HTTPS and TLS checks. */
    public boolean tls() {
        return tls;
    }

    /** Request target of an HTTP check ({@code /health?x=1}); null for other checks. */
    public String pathAndQuery() {
        return pathAndQuery;
    }

    /** dnsjava {@code Type} of a DNS check's question. */
    public int dnsType() {
        return dnsType;
    }

    /** The resolver a DNS check names, or null to use the vantage's resolvers. */
    public InetSocketAddress dnsResolver() {
        return dnsResolver;
    }

    /** True when the host is an address literal: nothing to resolve. */
    public boolean hostIsLiteral() {
        return protocol != ProbeProtocol.DNS && isIpLiteral(host);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Check c && c.id().equals(id());
    }

    @Override
    public int hashCode() {
        return id().hashCode();
    }

    @Override
    public String toString() {
        return id();
    }
}
