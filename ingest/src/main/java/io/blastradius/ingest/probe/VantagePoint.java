package io.blastradius.ingest.probe;

import io.blastradius.schemas.Vantage;
import java.util.Objects;

/**
 * Where probes run from, as configured: probes from several vantages are told apart by it, and a
 * quorum across them separates a target's outage from one vantage's bad network.
 *
 * @param id vantage id ({@code probe-us-east})
 * @param region geographic or cloud region of the vantage ({@code us-east})
 * @param asn the autonomous system the vantage sends from, or null when unknown
 * @param provider hosting provider of the vantage, or null
 */
public record VantagePoint(String id, String region, Long asn, String provider) {

    public VantagePoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(region, "region");
    }

    /** The Avro form carried by every {@code ProbeResult}. */
    public Vantage toAvro() {
        return Vantage.newBuilder().setId(id).setRegion(region).setAsn(asn).setProvider(provider).build();
    }
}
