package io.blastradius.streams.correlation;

/**
 * Thresholds of the per-service health judgement.
 *
 * @param viewMinutes closed minutes the judgement looks at (a short sliding view)
 * @param vantageFailRatio share of a vantage point's checks that must fail for it to count as failing
 * @param vantageMinFailures failed checks a vantage point needs before it counts as failing
 * @param quorumVantages failing vantage points needed for a quorum (one vantage's own trouble is not an outage)
 * @param quorumShare share of the reporting vantage points that must be failing, strictly more than this
 * @param complaintMinWeight complaint weight in the view below which complaints say nothing
 * @param complaintSurprise -log10 chance of the complaint volume under the baseline at which complaints count
 * @param complaintStrongSurprise surprise at which complaints alone make the service unhealthy
 * @param degradedScore score at which a healthy service turns DEGRADED
 * @param downScore score at which it is DOWN
 * @param recoverScore score below which an unhealthy service is HEALTHY again (hysteresis)
 * @param troubleMinChecks checks a vantage point must make in a minute (over every service judged
 *     together) before it can be found in trouble
 * @param troubleExcess by how much a vantage point's share of failed checks in a minute must exceed
 *     the median share of the other vantage points for it to be in trouble (its own network failing,
 *     not the services it probes); its checks of that minute then take no part in any quorum. 1 or
 *     more turns this off.
 */
public record HealthSettings(int viewMinutes, double vantageFailRatio, int vantageMinFailures, int quorumVantages,
        double quorumShare, double complaintMinWeight, double complaintSurprise, double complaintStrongSurprise,
        double degradedScore, double downScore, double recoverScore, int troubleMinChecks, double troubleExcess) {

    public HealthSettings {
        if (viewMinutes < 1) {
            throw new IllegalArgumentException("viewMinutes must be at least 1");
        }
        if (recoverScore > degradedScore || degradedScore > downScore) {
            throw new IllegalArgumentException("need recoverScore <= degradedScore <= downScore");
        }
        if (troubleMinChecks < 1 || troubleExcess <= 0) {
            throw new IllegalArgumentException("troubleMinChecks must be at least 1 and troubleExcess above 0");
        }
    }

    /** These settings with {@code troubleExcess} replaced (1 turns the vantage-trouble rule off). */
    public HealthSettings withTroubleExcess(double excess) {
        return new HealthSettings(viewMinutes, vantageFailRatio, vantageMinFailures, quorumVantages, quorumShare,
                complaintMinWeight, complaintSurprise, complaintStrongSurprise, degradedScore, downScore, recoverScore,
                troubleMinChecks, excess);
    }

    public static HealthSettings defaults() {
        return new HealthSettings(3, 0.5, 1, 2, 0.5, 3.0, 4.0, 8.0, 0.5, 0.8, 0.35, 20, 0.4);
    }
}
