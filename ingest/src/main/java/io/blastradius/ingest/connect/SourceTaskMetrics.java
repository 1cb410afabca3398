package io.blastradius.ingest.connect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;

/**
 * What one source task has done, for operators and the query service. Registered with the Connect
 * worker's plugin metrics, so each value appears in JMX as
 * {@code kafka.connect:type=plugins,connector=<name>,task=<id>} (attribute = metric name) and in any
 * metrics reporter the worker has; {@link #snapshot()} reads them in-process.
 */
public final class SourceTaskMetrics {
    private final AtomicLong recordsWritten = new AtomicLong();
    private final AtomicLong payloadsSkipped = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong lastSuccessMs = new AtomicLong(-1);
    private final AtomicLong lastErrorMs = new AtomicLong(-1);
    private final Supplier<Integer> queueSize;
    private final List<MetricName> registered = new ArrayList<>();
    private PluginMetrics pluginMetrics;

    /** The values at one moment. {@code lastSuccess} and {@code lastError} are null until the first one. */
    public record Snapshot(long recordsWritten, long payloadsSkipped, long errors, Instant lastSuccess,
            Instant lastError, int queueSize) {
    }

    SourceTaskMetrics(Supplier<Integer> queueSize) {
        this.queueSize = queueSize;
    }

    /** Publishes the metrics through the worker; a null {@code metrics} (a bare test context) publishes nothing. */
    void register(PluginMetrics metrics) {
        if (metrics == null) {
            return;
        }
        this.pluginMetrics = metrics;
        gauge("records-written-total", "Records the connector wrote to its topic (acknowledged by Kafka).",
                recordsWritten::get);
        gauge("payloads-skipped-total", "Upstream payloads that could not be parsed and went to the dead-letter "
                + "topic (or were dropped when it is off).", payloadsSkipped::get);
        gauge("errors-total", "Upstream failures: unreachable sources, error answers, timeouts.", errors::get);
        gauge("last-success-timestamp-ms", "Wall-clock time a record was last acknowledged, -1 before the first.",
                lastSuccessMs::get);
        gauge("last-error-timestamp-ms", "Wall-clock time of the last upstream failure, -1 before the first.",
                lastErrorMs::get);
        gauge("queue-size", "Records waiting between the reader and poll().", () -> (long) queueSize.get());
    }

    private void gauge(String name, String description, Supplier<Long> value) {
        MetricName metricName = pluginMetrics.metricName(name, description, new LinkedHashMap<>());
        pluginMetrics.addMetric(metricName, (Gauge<Long>) (config, now) -> value.get());
        registered.add(metricName);
    }

    void unregister() {
        if (pluginMetrics != null) {
            registered.forEach(pluginMetrics::removeMetric);
            registered.clear();
        }
    }

    void recordWritten(long nowMs) {
        recordsWritten.incrementAndGet();
        lastSuccessMs.set(nowMs);
    }

    void payloadSkipped() {
        payloadsSkipped.incrementAndGet();
    }

    void error(long nowMs) {
        errors.incrementAndGet();
        lastErrorMs.set(nowMs);
    }

    public Snapshot snapshot() {
        long success = lastSuccessMs.get();
        long error = lastErrorMs.get();
        return new Snapshot(recordsWritten.get(), payloadsSkipped.get(), errors.get(),
                success < 0 ? null : Instant.ofEpochMilli(success), error < 0 ? null : Instant.ofEpochMilli(error),
                queueSize.get());
    }
}
