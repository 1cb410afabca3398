package io.blastradius.ingest.probe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * An HTTP/1.1 server on 127.0.0.1 (plain or TLS, free port) whose paths misbehave on purpose:
 * {@code /ok}, {@code /chunked}, {@code /status/<code>}, {@code /slow-body} (trickles 10 bytes per
 * 100 ms of a 10,000-byte body), {@code /hang} (reads the request, never answers), {@code /empty}
 * (closes without a byte). A silent server accepts connections and never reads or writes: a TLS
 * handshake or HTTP request to it hangs.
 */
final class ScriptedServer implements AutoCloseable {
    private final ServerSocket server;
    private final boolean silent;
    private final CountDownLatch release = new CountDownLatch(1);
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger hanging = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean closed;

    private ScriptedServer(ServerSocket server, boolean silent) {
        this.server = server;
        this.silent = silent;
        Thread t = new Thread(this::acceptLoop, "scripted-server-" + server.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    static ScriptedServer http() throws IOException {
        return new ScriptedServer(new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1")), false);
    }

    static ScriptedServer https(SSLContext context) throws IOException {
        return new ScriptedServer(context.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getByName("127.0.0.1")), false);
    }

    static ScriptedServer silent() throws IOException {
        return new ScriptedServer(new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1")), true);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Connections currently held open by {@code /hang} or a silent server. */
    int hangingNow() {
        return hanging.get();
    }

    int requests() {
        return requests.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                connections.add(s);
                Thread t = new Thread(() -> serve(s), "scripted-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            if (silent) {
                hold();
                return;
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            String requestLine = in.readLine();
            if (requestLine == null) {
                return;
            }
            while (true) {
                String header = in.readLine();
                if (header == null || header.isEmpty()) {
                    break;
                }
            }
            requests.incrementAndGet();
            String path = requestLine.split(" ")[1];
            OutputStream out = s.getOutputStream();
            if (path.equals("/ok")) {
                write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok");
            } else if (path.equals("/chunked")) {
                write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
            } else if (path.startsWith("/status/")) {
                int code = Integer.parseInt(path.substring(8));
                write(out, "HTTP/1.1 " + code + " Scripted\r\nContent-Length: 5\r\n\r\nerror");
            } else if (path.equals("/continue")) {
                write(out, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n");
            } else if (path.equals("/slow-body")) {
                write(out, "HTTP/1.1 200 OK\r\nContent-Length: 10000\r\n\r\n");
                for (int i = 0; i < 1000 && !closed; i++) {
                    write(out, "0123456789");
                    if (release.await(100, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                }
            } else if (path.equals("/hang")) {
                hold();
            } else if (path.equals("/empty")) {
                return;
            } else {
                write(out, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
            }
        } catch (IOException e) {
            // the client gave up (timeout, rejected certificate): that is what the tests provoke
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connections.remove(s);
        }
    }

    private void hold() throws InterruptedException {
        hanging.incrementAndGet();
        try {
            release.await();
        } finally {
            hanging.decrementAndGet();
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        release.countDown();
        server.close();
        for (Socket s : connections) {
            s.close();
        }
    }
}
