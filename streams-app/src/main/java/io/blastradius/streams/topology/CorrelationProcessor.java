package io.blastradius.streams.topology;

import io.blastradius.schemas.Outage;
import io.blastradius.schemas.scope.ScopeId;
import io.blastradius.streams.correlation.DependencyGraph;
import io.blastradius.streams.correlation.OutageCase;
import io.blastradius.streams.correlation.OutageTracker.Change;
import io.blastradius.streams.correlation.CorrelationState;
import io.blastradius.streams.correlation.Correlator;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Stages 3b-6, under one key: one processor sees every provider's scopes at once, so an outage of
 * one provider explains away what its multi-homed dependents' failures would otherwise say about
 * another. Inputs are first lined up in event time across the upstream tasks
 * ({@link EventTimeAligner}); the released health judgements and status observations update the
 * state, and at each closed minute {@link Correlator} decides, emitting each changed
 * {@link Outage} (to the compacted outages topic and the queryable outages store) and one
 * {@code OutageAlert} per lifecycle transition. Timestamps of everything emitted are event times
 * of the decision. The inputs are few (judgements on change, ticks once a minute per upstream
 * task, complaints naming providers), so one task keeps up with many upstream ones.
 *
 * <p>Everything the processor keeps is in changelogged stores (correlation state, the aligner's lanes
 * and waiting inputs, complaint tallies), so exactly-once processing restores it exactly; the
 * in-memory maps are caches of them, rebuilt on (re)initialization.
 */
final class CorrelationProcessor implements Processor<String, CorrelationInput, String, SpecificRecord> {
    private final CatalogView catalog;
    private final Correlator correlator;
    private final EventTimeAligner aligner;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, CorrelationState> states;
    private KeyValueStore<String, Outage> outages;
    private KeyValueStore<String, Double> complaints;
    private KeyValueStore<String, EventTimeAligner.Lane> lanes;
    private KeyValueStore<String, CorrelationInput> waiting;
    /** Caches of the stores, so the state is decoded once per (re)initialization, not per record. */
    private final Map<String, CorrelationState> cache = new HashMap<>();
    private final Map<String, EventTimeAligner.Lane> laneCache = new HashMap<>();

    CorrelationProcessor(CatalogView catalog, DetectionSettings settings) {
        this.catalog = catalog;
        this.correlator = new Correlator(settings.correlation(), settings.baseline());
        this.aligner = new EventTimeAligner(settings.alignment());
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        states = context.getStateStore(TopologyNames.CORRELATION_STATE_STORE);
        outages = context.getStateStore(TopologyNames.OUTAGES_STORE);
        complaints = context.getStateStore(TopologyNames.PROVIDER_COMPLAINTS_STORE);
        lanes = context.getStateStore(TopologyNames.ALIGNMENT_STORE);
        waiting = context.getStateStore(TopologyNames.ALIGNMENT_WAITING_STORE);
        cache.clear();
        laneCache.clear();
        try (KeyValueIterator<String, EventTimeAligner.Lane> it = lanes.all()) {
            while (it.hasNext()) {
                KeyValue<String, EventTimeAligner.Lane> kv = it.next();
                laneCache.put(kv.key, kv.value);
            }
        }
        try (KeyValueIterator<String, CorrelationInput> it = waiting.all()) {
            while (it.hasNext()) {
                KeyValue<String, CorrelationInput> kv = it.next();
                int bar = kv.key.lastIndexOf('|');
                int bar2 = kv.key.lastIndexOf('|', bar - 1);
                String lane = kv.key.substring(0, bar2);
                EventTimeAligner.Key at = new EventTimeAligner.Key(Long.parseLong(kv.key.substring(bar2 + 1, bar), 16),
                        Long.parseLong(kv.key.substring(bar + 1), 16));
                laneCache.computeIfAbsent(lane, k -> new EventTimeAligner.Lane()).restore(at, kv.value);
            }
        }
    }

    @Override
    public void process(Record<String, CorrelationInput> record) {
        String key = record.key();
        CorrelationInput input = record.value();
        if (key == null || input == null) {
            return;
        }
        if (input instanceof CorrelationInput.ProviderComplaint c) {
            // the hottest input here: a small tally per provider and minute, read when the minute is decided
            CorrelationState state = state(key);
            if (!correlator.complaintTooLate(state, c.at())) {
                String tally = c.provider() + "@" + Correlator.minuteOf(c.at());
                Double sum = complaints.get(tally);
                // a negative weight withdraws a deleted or edited post; a tally never goes below nothing
                double next = (sum == null ? 0 : sum) + c.weight();
                if (sum != null || next > 0) {
                    complaints.put(tally, Math.max(0, next));
                }
            }
            return;
        }
        EventTimeAligner.Lane lane = laneCache.computeIfAbsent(key, k -> new EventTimeAligner.Lane());
        List<CorrelationInput> steps = aligner.offer(key, lane, input, new EventTimeAligner.Storage() {
            @Override
            public void hold(EventTimeAligner.Key at, CorrelationInput value) {
                waiting.put(waitingKey(key, at), value);
            }

            @Override
            public void release(EventTimeAligner.Key at) {
                waiting.delete(waitingKey(key, at));
            }
        }, context.currentSystemTimeMs());
        lanes.put(key, lane);
        if (steps.isEmpty()) {
            return;
        }
        CorrelationState state = state(key);
        DependencyGraph graph = catalog.graph();
        for (CorrelationInput step : steps) {
            if (step instanceof CorrelationInput.Health h) {
                correlator.onHealth(state, h.service(), h.at(), h.unhealthy(), h.score(), h.attributedScopes());
            } else if (step instanceof CorrelationInput.ProviderStatus s) {
                correlator.onStatus(state, ScopeId.parse(s.scope()), s.component(), s.status(), s.incidentId(),
                        s.incidentStatus(), s.at());
            } else if (step instanceof CorrelationInput.Tick t) {
                long tickBefore = state.lastTickMinute();
                loadComplaints(graph, state, t.at());
                List<Change> changes = correlator.onTick(state, graph, t.at());
                dropOldComplaints(graph, tickBefore, state.lastTickMinute());
                for (Change change : changes) {
                    emit(change, graph);
                }
            }
        }
        states.put(key, state);
    }

    private CorrelationState state(String key) {
        return cache.computeIfAbsent(key, k -> {
            CorrelationState stored = states.get(k);
            return stored != null ? stored : correlator.newState();
        });
    }

    private static String waitingKey(String lane, EventTimeAligner.Key key) {
        return lane + "|" + hex(key.at()) + "|" + hex(key.seq());
    }

    /** Fixed width, so the store's key order is time order. */
    private static String hex(long v) {
        String h = Long.toHexString(v);
        return "0000000000000000".substring(h.length()) + h;
    }

    private void loadComplaints(DependencyGraph graph, CorrelationState state, long now) {
        long[] range = correlator.complaintMinutesNeeded(state, now);
        for (DependencyGraph.ProviderIndex p : graph.providers()) {
            for (long m = range[0]; m <= range[1]; m++) {
                Double sum = complaints.get(p.provider() + "@" + m);
                correlator.setComplaints(state, p.provider(), m, sum == null ? 0 : sum);
            }
        }
    }

    private void dropOldComplaints(DependencyGraph graph, long fromMinute, long toMinute) {
        if (fromMinute == Long.MIN_VALUE || toMinute <= fromMinute) {
            return;
        }
        for (DependencyGraph.ProviderIndex p : graph.providers()) {
            for (long m = Math.max(fromMinute, toMinute - 60) - 10; m <= toMinute - 10; m++) {
                complaints.delete(p.provider() + "@" + m);
            }
        }
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

    /** Encoding of a lane's progress (its waiting inputs are stored one by one). */
    static final Serde<EventTimeAligner.Lane> LANE = BinaryCodec.serde((byte) 1, CorrelationProcessor::writeLane,
            CorrelationProcessor::readLane);

    private static void writeLane(DataOutputStream out, EventTimeAligner.Lane lane) throws IOException {
        long[] w = lane.watermarks();
        out.writeShort(w.length);
        for (long v : w) {
            out.writeLong(v);
        }
        out.writeLong(lane.released());
        out.writeLong(lane.seq());
    }

    private static EventTimeAligner.Lane readLane(DataInputStream in) throws IOException {
        long[] w = new long[in.readUnsignedShort()];
        for (int i = 0; i < w.length; i++) {
            w[i] = in.readLong();
        }
        return new EventTimeAligner.Lane(w, in.readLong(), in.readLong());
    }
}
