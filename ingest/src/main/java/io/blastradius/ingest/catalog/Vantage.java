package io.blastradius.ingest.catalog;

/**
 * A place probes run from.
 *
 * @param region geographic region of the vantage (us-east, eu-west, ...)
 * @param asn the network it sends from
 * @param provider the hosting provider when the vantage runs in a cloud, else null
 */
public record Vantage(String id, String name, String region, long asn, String provider) {
}
