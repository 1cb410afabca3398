package io.blastradius.streams.topology;

/**
 * A validated input record on its way: to the health stage on the partition it arrived on, to the
 * health stage through the by-service repartition, to the correlation stage, or to
 * the dead-letter topic.
 */
record Ingress(Route route, Object value) {
    enum Route { HEALTH_DIRECT, HEALTH_REPARTITION, PROVIDER, DEAD_LETTER }

    static Ingress direct(ServiceObservation o) {
        return new Ingress(Route.HEALTH_DIRECT, o);
    }

    static Ingress byService(ServiceObservation o) {
        return new Ingress(Route.HEALTH_REPARTITION, o);
    }

    static Ingress toProvider(CorrelationInput i) {
        return new Ingress(Route.PROVIDER, i);
    }

    boolean is(Route r) {
        return route == r;
    }
}
