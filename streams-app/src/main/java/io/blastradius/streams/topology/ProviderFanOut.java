package io.blastradius.streams.topology;

import io.blastradius.schemas.ServiceHealth;
import io.blastradius.streams.correlation.DependencyGraph;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Stage 3a: routes each health judgement to every provider the service depends on (through other
 * services too: MetaMask's health reaches AWS through Infura), keyed by provider, and each tick to
 * every provider of the catalog, so the correlation stage sees all of a provider's dependents and
 * keeps moving in event time.
 */
final class ProviderFanOut implements Processor<String, HealthOut, String, CorrelationInput> {
    private final CatalogView catalog;
    private ProcessorContext<String, CorrelationInput> context;

    ProviderFanOut(CatalogView catalog) {
        this.catalog = catalog;
    }

    @Override
    public void init(ProcessorContext<String, CorrelationInput> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, HealthOut> record) {
        HealthOut out = record.value();
        DependencyGraph graph = catalog.graph();
        if (out.isTick()) {
            CorrelationInput tick = new CorrelationInput.Tick(out.at());
            for (DependencyGraph.ProviderIndex p : graph.providers()) {
                context.forward(new Record<>(p.provider(), tick, out.at()));
            }
            return;
        }
        if (!out.correlate()) {
            return;
        }
        ServiceHealth h = out.health();
        CorrelationInput.Health health = new CorrelationInput.Health(h.getService(),
                h.getState() == io.blastradius.schemas.HealthState.DEGRADED || h.getState() == io.blastradius.schemas.HealthState.DOWN,
                h.getScore(), h.getProbe().getAttributedScopes(), h.getWindowEnd().toEpochMilli());
        for (String provider : graph.providersOf(h.getService())) {
            context.forward(new Record<>(provider, health, record.timestamp()));
        }
    }
}
