package io.blastradius.streams.topology;

import io.blastradius.schemas.Outage;
import io.blastradius.schemas.scope.ScopeId;
import io.blastradius.streams.correlation.DependencyGraph;
import io.blastradius.streams.correlation.OutageCase;
import io.blastradius.streams.correlation.OutageTracker.Change;
import io.blastradius.streams.correlation.ProviderCorrelator;
import io.blastradius.streams.correlation.ProviderState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Stages 3b-6, keyed by provider: one processor sees all of a provider's scopes at once, decides
 * with {@link ProviderCorrelator}, and emits each changed {@link Outage} (to the compacted outages
 * topic and the queryable outages store) and one {@code OutageAlert} per lifecycle transition.
 * Timestamps of everything emitted are event times of the deciding input.
 */
final class ProviderCorrelationProcessor implements Processor<String, CorrelationInput, String, SpecificRecord> {
    private final CatalogView catalog;
    private final ProviderCorrelator correlator;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, ProviderState> states;
    private KeyValueStore<String, Outage> outages;
    private KeyValueStore<String, Double> complaints;
    /** Cache of the store, so a provider's state is decoded once per (re)initialization, not per record. */
    private final Map<String, ProviderState> cache = new HashMap<>();

    ProviderCorrelationProcessor(CatalogView catalog, DetectionSettings settings) {
        this.catalog = catalog;
        this.correlator = new ProviderCorrelator(settings.correlation(), settings.baseline());
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        states = context.getStateStore(TopologyNames.PROVIDER_STATE_STORE);
        outages = context.getStateStore(TopologyNames.OUTAGES_STORE);
        complaints = context.getStateStore(TopologyNames.PROVIDER_COMPLAINTS_STORE);
        cache.clear();
    }

    @Override
    public void process(Record<String, CorrelationInput> record) {
        String provider = record.key();
        CorrelationInput input = record.value();
        if (provider == null || input == null) {
            return;
        }
        ProviderState state = cache.computeIfAbsent(provider, p -> {
            ProviderState stored = states.get(p);
            return stored != null ? stored : correlator.newState(p);
        });
        DependencyGraph graph = catalog.graph();
        if (input instanceof CorrelationInput.ProviderComplaint c) {
            // the hottest input here: a small tally per provider and minute, not a state rewrite
            if (!correlator.complaintTooLate(state, c.at())) {
                String key = provider + "@" + ProviderCorrelator.minuteOf(c.at());
                Double sum = complaints.get(key);
                complaints.put(key, (sum == null ? 0 : sum) + c.weight());
            }
            return;
        }
        loadComplaints(provider, state, input.at());
        long tickBefore = stateTick(state);
        List<Change> changes;
        if (input instanceof CorrelationInput.Health h) {
            changes = correlator.onHealth(state, graph, h.service(), h.at(), h.unhealthy(), h.score(), h.attributedScopes());
        } else if (input instanceof CorrelationInput.ProviderStatus s) {
            changes = correlator.onStatus(state, graph, ScopeId.parse(s.scope()), s.component(), s.status(),
                    s.incidentId(), s.incidentStatus(), s.at());
        } else {
            changes = correlator.onTick(state, graph, input.at());
            if (stateTick(state) == tickBefore && changes.isEmpty()) {
                return; // another task's tick for a minute already handled
            }
            dropOldComplaints(provider, tickBefore, stateTick(state));
        }
        states.put(provider, state);
        for (Change change : changes) {
            emit(change, graph);
        }
    }

    private void loadComplaints(String provider, ProviderState state, long now) {
        long[] range = correlator.complaintMinutesNeeded(state, now);
        for (long m = range[0]; m <= range[1]; m++) {
            Double sum = complaints.get(provider + "@" + m);
            correlator.setComplaints(state, m, sum == null ? 0 : sum);
        }
    }

    private void dropOldComplaints(String provider, long fromMinute, long toMinute) {
        if (fromMinute == Long.MIN_VALUE) {
            return;
        }
        for (long m = Math.max(fromMinute, toMinute - 60) - 10; m <= toMinute - 10; m++) {
            complaints.delete(provider + "@" + m);
        }
    }

    private static long stateTick(ProviderState state) {
        return state.lastTickMinute();
    }

    private void emit(Change change, DependencyGraph graph) {
        OutageCase c = change.outage();
        Outage outage = OutageRecords.outage(c, graph);
        outages.put(c.id(), outage);
        for (OutageCase.Step step : change.steps()) {
            context.forward(new Record<>(c.id(), OutageRecords.alert(step, outage), step.at()));
        }
        context.forward(new Record<>(c.id(), outage, c.updatedAt()));
    }
}
