package io.blastradius.alerts.filter;

import io.blastradius.alerts.config.DestinationConfig;
import io.blastradius.schemas.ImpactedService;
import io.blastradius.schemas.Outage;
import io.blastradius.schemas.OutageAlert;
import io.blastradius.schemas.OutageState;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which alerts a destination wants: by provider, region, service in the blast radius, minimum
 * confidence and lifecycle state.
 *
 * <p>Provider, region and state are judged on each alert. Service and confidence decide whether an
 * <em>outage</em> is let through, and once it is, its later alerts pass too: confidence falls as an
 * outage recovers, and its resolve must still reach the channel that was told it started. The
 * filter remembers the outages it has judged (the latest {@value #REMEMBERED} of them). After a
 * restart it has not seen how an outage began; then a RESOLVED alert of an outage that was
 * confirmed passes whatever its confidence or blast radius, because closing an incident the
 * destination may have opened is harmless and leaving it open is not.
 */
public final class AlertFilter {
    static final int REMEMBERED = 10_000;

    private final Set<String> providers;
    private final Set<String> regions;
    private final Set<String> services;
    private final double minConfidence;
    private final Set<OutageState> states;

    private enum Judged { ADMITTED, NOT_YET }

    private record Memory(Judged judged, boolean sawFirst) {}

    private final Map<String, Memory> outages = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Memory> eldest) {
            return size() > REMEMBERED;
        }
    };

    public AlertFilter(Set<String> providers, Set<String> regions, Set<String> services, double minConfidence,
            Set<OutageState> states) {
        this.providers = Set.copyOf(providers);
        this.regions = Set.copyOf(regions);
        this.services = Set.copyOf(services);
        this.minConfidence = minConfidence;
        this.states = states.isEmpty() ? Set.of() : EnumSet.copyOf(states);
    }

    public static AlertFilter of(DestinationConfig config) {
        return new AlertFilter(config.providers(), config.regions(), config.services(), config.minConfidence(),
                config.states());
    }

    /** A filter that lets everything through. */
    public static AlertFilter all() {
        return new AlertFilter(Set.of(), Set.of(), Set.of(), 0, EnumSet.allOf(OutageState.class));
    }

    /** Whether the destination gets {@code alert}. Call once per alert, in the order read. */
    public synchronized boolean admits(OutageAlert alert) {
        Outage outage = alert.getOutage();
        String id = alert.getOutageId();
        Memory memory = outages.get(id);
        boolean sawFirst = memory != null ? memory.sawFirst() : alert.getSequence() == 1;
        if (!matchesScope(outage)) {
            return false; // the scope of an outage does not change: nothing to remember
        }
        boolean admitted;
        if (memory != null && memory.judged() == Judged.ADMITTED) {
            admitted = true;
        } else if (outage.getConfidence() >= minConfidence && matchesServices(outage)) {
            admitted = true;
        } else {
            // never judged before and its start unseen: a confirmed outage's resolve closes whatever was opened
            admitted = !sawFirst && alert.getState() == OutageState.RESOLVED && outage.getConfirmed() != null;
        }
        outages.put(id, new Memory(admitted ? Judged.ADMITTED : Judged.NOT_YET, sawFirst));
        return admitted && states.contains(alert.getState());
    }

    private boolean matchesScope(Outage outage) {
        if (!providers.isEmpty() && !providers.contains(lower(outage.getProvider()))) {
            return false;
        }
        if (regions.isEmpty()) {
            return true;
        }
        String region = outage.getRegion();
        // a regionless or global outage reaches every region
        return region == null || "global".equalsIgnoreCase(region) || regions.contains(lower(region));
    }

    private boolean matchesServices(Outage outage) {
        if (services.isEmpty()) {
            return true;
        }
        return anyMatch(outage.getBlastRadius().getObserved()) || anyMatch(outage.getBlastRadius().getAtRisk());
    }

    private boolean anyMatch(List<ImpactedService> impacted) {
        for (ImpactedService s : impacted) {
            if (services.contains(lower(s.getService()))) {
                return true;
            }
            for (String hop : s.getPath()) {
                if (services.contains(lower(hop))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
