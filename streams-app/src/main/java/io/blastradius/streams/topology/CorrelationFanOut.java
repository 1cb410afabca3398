package io.blastradius.streams.topology;

import io.blastradius.schemas.HealthState;
import io.blastradius.schemas.ServiceHealth;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Stage 3a: sends each health judgement the correlation stage needs (a service that depends on
 * some provider, directly or through other services) and each tick to the correlation stage,
 * stamped with this task's partition so the correlation stage can line the tasks up in event time.
 */
final class CorrelationFanOut implements Processor<String, HealthOut, String, CorrelationInput> {
    private final CatalogView catalog;
    private ProcessorContext<String, CorrelationInput> context;
    private int source;

    CorrelationFanOut(CatalogView catalog) {
        this.catalog = catalog;
    }

    @Override
    public void init(ProcessorContext<String, CorrelationInput> context) {
        this.context = context;
        this.source = context.taskId().partition();
    }

    @Override
    public void process(Record<String, HealthOut> record) {
        HealthOut out = record.value();
        if (out.isTick()) {
            context.forward(new Record<>(CorrelationInput.KEY, new CorrelationInput.Tick(out.at(), source), out.at()));
            return;
        }
        ServiceHealth h = out.health();
        if (!out.correlate() || catalog.graph().providersOf(h.getService()).isEmpty()) {
            return;
        }
        boolean unhealthy = h.getState() == HealthState.DEGRADED || h.getState() == HealthState.DOWN;
        context.forward(new Record<>(CorrelationInput.KEY, new CorrelationInput.Health(h.getService(), unhealthy, h.getScore(),
                h.getProbe().getAttributedScopes(), h.getWindowEnd().toEpochMilli(), source), record.timestamp()));
    }
}
