package io.blastradius.streams.query.views;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The three signals about one subject (a service id or a provider scope) in one event-time minute:
 * probe checks and failures, complaint weight and posts, status events, and a few of the posts and
 * status updates themselves (untrusted text, for the timeline; escaped only where it is shown).
 * Mutable while a recorder folds records into it; stored in a compact binary form.
 */
public final class SignalMinute {
    /** Notes kept per subject and minute: status updates first, then the strongest complaints. */
    public static final int MAX_NOTES = 6;
    private static final byte VERSION = 1;

    int checks;
    int failures;
    double complaints;
    int posts;
    int statusEvents;
    String worstStatus;
    final List<Note> notes = new ArrayList<>();

    /** A post or status update worth showing on a timeline. */
    public record Note(String kind, String source, String id, long at, String status, String title, String text,
            String url, double score) {
        public static final String POST = "post";
        public static final String STATUS = "status";
    }

    public int checks() {
        return checks;
    }

    public int failures() {
        return failures;
    }

    public double complaints() {
        return complaints;
    }

    public int posts() {
        return posts;
    }

    public int statusEvents() {
        return statusEvents;
    }

    /** The worst normalized component status reported in the minute, or null. */
    public String worstStatus() {
        return worstStatus;
    }

    public List<Note> notes() {
        return List.copyOf(notes);
    }

    void addNote(Note note) {
        for (Note n : notes) {
            if (n.kind().equals(note.kind()) && n.id().equals(note.id())) {
                return; // the same post or update read twice (a redelivery, a re-poll)
            }
        }
        notes.add(note);
        // status updates are rare and each matters; posts are many and only the strongest are kept
        notes.sort(Comparator.comparing((Note n) -> !Note.STATUS.equals(n.kind())).thenComparing(n -> -n.score())
                .thenComparingLong(Note::at));
        while (notes.size() > MAX_NOTES) {
            notes.remove(notes.size() - 1);
        }
    }

    /** Adds {@code other} (the same subject and minute from another partition) to this one. */
    public void add(SignalMinute other) {
        checks += other.checks;
        failures += other.failures;
        complaints += other.complaints;
        posts += other.posts;
        statusEvents += other.statusEvents;
        worstStatus = StatusRank.worse(worstStatus, other.worstStatus);
        for (Note n : other.notes) {
            addNote(n);
        }
    }

    public static final Serde<SignalMinute> SERDE = Serdes.serdeFrom(serializer(), deserializer());

    private static Serializer<SignalMinute> serializer() {
        return (topic, m) -> {
            if (m == null) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeByte(VERSION);
                out.writeInt(m.checks);
                out.writeInt(m.failures);
                out.writeDouble(m.complaints);
                out.writeInt(m.posts);
                out.writeInt(m.statusEvents);
                writeNullable(out, m.worstStatus);
                out.writeByte(m.notes.size());
                for (Note n : m.notes) {
                    out.writeUTF(n.kind());
                    writeNullable(out, n.source());
                    out.writeUTF(n.id());
                    out.writeLong(n.at());
                    writeNullable(out, n.status());
                    writeNullable(out, n.title());
                    writeNullable(out, n.text());
                    writeNullable(out, n.url());
                    out.writeDouble(n.score());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        };
    }

    private static Deserializer<SignalMinute> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
                byte version = in.readByte();
                if (version != VERSION) {
                    throw new IOException("unknown signal-minute version " + version);
                }
                SignalMinute m = new SignalMinute();
                m.checks = in.readInt();
                m.failures = in.readInt();
                m.complaints = in.readDouble();
                m.posts = in.readInt();
                m.statusEvents = in.readInt();
                m.worstStatus = readNullable(in);
                int count = in.readByte();
                for (int i = 0; i < count; i++) {
                    m.notes.add(new Note(in.readUTF(), readNullable(in), in.readUTF(), in.readLong(), readNullable(in),
                            readNullable(in), readNullable(in), readNullable(in), in.readDouble()));
                }
                return m;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** writeUTF takes at most 64 KiB of modified UTF-8; texts are capped upstream, but a cap here keeps it safe. */
    private static void writeNullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s.length() > 4_000 ? s.substring(0, 4_000) : s);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
