package io.blastradius.alerts.delivery;

import java.time.Duration;

/** What one delivery attempt came to. */
public sealed interface Outcome {

    /** The destination took the alert. */
    record Delivered(int status) implements Outcome {}

    /** Nothing to send for this alert at this destination (e.g. PagerDuty has no event for a RECOVERING without updates). */
    record Skipped(String why) implements Outcome {}

    /**
     * A failure worth trying again (timeout, connection error, 408, 429, 5xx).
     *
     * @param status the HTTP status, or null when there was no answer
     * @param retryAfter the destination's {@code Retry-After}, or null
     */
    record Retry(String error, Integer status, Duration retryAfter) implements Outcome {}

    /** The destination refused the alert outright (a 4xx other than 408 and 429); trying again would not help. */
    record Refused(String error, int status) implements Outcome {}
}
