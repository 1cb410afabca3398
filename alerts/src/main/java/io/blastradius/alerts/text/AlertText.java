package io.blastradius.alerts.text;

import io.blastradius.schemas.ImpactedService;
import io.blastradius.schemas.Outage;
import io.blastradius.schemas.OutageAlert;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The human wording of an alert that the Slack and PagerDuty destinations share. Plain text:
 * each destination escapes it for its own format.
 */
public final class AlertText {
    private static final Comparator<ImpactedService> MOST_USERS_FIRST = Comparator
            .comparingLong(ImpactedService::getUsers).reversed()
            .thenComparing(Comparator.comparingInt(ImpactedService::getDepth).reversed())
            .thenComparing(ImpactedService::getService);

    private AlertText() {
    }

    /** {@code CONFIRMED: provider outage of aws/us-east-1}. */
    public static String headline(OutageAlert alert) {
        return alert.getState().name() + ": provider outage of " + alert.getOutage().getScope();
    }

    /** Time from the outage's onset to this transition, in event time: {@code 42 min}, {@code 2 h 5 min}. */
    public static String sinceOnset(OutageAlert alert) {
        Duration d = Duration.between(alert.getOutage().getOnset(), alert.getAt());
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        long minutes = d.toMinutes();
        if (minutes < 1) {
            return d.toSeconds() + " s";
        }
        return minutes < 60 ? minutes + " min" : minutes / 60 + " h " + minutes % 60 + " min";
    }

    /** {@code 0.93}. */
    public static String confidence(Outage outage) {
        return String.format(Locale.ROOT, "%.2f", outage.getConfidence());
    }

    /** {@code 12 observed, 40 at risk}. */
    public static String radiusCounts(Outage outage) {
        return outage.getBlastRadius().getImpact().getObservedServices() + " observed, "
                + outage.getBlastRadius().getImpact().getAtRiskServices() + " at risk";
    }

    /**
     * Up to {@code limit} dependency paths, observed services first, the ones with most users first:
     * {@code metamask → infura → aws/us-east-1}.
     */
    public static List<String> paths(Outage outage, int limit) {
        List<String> out = new ArrayList<>();
        addPaths(outage.getBlastRadius().getObserved(), limit, out, "");
        addPaths(outage.getBlastRadius().getAtRisk(), limit, out, " (at risk)");
        return out;
    }

    private static void addPaths(List<ImpactedService> services, int limit, List<String> out, String suffix) {
        services.stream().sorted(MOST_USERS_FIRST).limit(Math.max(0, limit - out.size()))
                .forEach(s -> out.add(String.join(" → ", s.getPath().isEmpty() ? List.of(s.getService()) : s.getPath())
                        + suffix));
    }

    /** The dashboard link for the alert's outage, or null without a template. */
    public static String dashboardLink(String template, String outageId) {
        if (template == null) {
            return null;
        }
        return template.replace("{outageId}", URLEncoder.encode(outageId, StandardCharsets.UTF_8).replace("+", "%20"));
    }
}
