package io.blastradius.streams.correlation;

import io.blastradius.schemas.scope.ScopeId;
import java.util.Map;

/**
 * Direct evidence about a provider, beside the health of its dependents: what its own status feed
 * currently says per scope, and how surprising the complaints naming it are.
 *
 * @param status current non-operational status-feed entries by scope
 * @param complaintSurprise -log10 chance of the current complaint volume naming the provider
 * @param complaints complaint weight naming the provider in the current view
 */
public record ProviderEvidence(Map<ScopeId, StatusSnapshot.Entry> status, double complaintSurprise, double complaints) {

    public static ProviderEvidence none() {
        return new ProviderEvidence(Map.of(), 0, 0);
    }

    /** The strongest status entry about a scope related to {@code scope} (containing or contained), or null. */
    public StatusSnapshot.Entry statusAbout(ScopeId scope) {
        Map.Entry<ScopeId, StatusSnapshot.Entry> best = strongestAbout(scope);
        return best == null ? null : best.getValue();
    }

    /** The scope of {@link #statusAbout}'s entry, or null. */
    public ScopeId statusScopeAbout(ScopeId scope) {
        Map.Entry<ScopeId, StatusSnapshot.Entry> best = strongestAbout(scope);
        return best == null ? null : best.getKey();
    }

    private Map.Entry<ScopeId, StatusSnapshot.Entry> strongestAbout(ScopeId scope) {
        Map.Entry<ScopeId, StatusSnapshot.Entry> best = null;
        for (Map.Entry<ScopeId, StatusSnapshot.Entry> e : status.entrySet()) {
            if (Scopes.overlap(scope, e.getKey()) && (best == null
                    || StatusSnapshot.severity(e.getValue().status()) > StatusSnapshot.severity(best.getValue().status()))) {
                best = e;
            }
        }
        return best;
    }
}
