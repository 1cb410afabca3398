package io.blastradius.streams.query.ops;

import io.blastradius.streams.query.http.Response;
import io.blastradius.streams.query.http.Routes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Prometheus metrics of one instance at {@code /metrics}: the JVM, every Kafka Streams metric
 * (threads, tasks, state stores with their RocksDB figures, the clients inside), HTTP timings
 * (recorded by the HTTP service), records the views took in per input topic (what the connectors
 * delivered), and the detection counters of the live stream (outages by state, alerts, dead letters).
 */
public final class Metrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<AutoCloseable> binders = new ArrayList<>();
    private final Map<String, Counter> inputs = new ConcurrentHashMap<>();

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        binders.add(gc);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Binds the Kafka Streams metrics of {@code streams} (including its state stores' RocksDB metrics). */
    public void bind(KafkaStreams streams) {
        KafkaStreamsMetrics m = new KafkaStreamsMetrics(streams);
        m.bindTo(registry);
        binders.add(m);
    }

    /** Counts one input record the query views took in, by topic. */
    public void inputRecord(String topic) {
        inputs.computeIfAbsent(topic, t -> Counter.builder("blastradius.input.records")
                .description("Input records (probe results, posts, status events) the query views took in, by topic")
                .tag("topic", t).register(registry)).increment();
    }

    public <T> void gauge(String name, String description, Map<String, String> tags, T obj, ToDoubleFunction<T> f) {
        io.micrometer.core.instrument.Gauge.Builder<T> b = io.micrometer.core.instrument.Gauge.builder(name, obj, f)
                .description(description);
        tags.forEach(b::tag);
        b.register(registry);
    }

    public Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    public Routes register(Routes routes) {
        return routes.get("/metrics", r -> Response.text(200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
    }

    @Override
    public void close() {
        for (AutoCloseable b : binders) {
            try {
                b.close();
            } catch (Exception e) {
                // closing a binder only unregisters listeners; the registry goes away with it
                org.slf4j.LoggerFactory.getLogger(Metrics.class).debug("metrics binder close failed", e);
            }
        }
        registry.close();
    }
}
