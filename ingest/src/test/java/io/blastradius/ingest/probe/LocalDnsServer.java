package io.blastradius.ingest.probe;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A tiny recursive-resolver stand-in on 127.0.0.1 (UDP and TCP, free ports): answers from a zone
 * set up by the test, chasing CNAMEs like a recursive resolver does, and misbehaves on request
 * (NXDOMAIN, SERVFAIL, REFUSED, silence, truncation). Names it does not know are NXDOMAIN, so no
 * query ever needs to leave the machine.
 */
final class LocalDnsServer implements AutoCloseable {
    private enum Mode { ANSWER, SERVFAIL, REFUSED, DROP, TRUNCATE_UDP, NO_CHASE }

    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final Map<String, List<Record>> zone = new ConcurrentHashMap<>();
    private final Map<String, Mode> modes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> queries = new ConcurrentHashMap<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    LocalDnsServer() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        // one port number for UDP and TCP, as a real resolver has, so that truncation falls back to TCP
        DatagramSocket boundUdp = null;
        ServerSocket boundTcp = null;
        for (int attempt = 0; attempt < 20 && boundUdp == null; attempt++) {
            boundTcp = new ServerSocket(0, 50, loopback);
            try {
                boundUdp = new DatagramSocket(new InetSocketAddress(loopback, boundTcp.getLocalPort()));
            } catch (java.net.SocketException taken) {
                boundTcp.close();
            }
        }
        if (boundUdp == null) {
            throw new IOException("no port free for both UDP and TCP");
        }
        udp = boundUdp;
        tcp = boundTcp;
        start("dns-udp", this::serveUdp);
        start("dns-tcp", this::serveTcp);
    }

    InetSocketAddress udpAddress() {
        return new InetSocketAddress(udp.getLocalAddress(), udp.getLocalPort());
    }

    LocalDnsServer a(String name, String address, long ttl) throws IOException {
        add(new ARecord(name(name), DClass.IN, ttl, InetAddress.getByName(address)));
        return this;
    }

    LocalDnsServer aaaa(String name, String address, long ttl) throws IOException {
        add(new AAAARecord(name(name), DClass.IN, ttl, InetAddress.getByName(address)));
        return this;
    }

    LocalDnsServer cname(String name, String target, long ttl) throws IOException {
        add(new CNAMERecord(name(name), DClass.IN, ttl, name(target)));
        return this;
    }

    LocalDnsServer servfail(String name) {
        modes.put(key(name), Mode.SERVFAIL);
        return this;
    }

    LocalDnsServer refused(String name) {
        modes.put(key(name), Mode.REFUSED);
        return this;
    }

    /** Never answers queries for {@code name}. */
    LocalDnsServer silent(String name) {
        modes.put(key(name), Mode.DROP);
        return this;
    }

    /** Answers over UDP with the TC bit and no records; the full answer only over TCP. */
    LocalDnsServer truncated(String name) {
        modes.put(key(name), Mode.TRUNCATE_UDP);
        return this;
    }

    /** Answers a query for {@code name} with its CNAME only, like a resolver that does not chase. */
    LocalDnsServer noChase(String name) {
        modes.put(key(name), Mode.NO_CHASE);
        return this;
    }

    int queriesFor(String name) {
        AtomicInteger n = queries.get(key(name));
        return n == null ? 0 : n.get();
    }

    private void add(Record r) {
        zone.computeIfAbsent(key(r.getName().toString()), k -> new CopyOnWriteArrayList<>()).add(r);
    }

    private static Name name(String text) throws IOException {
        return Name.fromString(text, Name.root);
    }

    private static String key(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    private void serveUdp() throws IOException {
        byte[] buf = new byte[4096];
        while (!closed) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            udp.receive(p);
            byte[] reply = answer(java.util.Arrays.copyOf(buf, p.getLength()), true);
            if (reply != null) {
                udp.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
            }
        }
    }

    private void serveTcp() throws IOException {
        while (!closed) {
            Socket s = tcp.accept();
            start("dns-tcp-conn", () -> {
                try (s) {
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    byte[] q = new byte[in.readUnsignedShort()];
                    in.readFully(q);
                    byte[] reply = answer(q, false);
                    if (reply != null) {
                        DataOutputStream out = new DataOutputStream(s.getOutputStream());
                        out.writeShort(reply.length);
                        out.write(reply);
                        out.flush();
                    }
                }
            });
        }
    }

    private byte[] answer(byte[] wire, boolean overUdp) throws IOException {
        Message query = new Message(wire);
        Record question = query.getQuestion();
        String qname = key(question.getName().toString());
        queries.computeIfAbsent(qname, k -> new AtomicInteger()).incrementAndGet();
        Message reply = new Message(query.getHeader().getID());
        reply.getHeader().setFlag(Flags.QR);
        reply.getHeader().setFlag(Flags.RD);
        reply.getHeader().setFlag(Flags.RA);
        reply.addRecord(question, Section.QUESTION);
        Mode mode = modes.getOrDefault(qname, Mode.ANSWER);
        switch (mode) {
            case DROP:
                return null;
            case SERVFAIL:
                reply.getHeader().setRcode(Rcode.SERVFAIL);
                return reply.toWire();
            case REFUSED:
                reply.getHeader().setRcode(Rcode.REFUSED);
                return reply.toWire();
            case TRUNCATE_UDP:
                if (overUdp) {
                    reply.getHeader().setFlag(Flags.TC);
                    return reply.toWire();
                }
                break;
            default:
                break;
        }
        int type = question.getType();
        String current = qname;
        List<Record> answers = new ArrayList<>();
        for (int hops = 0; hops < 20; hops++) {
            List<Record> records = zone.get(current);
            if (records == null) {
                reply.getHeader().setRcode(Rcode.NXDOMAIN);
                break;
            }
            Record cname = type == Type.CNAME ? null
                    : records.stream().filter(r -> r.getType() == Type.CNAME).findFirst().orElse(null);
            if (cname == null) {
                records.stream().filter(r -> r.getType() == type).forEach(answers::add);
                break;
            }
            answers.add(cname);
            if (modes.get(current) == Mode.NO_CHASE) {
                break;
            }
            current = key(((CNAMERecord) cname).getTarget().toString());
        }
        answers.forEach(r -> reply.addRecord(r, Section.ANSWER));
        return reply.toWire();
    }

    private interface Body {
        void run() throws IOException;
    }

    private void start(String name, Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (IOException e) {
                if (!closed) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        udp.close();
        tcp.close();
    }
}
