package io.blastradius.ingest.probe.dns;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;

/**
 * Sends one DNS query to one resolver and waits for its answer until a deadline: UDP first, TCP when
 * the answer comes back truncated. dnsjava is used only as the wire codec; the transport is plain
 * blocking sockets on the caller's thread, so the deadline is exact and nothing is shared between
 * probes (no selector thread, no cache, no search list, no system resolver).
 */
public final class DnsClient {
    /** EDNS0 payload size that avoids IP fragmentation (DNS flag day 2020). */
    private static final int EDNS_PAYLOAD = 1232;
    private static final int MAX_UDP_ANSWER = 65_535;

    /**
     * Queries {@code resolver} for {@code name}/{@code type} (a dnsjava {@code Type} constant).
     *
     * @param deadlineNanos {@link System#nanoTime()} by which an answer must have come
     * @return the resolver's answer, whatever its rcode
     * @throws DnsException of kind TIMEOUT when no answer came in time or the resolver is
     *     unreachable, OTHER for an invalid name or a malformed answer
     */
    public Message query(InetSocketAddress resolver, String name, int type, long deadlineNanos) throws DnsException {
        Message query = newQuery(resolver, name, type);
        byte[] wire = query.toWire();
        try {
            Message answer = overUdp(resolver, query, wire, deadlineNanos);
            if (answer.getHeader().getFlag(Flags.TC)) {
                answer = overTcp(resolver, query, wire, deadlineNanos);
            }
            return answer;
        } catch (SocketTimeoutException e) {
            throw timeout(resolver, name, type);
        } catch (PortUnreachableException e) {
            throw new DnsException(DnsException.Kind.TIMEOUT, "TIMEOUT", resolver,
                    "resolver " + format(resolver) + " unreachable (ICMP port unreachable)");
        } catch (IOException e) {
            throw new DnsException(DnsException.Kind.TIMEOUT, "TIMEOUT", resolver,
                    "resolver " + format(resolver) + " failed: " + e);
        }
    }

    private static Message newQuery(InetSocketAddress resolver, String name, int type) throws DnsException {
        Name qname;
        try {
            qname = Name.fromString(name, Name.root);
        } catch (TextParseException e) {
            throw new DnsException(DnsException.Kind.OTHER, null, resolver, "invalid DNS name '" + name + "': "
                    + e.getMessage());
        }
        Message query = Message.newQuery(Record.newRecord(qname, type, DClass.IN));
        query.addRecord(new OPTRecord(EDNS_PAYLOAD, 0, 0), Section.ADDITIONAL);
        return query;
    }

    private static Message overUdp(InetSocketAddress resolver, Message query, byte[] wire, long deadlineNanos)
            throws IOException, DnsException {
        try (DatagramSocket socket = new DatagramSocket(null)) {
            socket.bind(new InetSocketAddress(resolver.getAddress().isLoopbackAddress() ? resolver.getAddress() : null, 0));
            socket.connect(resolver);
            socket.send(new DatagramPacket(wire, wire.length));
            byte[] buffer = new byte[MAX_UDP_ANSWER];
            while (true) {
                socket.setSoTimeout(remainingMillis(deadlineNanos));
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message answer = parse(buffer, packet.getLength());
                // a stray or spoofed datagram does not end the wait; only the answer to this query does
                if (answer != null && matches(query, answer)) {
                    return answer;
                }
            }
        }
    }

    private static Message overTcp(InetSocketAddress resolver, Message query, byte[] wire, long deadlineNanos)
            throws IOException, DnsException {
        try (Socket socket = new Socket()) {
            socket.connect(resolver, remainingMillis(deadlineNanos));
            socket.setSoTimeout(remainingMillis(deadlineNanos));
            OutputStream out = socket.getOutputStream();
            byte[] framed = new byte[wire.length + 2];
            framed[0] = (byte) (wire.length >>> 8);
            framed[1] = (byte) wire.length;
            System.arraycopy(wire, 0, framed, 2, wire.length);
            out.write(framed);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int length = in.readUnsignedShort();
            byte[] buffer = new byte[length];
            in.readFully(buffer);
            Message answer = parse(buffer, length);
            if (answer == null || !matches(query, answer)) {
                throw new DnsException(DnsException.Kind.OTHER, null, resolver,
                        "resolver " + format(resolver) + " sent a malformed or mismatched answer over TCP");
            }
            return answer;
        }
    }

    private static Message parse(byte[] buffer, int length) {
        try {
            return new Message(java.util.Arrays.copyOf(buffer, length));
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean matches(Message query, Message answer) {
        Record asked = query.getQuestion();
        Record echoed = answer.getQuestion();
        return answer.getHeader().getID() == query.getHeader().getID() && answer.getHeader().getFlag(Flags.QR)
                && (echoed == null || (echoed.getName().equals(asked.getName()) && echoed.getType() == asked.getType()));
    }

    /** At least 1 ms (0 would mean "wait forever" to a socket); throws the timeout itself when none is left. */
    private static int remainingMillis(long deadlineNanos) throws SocketTimeoutException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    private static DnsException timeout(InetSocketAddress resolver, String name, int type) {
        return new DnsException(DnsException.Kind.TIMEOUT, "TIMEOUT", resolver, "no answer from "
                + format(resolver) + " for " + name + " " + org.xbill.DNS.Type.string(type) + " before the deadline");
    }

    /** {@code 1.1.1.1:53}, {@code [2606:4700::1111]:53}. */
    public static String format(InetSocketAddress resolver) {
        String host = resolver.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + resolver.getPort();
    }

    /** The rcode of an answer as text: NOERROR, NXDOMAIN, SERVFAIL, REFUSED, ... */
    public static String rcode(Message answer) {
        return Rcode.string(answer.getRcode());
    }
}
