package io.blastradius.streams.query.views;

import io.blastradius.schemas.ServiceHealth;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Keeps each service's health judgements by the event-time minute their window ends in, so a
 * service's recent history is one window fetch. Health is judged when it changes and every minute
 * while a service is unhealthy, so the history is the changes plus the unhealthy stretches.
 */
final class HealthHistoryRecorder implements Processor<String, ServiceHealth, Void, Void> {
    private static final long MINUTE = 60_000L;
    private WindowStore<String, ServiceHealth> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(QueryViews.HEALTH_HISTORY_STORE);
    }

    @Override
    public void process(Record<String, ServiceHealth> record) {
        ServiceHealth health = record.value();
        if (record.key() == null || health == null) {
            return;
        }
        long end = health.getWindowEnd().toEpochMilli();
        store.put(record.key(), health, Math.floorDiv(end - 1, MINUTE) * MINUTE);
    }
}
