package io.blastradius.ingest.probe;

import io.blastradius.schemas.ProbeErrorClass;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 GET over an open (plain or TLS) socket, timing the first byte and the transfer.
 * Written by hand rather than with {@code java.net.http}: the JDK client resolves names itself
 * (through the system resolver, not the probe's), pools connections and hides the phases.
 */
final class HttpExchange {
    private static final int MAX_LINE = 8 * 1024;
    private static final int MAX_HEADERS = 200;

    private HttpExchange() {
    }

    /** Sends the request and reads the response; fills status and timings into {@code run}. */
    static void get(Socket socket, CheckRun run, ProberSettings settings) throws ProbeFailure {
        Check check = run.check;
        String hostHeader = check.host().indexOf(':') >= 0 ? "[" + check.host() + "]" : check.host();
        if (check.port() != (check.tls() ? 443 : 80)) {
            hostHeader += ":" + check.port();
        }
        String request = "GET " + check.pathAndQuery() + " HTTP/1.1\r\n"
                + "Host: " + hostHeader + "\r\n"
                + "User-Agent: " + settings.userAgent() + "\r\n"
                + "Accept: */*\r\n"
                + "Accept-Encoding: identity\r\n"
                + "Connection: close\r\n\r\n";
        InputStream in;
        long sent;
        try {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            sent = System.nanoTime();
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        } catch (IOException e) {
            throw ProbeFailure.read(e, "sending the request");
        }

        int first;
        try {
            socket.setSoTimeout(run.budget(settings.firstByteTimeout(), ProbeErrorClass.READ_TIMEOUT, "first byte"));
            first = in.read();
        } catch (IOException e) {
            throw ProbeFailure.read(e, "waiting for the first response byte");
        }
        if (first < 0) {
            throw new ProbeFailure(ProbeErrorClass.OTHER, "connection closed before any response byte (empty reply)");
        }
        run.firstByteMs = CheckRun.millisSince(sent);
        long firstByteAt = System.nanoTime();

        try {
            Head head = readHead(socket, in, first, run, settings);
            while (head.status >= 100 && head.status < 200 && head.status != 101) {
                head = readHead(socket, in, -1, run, settings); // 100 Continue and friends precede the real answer
            }
            run.httpStatus = head.status;
            readBody(socket, in, head, run, settings);
            run.transferMs = CheckRun.millisSince(firstByteAt);
        } catch (SocketTimeoutException e) {
            run.transferMs = CheckRun.millisSince(firstByteAt);
            throw new ProbeFailure(ProbeErrorClass.READ_TIMEOUT, run.pastDeadline()
                    ? "response still arriving at the check deadline"
                    : "response stalled: no data for " + settings.firstByteTimeout().toMillis() + " ms");
        } catch (IOException e) {
            throw ProbeFailure.read(e, "reading the response");
        }
        if (head5xx(run.httpStatus)) {
            throw new ProbeFailure(ProbeErrorClass.HTTP_5XX, "HTTP " + run.httpStatus);
        }
        if (run.httpStatus < settings.successStatusMin() || run.httpStatus > settings.successStatusMax()) {
            throw new ProbeFailure(run.httpStatus >= 400 ? ProbeErrorClass.HTTP_4XX : ProbeErrorClass.OTHER,
                    "HTTP " + run.httpStatus);
        }
    }

    private static boolean head5xx(int status) {
        return status >= 500 && status <= 599;
    }

    private record Head(int status, long contentLength, boolean chunked) {
    }

    private static Head readHead(Socket socket, InputStream in, int first, CheckRun run, ProberSettings settings)
            throws IOException, ProbeFailure {
        String statusLine = readLine(socket, in, first, run, settings);
        // HTTP/1.1 200 OK
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/") || parts[1].length() != 3) {
            throw new ProbeFailure(ProbeErrorClass.OTHER, "not an HTTP response: '" + abbreviate(statusLine) + "'");
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new ProbeFailure(ProbeErrorClass.OTHER, "not an HTTP status: '" + abbreviate(statusLine) + "'");
        }
        long contentLength = -1;
        boolean chunked = false;
        for (int i = 0; ; i++) {
            if (i > MAX_HEADERS) {
                throw new ProbeFailure(ProbeErrorClass.OTHER, "more than " + MAX_HEADERS + " response headers");
            }
            String line = readLine(socket, in, -1, run, settings);
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                try {
                    contentLength = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new ProbeFailure(ProbeErrorClass.OTHER, "bad Content-Length '" + abbreviate(value) + "'");
                }
            } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            }
        }
        return new Head(status, contentLength, chunked);
    }

    private static void readBody(Socket socket, InputStream in, Head head, CheckRun run, ProberSettings settings)
            throws IOException, ProbeFailure {
        if (head.status == 204 || head.status == 304) {
            return;
        }
        long budget = settings.maxBodyBytes();
        byte[] buffer = new byte[8 * 1024];
        if (head.chunked) {
            while (budget > 0) {
                String sizeLine = readLine(socket, in, -1, run, settings);
                int semicolon = sizeLine.indexOf(';');
                long size;
                try {
                    size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new ProbeFailure(ProbeErrorClass.OTHER, "bad chunk size '" + abbreviate(sizeLine) + "'");
                }
                if (size == 0) {
                    return; // trailers are not needed: the connection is closed after the check
                }
                long read = copy(socket, in, buffer, Math.min(size, budget), run, settings, true);
                budget -= read;
                if (read == size) {
                    readLine(socket, in, -1, run, settings);
                }
            }
            return;
        }
        long wanted = head.contentLength >= 0 ? Math.min(head.contentLength, budget) : budget;
        copy(socket, in, buffer, wanted, run, settings, head.contentLength >= 0);
    }

    /** Reads up to {@code count} bytes; with {@code exact}, an early end of stream is an error. */
    private static long copy(Socket socket, InputStream in, byte[] buffer, long count, CheckRun run,
            ProberSettings settings, boolean exact) throws IOException, ProbeFailure {
        long total = 0;
        while (total < count) {
            socket.setSoTimeout(run.budget(settings.firstByteTimeout(), ProbeErrorClass.READ_TIMEOUT, "body transfer"));
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, count - total));
            if (n < 0) {
                if (exact) {
                    throw new ProbeFailure(ProbeErrorClass.OTHER, "connection closed after " + total + " of " + count
                            + " body bytes");
                }
                return total;
            }
            total += n;
            if (run.pastDeadline() && total < count) {
                throw new ProbeFailure(ProbeErrorClass.READ_TIMEOUT, "body still arriving at the check deadline ("
                        + total + " bytes read)");
            }
        }
        return total;
    }

    private static String readLine(Socket socket, InputStream in, int first, CheckRun run, ProberSettings settings)
            throws IOException, ProbeFailure {
        StringBuilder line = new StringBuilder(64);
        socket.setSoTimeout(run.budget(settings.firstByteTimeout(), ProbeErrorClass.READ_TIMEOUT, "response head"));
        int c = first < 0 ? in.read() : first;
        while (c >= 0 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
            if (line.length() > MAX_LINE) {
                throw new ProbeFailure(ProbeErrorClass.OTHER, "response line longer than " + MAX_LINE + " bytes");
            }
            if (run.pastDeadline()) {
                throw new ProbeFailure(ProbeErrorClass.READ_TIMEOUT, "response head still arriving at the check deadline");
            }
            c = in.read();
        }
        if (c < 0 && line.length() == 0) {
            throw new ProbeFailure(ProbeErrorClass.OTHER, "connection closed in the middle of the response head");
        }
        return line.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
