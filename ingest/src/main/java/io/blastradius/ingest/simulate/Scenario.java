package io.blastradius.ingest.simulate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A scenario file (format: {@code docs/scenario-format.md}): which world, when, with which noise,
 * and which incidents. Missing settings take the defaults documented there, applied here so that
 * every component is non-null. Load one with {@link ScenarioLoader}; {@link Planner} checks it
 * against its world.
 *
 * @param world a built-in world name ({@code default}) or a path to a world file
 * @param end the end of the simulated span; or give {@code duration}
 * @param statusPages per-service status-page behaviour for the whole scenario (lag, silence)
 * @param generate randomized provider outages expanded from their own seed, or null
 */
public record Scenario(
        String name,
        String description,
        String world,
        Long seed,
        TimeRef start,
        TimeRef end,
        Duration duration,
        Noise noise,
        Map<String, StatusPage> statusPages,
        List<Incident> incidents,
        OutageGenerator generate) {

    public Scenario {
        world = world == null ? "default" : world;
        seed = seed == null ? 42L : seed;
        noise = noise == null ? Noise.defaults() : noise;
        statusPages = statusPages == null ? Map.of() : Map.copyOf(statusPages);
        incidents = incidents == null ? List.of() : List.copyOf(incidents);
    }

    /** Noise that is present whatever the incidents: the background a detector must not alarm on. */
    public record Noise(Probes probes, Complaints complaints, StatusPages statusPages, ServiceIncidents serviceIncidents) {
        public Noise {
            probes = probes == null ? new Probes(null, null, null, null, null, null, null) : probes;
            complaints = complaints == null ? new Complaints(null, null, null, null, null, null, null, null, null, null, null) : complaints;
            statusPages = statusPages == null ? new StatusPages(null, null, null) : statusPages;
            serviceIncidents = serviceIncidents == null ? new ServiceIncidents(null, null, null) : serviceIncidents;
        }

        public static Noise defaults() {
            return new Noise(null, null, null, null);
        }
    }

    /**
     * Synthetic checks.
     *
     * @param interval time between two checks of one endpoint from one vantage
     * @param vantagesPerService how many vantage points check each service
     * @param endpointsPerService how many of a service's endpoints are checked (main one first)
     * @param flakeRate chance that any one check fails for no reason
     * @param slowRate chance that any one check is slow (a few seconds) but passes
     * @param vantageTroublePerDay expected network incidents per vantage point per day
     * @param vantageTroubleDuration how long such an incident lasts
     */
    public record Probes(Duration interval, Integer vantagesPerService, Integer endpointsPerService, Double flakeRate,
            Double slowRate, Double vantageTroublePerDay, Span vantageTroubleDuration) {
        public Probes {
            interval = interval == null ? Duration.ofSeconds(60) : interval;
            vantagesPerService = vantagesPerService == null ? 3 : vantagesPerService;
            endpointsPerService = endpointsPerService == null ? 1 : endpointsPerService;
            flakeRate = flakeRate == null ? 0.003 : flakeRate;
            slowRate = slowRate == null ? 0.01 : slowRate;
            vantageTroublePerDay = vantageTroublePerDay == null ? 0.1 : vantageTroublePerDay;
            vantageTroubleDuration = vantageTroubleDuration == null ? Span.between("10m", "45m") : vantageTroubleDuration;
        }
    }

    /**
     * Posts that mention services and providers.
     *
     * @param baselinePerHour posts per hour mentioning a service of one million users at the daily
     *     mean; scales as {@code (users / 1M) ^ userExponent}
     * @param dailyAmplitude relative swing over the day (peak in the US evening)
     * @param weeklyAmplitude relative swing over the week (busier on weekdays)
     * @param chatterShare share of baseline posts that are ordinary chatter, not complaints
     * @param outagePerHour extra complaint posts per hour, for a fully failing service of one
     *     million users (scaled like the baseline)
     * @param maxPerMinute cap on all posts in one minute, keeping volumes bounded
     * @param providerBaselinePerHour posts per hour naming a big provider when nothing is wrong
     * @param providerOutagePerHour posts per hour naming the provider at the height of an outage
     * @param providerChatterPerDay expected episodes of provider chatter (a launch, a keynote) per day
     * @param providerChatterDuration how long such an episode lasts
     */
    public record Complaints(Double baselinePerHour, Double userExponent, Double dailyAmplitude, Double weeklyAmplitude,
            Double chatterShare, Double outagePerHour, Integer maxPerMinute, Double providerBaselinePerHour,
            Double providerOutagePerHour, Double providerChatterPerDay, Span providerChatterDuration) {
        public Complaints {
            baselinePerHour = baselinePerHour == null ? 0.3 : baselinePerHour;
            userExponent = userExponent == null ? 0.6 : userExponent;
            dailyAmplitude = dailyAmplitude == null ? 0.5 : dailyAmplitude;
            weeklyAmplitude = weeklyAmplitude == null ? 0.15 : weeklyAmplitude;
            chatterShare = chatterShare == null ? 0.65 : chatterShare;
            outagePerHour = outagePerHour == null ? 40.0 : outagePerHour;
            maxPerMinute = maxPerMinute == null ? 2000 : maxPerMinute;
            providerBaselinePerHour = providerBaselinePerHour == null ? 6.0 : providerBaselinePerHour;
            providerOutagePerHour = providerOutagePerHour == null ? 600.0 : providerOutagePerHour;
            providerChatterPerDay = providerChatterPerDay == null ? 0.3 : providerChatterPerDay;
            providerChatterDuration = providerChatterDuration == null ? Span.between("30m", "3h") : providerChatterDuration;
        }
    }

    /**
     * Downstream status pages.
     *
     * @param lag delay from a service failing to its first status post
     * @param silentFraction share of services that never post about an incident
     * @param maintenancePerDay expected scheduled-maintenance notices per day across the world
     */
    public record StatusPages(Span lag, Double silentFraction, Double maintenancePerDay) {
        public StatusPages {
            lag = lag == null ? Span.between("8m", "60m") : lag;
            silentFraction = silentFraction == null ? 0.35 : silentFraction;
            maintenancePerDay = maintenancePerDay == null ? 2.0 : maintenancePerDay;
        }
    }

    /**
     * Random incidents of single services (a bad deploy, an expired certificate), which are not
     * provider outages.
     *
     * @param perDay expected incidents per simulated day across the world
     */
    public record ServiceIncidents(Double perDay, Span duration, Share severity) {
        public ServiceIncidents {
            perDay = perDay == null ? 4.0 : perDay;
            duration = duration == null ? Span.between("10m", "2h") : duration;
            severity = severity == null ? new Share(0.3, 1.0) : severity;
        }
    }

    /** How one service's status page behaves: how late it posts, or whether it stays silent. */
    public record StatusPage(Span lag, Boolean silent) {
        public StatusPage {
            silent = silent != null && silent;
        }
    }

    /**
     * Randomized provider outages expanded deterministically from {@code seed}.
     *
     * @param count how many outages
     * @param first when the first one starts (default: start + one gap)
     * @param gap quiet time between the end of one and the onset of the next
     * @param duration how long each lasts
     * @param providers which providers to draw from (default: every provider of the world)
     * @param levels weights of scope levels: service-in-region, region, global-service, provider
     * @param ackDelay how long until the provider acknowledges
     * @param silentFraction share of outages the provider never acknowledges
     * @param fraction share of critical dependents that are hit
     * @param oscillatingFraction share of outages whose impact comes and goes
     * @param phasedFraction share of outages that spread to a second scope in a second phase
     * @param minDependents a drawn scope needs at least this many critical dependents
     */
    public record OutageGenerator(Long seed, Integer count, TimeRef first, Span gap, Span duration, List<String> providers,
            Map<String, Double> levels, Span ackDelay, Double silentFraction, Share fraction, Double oscillatingFraction,
            Double phasedFraction, Integer minDependents) {
        public OutageGenerator {
            seed = seed == null ? 1L : seed;
            count = count == null ? 20 : count;
            gap = gap == null ? Span.between("3h", "8h") : gap;
            duration = duration == null ? Span.between("30m", "3h") : duration;
            providers = providers == null ? List.of() : List.copyOf(providers);
            levels = levels == null ? Map.of("service-in-region", 0.5, "region", 0.2, "global-service", 0.25, "provider", 0.05)
                    : Map.copyOf(levels);
            ackDelay = ackDelay == null ? Span.between("15m", "75m") : ackDelay;
            silentFraction = silentFraction == null ? 0.1 : silentFraction;
            fraction = fraction == null ? new Share(0.4, 0.9) : fraction;
            oscillatingFraction = oscillatingFraction == null ? 0.15 : oscillatingFraction;
            phasedFraction = phasedFraction == null ? 0.25 : phasedFraction;
            minDependents = minDependents == null ? 3 : minDependents;
        }
    }
}
