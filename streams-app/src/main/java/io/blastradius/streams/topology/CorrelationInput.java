package io.blastradius.streams.topology;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

/**
 * What the correlation stage receives, all under one key ({@link #KEY}: it decides for every
 * provider at once): a service's health judgement, a provider's own status feed, a complaint naming
 * a provider, or the passing of event time.
 *
 * <p>Everything but complaints carries its {@code source}: the partition of the first
 * sub-topology's task that emitted it. Those tasks are not kept in step by Kafka Streams, so the
 * correlation stage keeps each source's event-time progress and releases inputs only when every
 * source has passed them ({@link EventTimeAligner}).
 */
sealed interface CorrelationInput {
    /** The key of every correlation input. */
    String KEY = "correlation";

    /** Event time. */
    long at();

    /** A dependent's health for the minute ending at {@code at} (exclusive). */
    record Health(String service, boolean unhealthy, double score, List<String> attributedScopes, long at, int source)
            implements CorrelationInput {
    }

    /** The provider's status feed about {@code scope}. */
    record ProviderStatus(String scope, String component, String status, String incidentId, String incidentStatus,
            long at, int source) implements CorrelationInput {
    }

    /** A complaint naming {@code provider}; a negative weight withdraws a deleted (or edited) post's complaint. */
    record ProviderComplaint(String provider, double weight, long at) implements CorrelationInput {
    }

    /** Event time has reached {@code at} on source {@code source}: every minute before it is closed there. */
    record Tick(long at, int source) implements CorrelationInput {
    }

    Serde<CorrelationInput> SERDE = BinaryCodec.serde((byte) 2, CorrelationInput::write, CorrelationInput::read);

    private static void write(DataOutputStream out, CorrelationInput i) throws IOException {
        if (i instanceof Health h) {
            out.writeByte(1);
            out.writeUTF(h.service());
            out.writeBoolean(h.unhealthy());
            out.writeDouble(h.score());
            BinaryCodec.writeStrings(out, h.attributedScopes());
            out.writeLong(h.at());
            out.writeShort(h.source());
        } else if (i instanceof ProviderStatus s) {
            out.writeByte(2);
            out.writeUTF(s.scope());
            BinaryCodec.writeNullable(out, s.component());
            out.writeUTF(s.status());
            BinaryCodec.writeNullable(out, s.incidentId());
            BinaryCodec.writeNullable(out, s.incidentStatus());
            out.writeLong(s.at());
            out.writeShort(s.source());
        } else if (i instanceof ProviderComplaint c) {
            out.writeByte(3);
            out.writeUTF(c.provider());
            out.writeDouble(c.weight());
            out.writeLong(c.at());
        } else if (i instanceof Tick t) {
            out.writeByte(4);
            out.writeLong(t.at());
            out.writeShort(t.source());
        }
    }

    private static CorrelationInput read(DataInputStream in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case 1 -> new Health(in.readUTF(), in.readBoolean(), in.readDouble(), BinaryCodec.readStrings(in), in.readLong(),
                    in.readUnsignedShort());
            case 2 -> new ProviderStatus(in.readUTF(), BinaryCodec.readNullable(in), in.readUTF(),
                    BinaryCodec.readNullable(in), BinaryCodec.readNullable(in), in.readLong(), in.readUnsignedShort());
            case 3 -> new ProviderComplaint(in.readUTF(), in.readDouble(), in.readLong());
            case 4 -> new Tick(in.readLong(), in.readUnsignedShort());
            default -> throw new IOException("unknown correlation input tag " + tag);
        };
    }
}
