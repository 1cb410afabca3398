package io.blastradius.streams.correlation;

/**
 * Thresholds of the provider-level decision and of the outage lifecycle. Entering takes more than
 * staying (hysteresis), and a resolution waits for a quiet period.
 *
 * @param priorBaseRate usual share of minutes a service is unhealthy, before the stream has taught otherwise
 * @param priorWeightMinutes minutes of history the prior is worth
 * @param minUnits independent unhealthy dependents needed to suspect an outage
 * @param enterSurprise -log10 chance of coincidence needed to suspect an outage
 * @param stayUnits unhealthy units that keep an outage active
 * @param staySurprise surprise that keeps an outage active
 * @param suspectConfidence confidence to open an outage as SUSPECTED
 * @param confirmConfidence confidence to CONFIRM it
 * @param recoverAfterMinutes minutes without enough evidence before an outage is RECOVERING
 * @param resolveQuietMinutes quiet minutes in RECOVERING before it is RESOLVED
 * @param retractAfterMinutes minutes a SUSPECTED outage may lack evidence before it is withdrawn (RESOLVED)
 * @param mergeWindowMinutes a related scope failing within this long after a resolution reopens the same outage
 * @param healthStalenessMinutes a service last reported unhealthy at most this long before the decision time
 *     still counts as unhealthy when no change was reported since (health arrives on change, with a
 *     periodic refresh)
 * @param rivalMargin ln likelihood ratio by which the best explanation must beat a related rival scope
 *     (the region against the compute service in it) before a new outage opens without waiting
 * @param rivalWaitMinutes at most this long a new outage waits for the evidence to separate it from
 *     such a rival; the provider's own status feed ends the wait
 */
public record CorrelationSettings(double priorBaseRate, double priorWeightMinutes, int minUnits, double enterSurprise,
        int stayUnits, double staySurprise, double suspectConfidence, double confirmConfidence, int recoverAfterMinutes,
        int resolveQuietMinutes, int retractAfterMinutes, int mergeWindowMinutes, int healthStalenessMinutes,
        double rivalMargin, int rivalWaitMinutes) {

    public static CorrelationSettings defaults() {
        return new CorrelationSettings(0.005, 1440, 3, 4.0, 2, 2.0, 0.5, 0.9, 3, 20, 10, 45, 12, 1.0, 2);
    }
}
