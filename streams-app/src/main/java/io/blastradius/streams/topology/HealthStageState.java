package io.blastradius.streams.topology;

import io.blastradius.streams.correlation.ComplaintBaseline;
import io.blastradius.streams.correlation.HealthVerdict.Level;
import io.blastradius.streams.correlation.MinuteBucket;
import io.blastradius.streams.correlation.StatusSnapshot;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * The health stage's persisted state and its encodings: one {@link Tracker} per service (small,
 * written each closed minute), the hour-of-week complaint profile (written once an hour), and the
 * minute buckets (written per record, so kept to a few dozen bytes).
 */
final class HealthStageState {
    private HealthStageState() {
    }

    /**
     * Per service: the last judged state, the learned complaint level, the status page, and what
     * makes them independent of arrival order: the first minute the service is judged for (the one
     * open at its earliest observation), and the status-page observations that arrived before the
     * minute they count from was closed.
     */
    static final class Tracker {
        Level lastState = Level.UNKNOWN;
        ComplaintBaseline baseline;
        StatusSnapshot status = new StatusSnapshot();
        long since = Long.MAX_VALUE;
        List<PendingStatus> pending = new ArrayList<>(0);

        Tracker(ComplaintBaseline baseline) {
            this.baseline = baseline;
        }

        /** Puts into effect the status observations that count from {@code minute} or before, in arrival order. */
        void applyPendingStatus(long minute) {
            if (pending.isEmpty()) {
                return;
            }
            for (Iterator<PendingStatus> it = pending.iterator(); it.hasNext(); ) {
                PendingStatus p = it.next();
                if (p.fromMinute() <= minute) {
                    status.observe(p.component(), p.status(), p.incidentId(), p.at());
                    it.remove();
                }
            }
        }
    }

    /** A status-page observation that counts from minute {@code fromMinute} (epoch minutes). */
    record PendingStatus(long fromMinute, String component, String status, String incidentId, long at) {
        PendingStatus(long fromMinute, ServiceObservation.Status s) {
            this(fromMinute, s.component(), s.status(), s.incidentId(), s.at());
        }
    }

    /** A baseline's hour-of-week profile. */
    record Profile(float[] levels, int[] minutes) {
    }

    static final Serde<Tracker> TRACKER = BinaryCodec.serde((byte) 2, HealthStageState::writeTracker, HealthStageState::readTracker);
    static final Serde<Profile> PROFILE = BinaryCodec.serde((byte) 1, HealthStageState::writeProfile, HealthStageState::readProfile);
    static final Serde<MinuteBucket> BUCKET = BinaryCodec.serde((byte) 1, HealthStageState::writeBucket, HealthStageState::readBucket);

    private static void writeTracker(DataOutputStream out, Tracker t) throws IOException {
        out.writeByte(t.lastState.ordinal());
        out.writeDouble(t.baseline.level());
        out.writeLong(t.baseline.minutesSeen());
        out.writeShort(t.baseline.pendingSlot());
        out.writeDouble(t.baseline.pendingSum());
        out.writeInt(t.baseline.pendingMinutes());
        Map<String, StatusSnapshot.Entry> components = t.status.components();
        out.writeShort(components.size());
        for (Map.Entry<String, StatusSnapshot.Entry> e : components.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeUTF(e.getValue().status());
            BinaryCodec.writeNullable(out, e.getValue().incidentId());
            out.writeLong(e.getValue().at());
        }
        out.writeLong(t.since);
        out.writeShort(t.pending.size());
        for (PendingStatus p : t.pending) {
            out.writeLong(p.fromMinute());
            BinaryCodec.writeNullable(out, p.component());
            out.writeUTF(p.status());
            BinaryCodec.writeNullable(out, p.incidentId());
            out.writeLong(p.at());
        }
    }

    private static Tracker readTracker(DataInputStream in) throws IOException {
        Level state = Level.values()[in.readByte()];
        double level = in.readDouble();
        long seen = in.readLong();
        ComplaintBaseline baseline = new ComplaintBaseline(level, seen, new float[ComplaintBaseline.SLOTS],
                new int[ComplaintBaseline.SLOTS]);
        baseline.restorePending(in.readShort(), in.readDouble(), in.readInt());
        int n = in.readUnsignedShort();
        Map<String, StatusSnapshot.Entry> components = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            components.put(in.readUTF(), new StatusSnapshot.Entry(in.readUTF(), BinaryCodec.readNullable(in), in.readLong()));
        }
        Tracker t = new Tracker(baseline);
        t.lastState = state;
        t.status = new StatusSnapshot(components);
        t.since = in.readLong();
        int pending = in.readUnsignedShort();
        for (int i = 0; i < pending; i++) {
            t.pending.add(new PendingStatus(in.readLong(), BinaryCodec.readNullable(in), in.readUTF(),
                    BinaryCodec.readNullable(in), in.readLong()));
        }
        return t;
    }

    private static void writeProfile(DataOutputStream out, Profile p) throws IOException {
        for (int i = 0; i < ComplaintBaseline.SLOTS; i++) {
            out.writeFloat(p.levels()[i]);
            out.writeInt(p.minutes()[i]);
        }
    }

    private static Profile readProfile(DataInputStream in) throws IOException {
        float[] levels = new float[ComplaintBaseline.SLOTS];
        int[] minutes = new int[ComplaintBaseline.SLOTS];
        for (int i = 0; i < ComplaintBaseline.SLOTS; i++) {
            levels[i] = in.readFloat();
            minutes[i] = in.readInt();
        }
        return new Profile(levels, minutes);
    }

    private static void writeBucket(DataOutputStream out, MinuteBucket b) throws IOException {
        out.writeLong(b.minuteStart());
        out.writeShort(b.vantages().size());
        for (Map.Entry<String, int[]> e : b.vantages().entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue()[0]);
            out.writeInt(e.getValue()[1]);
        }
        writeCounts(out, b.errorClasses());
        writeCounts(out, b.attributedFailures());
        out.writeShort(b.providersNamed().size());
        for (Map.Entry<String, Double> e : b.providersNamed().entrySet()) {
            out.writeUTF(e.getKey());
            out.writeDouble(e.getValue());
        }
        out.writeDouble(b.complaints());
        out.writeInt(b.posts());
    }

    private static MinuteBucket readBucket(DataInputStream in) throws IOException {
        long minute = in.readLong();
        int n = in.readUnsignedShort();
        Map<String, int[]> vantages = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            vantages.put(in.readUTF(), new int[] {in.readInt(), in.readInt()});
        }
        Map<String, Integer> errors = readCounts(in);
        Map<String, Integer> attributed = readCounts(in);
        int p = in.readUnsignedShort();
        Map<String, Double> providers = new LinkedHashMap<>();
        for (int i = 0; i < p; i++) {
            providers.put(in.readUTF(), in.readDouble());
        }
        return new MinuteBucket(minute, vantages, errors, attributed, providers, in.readDouble(), in.readInt());
    }

    private static void writeCounts(DataOutputStream out, Map<String, Integer> counts) throws IOException {
        out.writeShort(counts.size());
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue());
        }
    }

    private static Map<String, Integer> readCounts(DataInputStream in) throws IOException {
        int n = in.readUnsignedShort();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            counts.put(in.readUTF(), in.readInt());
        }
        return counts;
    }
}
