package io.blastradius.streams.query.api;

import io.blastradius.schemas.OutageState;
import io.blastradius.schemas.scope.ScopeId;
import io.blastradius.streams.query.http.ApiException;
import io.blastradius.streams.query.http.Request;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The search of {@code GET /api/v1/outages}: lifecycle states, provider, region, provider service, scope, affected service, time. */
record OutageFilter(Set<OutageState> states, String provider, String region, String providerService, ScopeId scope,
        String service, Instant from, Instant to) {
    static final Set<String> PARAMS = Set.of("state", "provider", "region", "providerService", "scope", "service", "from",
            "to", "limit", "cursor");

    static OutageFilter parse(Request r) {
        Instant from = Params.instant(r, "from");
        Instant to = Params.instant(r, "to");
        Params.ordered(from, to);
        return new OutageFilter(states(r.param("state")), Params.id(r, "provider"), Params.id(r, "region"),
                Params.id(r, "providerService"), Params.scope("scope", r.param("scope")), Params.id(r, "service"), from, to);
    }

    /** {@code active} (default), {@code resolved}, {@code all}, or a comma-separated list of lifecycle states. */
    private static Set<OutageState> states(String v) {
        if (v == null || v.isBlank() || v.equalsIgnoreCase("all")) {
            return EnumSet.allOf(OutageState.class);
        }
        if (v.equalsIgnoreCase("active")) {
            return EnumSet.complementOf(EnumSet.of(OutageState.RESOLVED));
        }
        Set<OutageState> states = EnumSet.noneOf(OutageState.class);
        for (String s : v.split(",")) {
            try {
                states.add(OutageState.valueOf(s.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ApiException.badParameter("state", "state must be active, resolved, all or some of "
                        + EnumSet.allOf(OutageState.class) + ", got '" + s.trim() + "'");
            }
        }
        return states;
    }

    boolean matches(OutageView o) {
        if (!states.contains(OutageState.valueOf(o.state()))) {
            return false;
        }
        if (provider != null && !provider.equals(o.provider())) {
            return false;
        }
        if (region != null && !region.equals(o.region())) {
            return false;
        }
        if (providerService != null && !providerService.equals(o.providerService())) {
            return false;
        }
        if (scope != null && !scope.contains(ScopeId.parse(o.scope()))) {
            return false;
        }
        if (service != null && o.blastRadius() != null
                && o.blastRadius().observed().stream().noneMatch(i -> i.service().equals(service))
                && o.blastRadius().atRisk().stream().noneMatch(i -> i.service().equals(service))) {
            return false;
        }
        return o.overlaps(from, to);
    }
}
