package io.blastradius.deploy.local;

import io.blastradius.schemas.ImpactedService;
import io.blastradius.schemas.Outage;
import io.blastradius.schemas.OutageAlert;
import io.blastradius.schemas.OutageState;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns the pipeline's outputs into the lines {@code blastradius local} prints: one block when an
 * outage is first seen (scope, state, confidence, how long after onset, the blast radius with a few
 * dependency paths), one line per later lifecycle change, and a line when the blast radius grows.
 * Times are event time, in UTC. Plain Java: the console part feeds it records.
 */
final class OutageLines {
    static final String ARROW = " → ";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final String INDENT = " ".repeat(13);
    private static final int HIT_CHAINS = 6;
    private static final int AT_RISK_CHAINS = 3;
    private static final int NAMES = 4;

    private final Function<String, String> names;

    /** @param names display name of a service id (the catalog's {@code ServiceInfo.name}), or the id itself */
    OutageLines(Function<String, String> names) {
        this.names = names;
    }

    /** Lines for one lifecycle transition; the first transition of an outage gets the full blast radius. */
    List<String> transition(OutageAlert alert) {
        Outage o = alert.getOutage();
        String head = String.format(Locale.ROOT, "%s  %-12s %-26s confidence %.2f  %s", CLOCK.format(alert.getAt()),
                alert.getState(), o.getScope(), o.getConfidence(), sinceOnset(o, alert.getAt(), alert.getState()));
        List<String> lines = new ArrayList<>();
        if (alert.getPreviousState() == null) {
            lines.add(head + "  NEW OUTAGE");
            lines.add(INDENT + "blast radius  " + counts(o));
            addPaths(lines, o);
        } else {
            lines.add(head + "  " + counts(o));
        }
        return lines;
    }

    /**
     * Lines when {@code now} hits clearly more services than {@code printed} (a quarter more, at least
     * three), hits a service through another one, or moved to another scope; empty otherwise.
     */
    List<String> growth(Outage printed, Outage now) {
        int before = printed.getBlastRadius().getObserved().size();
        int after = now.getBlastRadius().getObserved().size();
        boolean rescoped = !printed.getScope().equals(now.getScope());
        Set<String> known = printed.getBlastRadius().getObserved().stream().map(ImpactedService::getService)
                .collect(Collectors.toCollection(HashSet::new));
        List<ImpactedService> added = now.getBlastRadius().getObserved().stream().filter(s -> !known.contains(s.getService()))
                .sorted(Comparator.comparingLong(ImpactedService::getUsers).reversed()).toList();
        // a service hit through another one is news even when the count barely moves
        List<ImpactedService> indirect = added.stream().filter(s -> s.getDepth() > 1).toList();
        if (!rescoped && indirect.isEmpty() && after < before + Math.max(3, before / 4)) {
            return List.of();
        }
        String what = rescoped ? "now " + now.getScope() + " (was " + printed.getScope() + ")" : "blast radius grows";
        String line = String.format(Locale.ROOT, "%s  %-12s %-26s %s: %s", CLOCK.format(now.getUpdatedAt()), "",
                now.getScope(), what, counts(now));
        if (!added.isEmpty()) {
            line += "; newly hit " + namesOf(added);
        }
        List<String> lines = new ArrayList<>(List.of(line));
        if (rescoped) {
            addPaths(lines, now);
        } else {
            label(lines, "hit", chains(indirect, now.getScope(), HIT_CHAINS));
        }
        return lines;
    }

    /** The blast radius by path: what is hit, then what is at risk. */
    private void addPaths(List<String> lines, Outage o) {
        label(lines, "hit", chains(o.getBlastRadius().getObserved(), o.getScope(), HIT_CHAINS));
        label(lines, "at risk", chains(o.getBlastRadius().getAtRisk(), o.getScope(), AT_RISK_CHAINS));
    }

    private static void label(List<String> lines, String label, List<String> items) {
        for (int i = 0; i < items.size(); i++) {
            lines.add(INDENT + String.format(Locale.ROOT, "%-14s", i == 0 ? label : "") + items.get(i));
        }
    }

    private String counts(Outage o) {
        long users = o.getBlastRadius().getImpact().getObservedUsers();
        return o.getBlastRadius().getObserved().size() + " hit" + (users > 0 ? " (" + users(users) + " users)" : "")
                + ", " + o.getBlastRadius().getAtRisk().size() + " at risk";
    }

    /**
     * Services by dependency path, one line per chain through other services (MetaMask, Safe →
     * Infura → aws/us-east-1), the chains reaching most services first, then one line for the
     * services that depend on the scope directly.
     */
    List<String> chains(List<ImpactedService> services, String scope, int limit) {
        Map<List<String>, List<ImpactedService>> byChain = new LinkedHashMap<>();
        services.stream()
                .sorted(Comparator.comparingLong(ImpactedService::getUsers).reversed())
                .forEach(s -> byChain.computeIfAbsent(s.getPath().subList(1, s.getPath().size()), k -> new ArrayList<>()).add(s));
        List<ImpactedService> direct = List.of();
        List<Map.Entry<List<String>, List<ImpactedService>>> chains = new ArrayList<>();
        for (Map.Entry<List<String>, List<ImpactedService>> e : byChain.entrySet()) {
            if (e.getKey().size() <= 1) {
                direct = e.getValue();
            } else {
                chains.add(e);
            }
        }
        chains.sort(Comparator.comparingInt((Map.Entry<List<String>, List<ImpactedService>> e) -> e.getValue().size()).reversed()
                .thenComparing(e -> -e.getValue().stream().mapToLong(ImpactedService::getUsers).sum()));
        List<String> lines = new ArrayList<>();
        for (Map.Entry<List<String>, List<ImpactedService>> chain : chains.subList(0, Math.min(limit, chains.size()))) {
            lines.add(namesOf(chain.getValue()) + ARROW + chain.getKey().stream().map(this::name).collect(Collectors.joining(ARROW)));
        }
        if (chains.size() > limit) {
            lines.add("(" + (chains.size() - limit) + " more chains through other services)");
        }
        if (!direct.isEmpty()) {
            lines.add(namesOf(direct) + ARROW + scope);
        }
        return lines;
    }

    String path(ImpactedService s) {
        return s.getPath().stream().map(this::name).collect(Collectors.joining(ARROW));
    }

    private String name(String id) {
        // a path ends at a scope (aws/us-east-1); services have catalog names
        return id.indexOf('/') >= 0 ? id : names.apply(id);
    }

    private String namesOf(List<ImpactedService> services) {
        String shown = services.stream().limit(NAMES).map(s -> name(s.getService())).collect(Collectors.joining(", "));
        return services.size() > NAMES ? shown + " +" + (services.size() - NAMES) + " more" : shown;
    }

    private static String sinceOnset(Outage o, Instant at, OutageState state) {
        Duration since = Duration.between(o.getOnset(), at);
        if (state == OutageState.RESOLVED) {
            return "lasted " + duration(since);
        }
        return duration(since) + " after onset (" + HOUR_MINUTE.format(o.getOnset()) + ")";
    }

    static String duration(Duration d) {
        long seconds = Math.max(0, d.toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        return minutes < 60 ? minutes + "m" : String.format(Locale.ROOT, "%dh%02dm", minutes / 60, minutes % 60);
    }

    static String users(long users) {
        if (users >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f B", users / 1e9);
        }
        if (users >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.0f M", users / 1e6);
        }
        return String.format(Locale.ROOT, "%,d", users);
    }
}
