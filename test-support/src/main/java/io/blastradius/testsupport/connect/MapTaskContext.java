package io.blastradius.testsupport.connect;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.MetricValueProvider;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * A source task's context for unit tests that run a task without a worker: the committed offsets
 * are a map the test fills ({@link #commit}) and reads ({@link #committed}), and the task's plugin
 * metrics land in a map the test reads back ({@link #gauge}). Safe to use from the task's reader
 * threads and the test thread at once.
 */
public final class MapTaskContext implements SourceTaskContext {
    private final Map<Map<String, ?>, Map<String, Object>> offsets = new HashMap<>();
    private final Map<MetricName, MetricValueProvider<?>> metrics = new LinkedHashMap<>();

    /** Stores {@code offset} as the committed offset of {@code partition}, as a worker does once Kafka has the record. */
    public void commit(Map<String, ?> partition, Map<String, ?> offset) {
        synchronized (offsets) {
            offsets.put(Map.copyOf(partition), new HashMap<>(offset));
        }
    }

    /** A copy of the committed offsets by source partition. */
    public Map<Map<String, ?>, Map<String, Object>> committed() {
        synchronized (offsets) {
            return new HashMap<>(offsets);
        }
    }

    /** No task configs: the tasks of this project take theirs from {@code start}. */
    @Override
    public Map<String, String> configs() {
        return Map.of();
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
        return new OffsetStorageReader() {
            @Override
            public <T> Map<String, Object> offset(Map<String, T> partition) {
                synchronized (offsets) {
                    return offsets.get(partition);
                }
            }

            @Override
            public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                Map<Map<String, T>, Map<String, Object>> out = new HashMap<>();
                partitions.forEach(p -> out.put(p, offset(p)));
                return out;
            }
        };
    }

    @Override
    public PluginMetrics pluginMetrics() {
        return new PluginMetrics() {
            @Override
            public MetricName metricName(String name, String description, LinkedHashMap<String, String> tags) {
                return new MetricName(name, "plugins", description, tags);
            }

            @Override
            public void addMetric(MetricName name, MetricValueProvider<?> provider) {
                synchronized (metrics) {
                    metrics.put(name, provider);
                }
            }

            @Override
            public void removeMetric(MetricName name) {
                synchronized (metrics) {
                    metrics.remove(name);
                }
            }

            @Override
            public Sensor addSensor(String name) {
                throw new UnsupportedOperationException("sensors are not kept by this test context");
            }

            @Override
            public void removeSensor(String name) {
                // none were added
            }
        };
    }

    /** The names of the metrics registered now (removed ones are gone). */
    public List<MetricName> metricNames() {
        synchronized (metrics) {
            return List.copyOf(metrics.keySet());
        }
    }

    /** The current value of the one gauge called {@code name}; fails when there is none or several. */
    public long gauge(String name) {
        return gauge(name, Map.of());
    }

    /** The current value of the one gauge called {@code name} whose tag {@code tag} is {@code value}. */
    public long gauge(String name, String tag, String value) {
        return gauge(name, Map.of(tag, value));
    }

    private long gauge(String name, Map<String, String> tags) {
        List<Map.Entry<MetricName, MetricValueProvider<?>>> found;
        synchronized (metrics) {
            found = metrics.entrySet().stream()
                    .filter(e -> e.getKey().name().equals(name) && e.getKey().tags().entrySet().containsAll(tags.entrySet()))
                    .map(e -> Map.<MetricName, MetricValueProvider<?>>entry(e.getKey(), e.getValue()))
                    .toList();
        }
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " metrics " + name + " with tags " + tags + " among " + metricNames());
        }
        Object v = ((Gauge<?>) found.get(0).getValue()).value(null, 0);
        return ((Number) v).longValue();
    }
}
