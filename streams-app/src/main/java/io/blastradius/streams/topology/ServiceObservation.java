package io.blastradius.streams.topology;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

/**
 * What the health stage needs from one validated input record, keyed by service: a check, a
 * complaint, or the service's own status-page state; and the {@link Progress} of the tasks that
 * send them. Projected from the Avro inputs so that the repartition carries a few dozen bytes
 * instead of the whole record.
 */
sealed interface ServiceObservation {
    /** Event time of the observation. */
    long at();

    /**
     * Whether the observation may advance the event-time progress of the task that sends it (and so
     * the health stage's clock): its event time is not implausibly after the time it was ingested.
     * A record claiming to come from hours ahead is still counted when its minute comes, but must
     * not close every minute before it.
     */
    boolean clock();

    /** One synthetic check from one vantage point; {@code attributedScopes} only for failing checks. */
    record Check(String vantage, boolean success, String errorClass, List<String> attributedScopes, long at,
            boolean clock) implements ServiceObservation {
    }

    /**
     * One complaint post's weight and the providers it names. A negative weight withdraws a deleted
     * (or edited) post's complaint from the minute {@code at} it was counted in.
     */
    record Complaint(double weight, List<String> providers, long at, boolean clock) implements ServiceObservation {
        boolean withdrawal() {
            return weight < 0;
        }
    }

    /** One status-page observation of a component of the service. */
    record Status(String component, String status, String incidentId, long at, boolean clock)
            implements ServiceObservation {
    }

    /**
     * The task of the first sub-topology with partition {@code source} has sent every observation
     * it will send up to event time {@code at} (sent to every partition of the repartition, after
     * those observations, by {@link ProgressMarks}). Not an observation of any service.
     */
    record Progress(int source, long at) implements ServiceObservation {
        @Override
        public boolean clock() {
            return false;
        }
    }

    Serde<ServiceObservation> SERDE = BinaryCodec.serde((byte) 1, ServiceObservation::write, ServiceObservation::read);

    private static void write(DataOutputStream out, ServiceObservation o) throws IOException {
        if (o instanceof Check c) {
                out.writeByte(1);
                out.writeUTF(c.vantage());
                out.writeBoolean(c.success());
                BinaryCodec.writeNullable(out, c.errorClass());
                BinaryCodec.writeStrings(out, c.attributedScopes());
                out.writeLong(c.at());
                out.writeBoolean(c.clock());
        } else if (o instanceof Complaint c) {
                out.writeByte(2);
                out.writeDouble(c.weight());
                BinaryCodec.writeStrings(out, c.providers());
                out.writeLong(c.at());
                out.writeBoolean(c.clock());
        } else if (o instanceof Status s) {
                out.writeByte(3);
                BinaryCodec.writeNullable(out, s.component());
                out.writeUTF(s.status());
                BinaryCodec.writeNullable(out, s.incidentId());
                out.writeLong(s.at());
                out.writeBoolean(s.clock());
        } else if (o instanceof Progress p) {
                out.writeByte(4);
                out.writeShort(p.source());
                out.writeLong(p.at());
        }
    }

    private static ServiceObservation read(DataInputStream in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case 1 -> new Check(in.readUTF(), in.readBoolean(), BinaryCodec.readNullable(in), BinaryCodec.readStrings(in),
                    in.readLong(), in.readBoolean());
            case 2 -> new Complaint(in.readDouble(), BinaryCodec.readStrings(in), in.readLong(), in.readBoolean());
            case 3 -> new Status(BinaryCodec.readNullable(in), in.readUTF(), BinaryCodec.readNullable(in), in.readLong(),
                    in.readBoolean());
            case 4 -> new Progress(in.readUnsignedShort(), in.readLong());
            default -> throw new IOException("unknown observation tag " + tag);
        };
    }
}
