package io.blastradius.ingest.catalog;

import java.util.List;

/**
 * A service that depends on a queried scope, with every path that gets it there, the most telling
 * first (relation {@code INSIDE} before {@code ENCLOSING} before {@code OVERLAPPING}, then critical
 * before degrading before optional, then shorter before longer).
 */
public record Dependent(String service, List<Match> matches) {

    public Dependent {
        matches = List.copyOf(matches);
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("a dependent has at least one matching path");
        }
    }

    /** The most telling path. */
    public Match best() {
        return matches.get(0);
    }

    /** One path of the dependent and how its scope relates to the queried scope. */
    public record Match(DependencyPath path, ScopeRelation relation) {
    }
}
