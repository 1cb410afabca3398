package io.blastradius.streams.topology;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

/**
 * What the correlation stage receives, keyed by provider: a dependent's health judgement, the
 * provider's own status feed, a complaint naming the provider, or the passing of event time.
 */
sealed interface CorrelationInput {
    /** Event time. */
    long at();

    /** A dependent's health for the minute ending at {@code at} (exclusive). */
    record Health(String service, boolean unhealthy, double score, List<String> attributedScopes, long at)
            implements CorrelationInput {
    }

    /** The provider's status feed about {@code scope}. */
    record ProviderStatus(String scope, String component, String status, String incidentId, String incidentStatus,
            long at) implements CorrelationInput {
    }

    /** A complaint naming the provider. */
    record ProviderComplaint(double weight, long at) implements CorrelationInput {
    }

    /** Event time has reached {@code at} on the health stage; every minute before it is closed. */
    record Tick(long at) implements CorrelationInput {
    }

    Serde<CorrelationInput> SERDE = BinaryCodec.serde((byte) 1, CorrelationInput::write, CorrelationInput::read);

    private static void write(DataOutputStream out, CorrelationInput i) throws IOException {
        if (i instanceof Health h) {
                out.writeByte(1);
                out.writeUTF(h.service());
                out.writeBoolean(h.unhealthy());
                out.writeDouble(h.score());
                BinaryCodec.writeStrings(out, h.attributedScopes());
                out.writeLong(h.at());
        } else if (i instanceof ProviderStatus s) {
                out.writeByte(2);
                out.writeUTF(s.scope());
                BinaryCodec.writeNullable(out, s.component());
                out.writeUTF(s.status());
                BinaryCodec.writeNullable(out, s.incidentId());
                BinaryCodec.writeNullable(out, s.incidentStatus());
                out.writeLong(s.at());
        } else if (i instanceof ProviderComplaint c) {
                out.writeByte(3);
                out.writeDouble(c.weight());
                out.writeLong(c.at());
        } else if (i instanceof Tick t) {
                out.writeByte(4);
                out.writeLong(t.at());
        }
    }

    private static CorrelationInput read(DataInputStream in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case 1 -> new Health(in.readUTF(), in.readBoolean(), in.readDouble(), BinaryCodec.readStrings(in), in.readLong());
            case 2 -> new ProviderStatus(in.readUTF(), BinaryCodec.readNullable(in), in.readUTF(),
                    BinaryCodec.readNullable(in), BinaryCodec.readNullable(in), in.readLong());
            case 3 -> new ProviderComplaint(in.readDouble(), in.readLong());
            case 4 -> new Tick(in.readLong());
            default -> throw new IOException("unknown correlation input tag " + tag);
        };
    }
}
