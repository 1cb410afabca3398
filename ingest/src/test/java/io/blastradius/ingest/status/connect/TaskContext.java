package io.blastradius.ingest.status.connect;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.MetricValueProvider;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/** A task context whose committed offsets and plugin metrics are plain maps the test controls. */
final class TaskContext implements SourceTaskContext {
    final Map<Map<String, ?>, Map<String, Object>> offsets = new HashMap<>();
    final Map<MetricName, MetricValueProvider<?>> metrics = new LinkedHashMap<>();

    @Override
    public Map<String, String> configs() {
        return Map.of();
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
        return new OffsetStorageReader() {
            @Override
            public <T> Map<String, Object> offset(Map<String, T> partition) {
                return offsets.get(partition);
            }

            @Override
            public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                Map<Map<String, T>, Map<String, Object>> out = new HashMap<>();
                partitions.forEach(p -> out.put(p, offsets.get(p)));
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
                metrics.put(name, provider);
            }

            @Override
            public void removeMetric(MetricName name) {
                metrics.remove(name);
            }

            @Override
            public Sensor addSensor(String name) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void removeSensor(String name) {
                throw new UnsupportedOperationException();
            }
        };
    }

    /** A gauge's current value. */
    long gauge(String name, String feed) {
        for (Map.Entry<MetricName, MetricValueProvider<?>> e : metrics.entrySet()) {
            if (e.getKey().name().equals(name) && feed.equals(e.getKey().tags().get("feed"))) {
                Object v = ((org.apache.kafka.common.metrics.Gauge<?>) e.getValue()).value(null, 0);
                return ((Number) v).longValue();
            }
        }
        throw new AssertionError("no metric " + name + " for " + feed + " in " + metrics.keySet());
    }
}
