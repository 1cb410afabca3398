package io.blastradius.evaluation.tuning;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the correlation stage saw during a {@link DriverRun}, as a file: the health judgements it
 * was sent (changes, and a refresh every five minutes while unhealthy), the providers' status
 * observations and the complaints naming providers. {@link CorrelationReplay} replays it through the
 * correlator alone, in seconds, to tune the correlation without re-running the health stage.
 */
final class CorrelationTrace {
    private CorrelationTrace() {
    }

    sealed interface Entry {
        long at();
    }

    record Health(String service, boolean unhealthy, double score, List<String> scopes, long at) implements Entry {
    }

    record Status(String scope, String component, String status, String incidentId, String incidentStatus, long at)
            implements Entry {
    }

    record Complaint(String provider, double weight, long at) implements Entry {
    }

    static final class Writer implements Closeable {
        private final DataOutputStream out;

        Writer(Path file) throws IOException {
            out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        }

        void write(Entry e) {
            try {
                if (e instanceof Health h) {
                    out.writeByte(1);
                    out.writeUTF(h.service());
                    out.writeBoolean(h.unhealthy());
                    out.writeDouble(h.score());
                    out.writeShort(h.scopes().size());
                    for (String s : h.scopes()) {
                        out.writeUTF(s);
                    }
                } else if (e instanceof Status s) {
                    out.writeByte(2);
                    out.writeUTF(s.scope());
                    nullable(s.component());
                    out.writeUTF(s.status());
                    nullable(s.incidentId());
                    nullable(s.incidentStatus());
                } else if (e instanceof Complaint c) {
                    out.writeByte(3);
                    out.writeUTF(c.provider());
                    out.writeDouble(c.weight());
                }
                out.writeLong(e.at());
            } catch (IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        }

        private void nullable(String s) throws IOException {
            out.writeBoolean(s != null);
            if (s != null) {
                out.writeUTF(s);
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    static void read(Path file, Consumer<Entry> each) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            while (true) {
                int tag;
                try {
                    tag = in.readByte();
                } catch (EOFException end) {
                    return;
                }
                Entry e = switch (tag) {
                    case 1 -> {
                        String service = in.readUTF();
                        boolean unhealthy = in.readBoolean();
                        double score = in.readDouble();
                        int n = in.readUnsignedShort();
                        List<String> scopes = new ArrayList<>(n);
                        for (int i = 0; i < n; i++) {
                            scopes.add(in.readUTF());
                        }
                        yield new Health(service, unhealthy, score, scopes, in.readLong());
                    }
                    case 2 -> new Status(in.readUTF(), nullable(in), in.readUTF(), nullable(in), nullable(in), in.readLong());
                    case 3 -> new Complaint(in.readUTF(), in.readDouble(), in.readLong());
                    default -> throw new IOException("bad trace entry " + tag);
                };
                each.accept(e);
            }
        }
    }

    private static String nullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
