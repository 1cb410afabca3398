package io.blastradius.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * The one address everything embedded binds to and advertises. These machines must send no
 * traffic anywhere else, so no listener here ever uses the wildcard address or a host name.
 */
public final class Loopback {
    /** The loopback address as a literal, so no resolver is involved. */
    public static final String HOST = "127.0.0.1";

    private Loopback() {
    }

    /**
     * A port that was free on the loopback address a moment ago. Another process may take it before
     * the caller binds it, so callers that pick ports this way retry on a bind failure.
     */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + HOST, e);
        }
    }
}
