package io.blastradius.streams.query.route;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.query.WindowKeyQuery;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Interactive queries (IQv2) of this instance's store partitions: every result is checked with
 * {@code isSuccess()}, every iterator closed, and anything that means "not here, not now" (not
 * hosted, not active, restoring, stopped) becomes {@link NotServedHere} so the router tries the
 * next replica.
 */
public final class LocalStores {
    private final KafkaStreams streams;

    public LocalStores(KafkaStreams streams) {
        this.streams = streams;
    }

    /**
     * The value of {@code key} in a global store (the catalog), which every instance holds whole.
     * IQv2 does not query global stores, so this is the classic interactive-query API.
     */
    public <V> V global(String store, String key) throws NotServedHere {
        try {
            ReadOnlyKeyValueStore<String, V> s = streams.store(
                    StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<String, V>keyValueStore()));
            return s.get(key);
        } catch (InvalidStateStoreException e) {
            throw new NotServedHere("global store " + store + " cannot be queried here now: " + e.getMessage());
        }
    }

    /** The value of {@code key} in one partition, or null when the key is absent. */
    public <V> V get(String store, String key, int partition, Replica replica) throws NotServedHere {
        StateQueryRequest<V> request = request(StateQueryRequest.inStore(store).withQuery(KeyQuery.<String, V>withKey(key)),
                Set.of(partition), replica);
        return only(run(request), partition, store);
    }

    /** Every entry of the given partitions, per partition; throws if any of them cannot answer. */
    public <V> Map<Integer, List<KeyValue<String, V>>> all(String store, Set<Integer> partitions, Replica replica)
            throws NotServedHere {
        StateQueryRequest<KeyValueIterator<String, V>> request = request(
                StateQueryRequest.inStore(store).withQuery(RangeQuery.<String, V>withNoBounds()), partitions, replica);
        return perPartition(run(request), partitions, request.getStoreName());
    }

    /** The windows of {@code key} starting in [{@code from}, {@code to}] in the given partitions, by window start. */
    public <V> Map<Integer, List<KeyValue<Long, V>>> windows(String store, String key, Instant from, Instant to,
            Set<Integer> partitions, Replica replica) throws NotServedHere {
        StateQueryRequest<WindowStoreIterator<V>> request = request(StateQueryRequest.inStore(store)
                .withQuery(WindowKeyQuery.<String, V>withKeyAndWindowStartRange(key, from, to)), partitions, replica);
        return perPartition(run(request), partitions, request.getStoreName());
    }

    /** Drains each partition's iterator into a list; fails if any partition could not answer, closing every iterator. */
    private static <K, V, I extends Iterator<KeyValue<K, V>> & AutoCloseable> Map<Integer, List<KeyValue<K, V>>> perPartition(
            StateQueryResult<I> result, Set<Integer> partitions, String store) throws NotServedHere {
        Map<Integer, List<KeyValue<K, V>>> out = new LinkedHashMap<>();
        NotServedHere failure = null;
        for (int p : partitions) {
            QueryResult<I> r = result.getPartitionResults().get(p);
            if (r == null || r.isFailure()) {
                failure = notServed(store, p, r);
                continue;
            }
            List<KeyValue<K, V>> entries = new ArrayList<>();
            I it = r.getResult();
            it.forEachRemaining(entries::add);
            out.put(p, entries);
        }
        closeAll(result);
        if (failure != null) {
            throw failure;
        }
        return out;
    }

    private static <R> StateQueryRequest<R> request(StateQueryRequest<R> request, Set<Integer> partitions, Replica replica) {
        StateQueryRequest<R> r = request.withPartitions(partitions);
        return replica == Replica.ACTIVE ? r.requireActive() : r;
    }

    private <R> StateQueryResult<R> run(StateQueryRequest<R> request) throws NotServedHere {
        try {
            return streams.query(request);
        } catch (InvalidStateStoreException e) {
            // not started, stopped, unknown store while the topology is (re)built
            throw new NotServedHere("store " + request.getStoreName() + " cannot be queried here now: " + e.getMessage());
        }
    }

    private static <V> V only(StateQueryResult<V> result, int partition, String store) throws NotServedHere {
        QueryResult<V> r = result.getPartitionResults().get(partition);
        if (r == null || r.isFailure()) {
            throw notServed(store, partition, r);
        }
        return r.getResult();
    }

    private static NotServedHere notServed(String store, int partition, QueryResult<?> r) {
        return new NotServedHere("partition " + partition + " of " + store + " is not served here"
                + (r == null ? "" : ": " + r.getFailureReason() + " " + r.getFailureMessage()));
    }

    /** Iterators of partitions that were not read (after a failure) are closed too. */
    private static <R> void closeAll(StateQueryResult<R> result) {
        for (QueryResult<R> r : result.getPartitionResults().values()) {
            if (r != null && r.isSuccess() && r.getResult() instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing an iterator twice is harmless; nothing to report
                }
            }
        }
    }
}
