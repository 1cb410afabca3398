package io.blastradius.streams.topology;

/**
 * Names of the topology's stores, repartitions and nodes. Internal topic names derive from them
 * ({@code <application.id>-<name>-changelog}, {@code <application.id>-<name>-repartition}), so they
 * must stay stable across releases; the query service reads the stores by these names.
 */
public final class TopologyNames {
    private TopologyNames() {
    }

    /** Latest {@code ServiceHealth} per service (queryable). */
    public static final String SERVICE_HEALTH_STORE = "service-health-latest";
    /** Latest {@code Outage} per outage id (queryable). */
    public static final String OUTAGES_STORE = "outages";
    /** The catalog's {@code ServiceDependency} edges by {@code service|target} (global, queryable). */
    public static final String DEPENDENCIES_STORE = "catalog-dependencies";
    /** The catalog's {@code ServiceInfo} by service id (global, queryable). */
    public static final String SERVICES_STORE = "catalog-services";

    /** Complaint posts counted in the last minutes, by post id: what a deletion withdraws. */
    static final String SOCIAL_POSTS_STORE = "social-posts-counted";
    static final String HEALTH_BUCKETS_STORE = "service-health-minutes";
    static final String HEALTH_TRACKERS_STORE = "service-health-trackers";
    static final String COMPLAINT_PROFILES_STORE = "service-complaint-profiles";
    static final String HEALTH_CLOCK_STORE = "service-health-clock";
    static final String CORRELATION_STATE_STORE = "correlation-state";
    static final String PROVIDER_COMPLAINTS_STORE = "provider-complaint-minutes";
    static final String ALIGNMENT_STORE = "correlation-alignment";
    static final String ALIGNMENT_WAITING_STORE = "correlation-waiting";

    /** Repartition of observations to their service. */
    public static final String SERVICE_OBSERVATIONS = "service-observations";
    /** Repartition of everything the correlation stage reads, to its one partition. */
    public static final String CORRELATION_INPUT = "correlation-input";

    /** Source of the probe results, raw bytes (the query views attach to it). */
    public static final String PROBES_SOURCE = "probe-results-source";
    /** Source of the social signals, raw bytes (the query views attach to it). */
    public static final String SOCIAL_SOURCE = "social-signals-source";
    /** Source of the status events, raw bytes (the query views attach to it). */
    public static final String STATUS_SOURCE = "status-events-source";
    /** The {@code ServiceHealth} records on their way to the service-health topic, keyed by service (the query views attach to it). */
    public static final String SERVICE_HEALTH_RECORDS = "service-health-records";
    static final String DEPENDENCIES_SOURCE = "service-dependencies-source";
    static final String SERVICES_SOURCE = "services-source";
    static final String VALIDATE_PROBES = "validate-probe-results";
    static final String VALIDATE_SOCIAL = "validate-social-signals";
    static final String VALIDATE_STATUS = "validate-status-events";
    static final String PROGRESS_MARKS = "progress-marks";
    static final String HEALTH = "service-health";
    static final String FAN_OUT = "to-correlation";
    static final String CORRELATION = "correlation";
    static final String DEAD_LETTERS_SINK = "dead-letters-sink";
    static final String SERVICE_HEALTH_SINK = "service-health-sink";
    static final String OUTAGES_SINK = "outages-sink";
    static final String ALERTS_SINK = "outage-alerts-sink";
}
