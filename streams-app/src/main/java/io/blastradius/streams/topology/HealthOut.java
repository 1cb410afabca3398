package io.blastradius.streams.topology;

import io.blastradius.schemas.ServiceHealth;

/**
 * What the health stage emits: a service's health, or (health null) a tick saying minutes before
 * {@code at} are closed. {@code correlate} is true when the correlation stage needs the judgement
 * (the state changed, or a periodic refresh of an unhealthy state); the health topic gets them all.
 */
record HealthOut(ServiceHealth health, long at, boolean correlate) {
    boolean isTick() {
        return health == null;
    }
}
