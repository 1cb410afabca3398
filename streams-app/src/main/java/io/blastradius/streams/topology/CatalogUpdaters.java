package io.blastradius.streams.topology;

import io.blastradius.schemas.ServiceDependency;
import io.blastradius.schemas.ServiceInfo;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The global-store processors that keep the catalog stores and the {@link CatalogView} in step. */
final class CatalogUpdaters {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogUpdaters.class);

    private CatalogUpdaters() {
    }

    /** Applies {@code service|target} edges; a tombstone removes the edge. */
    static Processor<String, ServiceDependency, Void, Void> dependencies(CatalogView catalog, String storeName) {
        return new Updater<>(storeName, (key, d) -> catalog.putEdge(d), key -> {
            int bar = key.indexOf('|');
            if (bar > 0) {
                catalog.removeEdge(key.substring(0, bar), key.substring(bar + 1));
            }
        });
    }

    /** Applies service facts (organisation, user base); a tombstone removes them. */
    static Processor<String, ServiceInfo, Void, Void> services(CatalogView catalog, String storeName) {
        return new Updater<>(storeName, (key, s) -> catalog.putService(s), catalog::removeService);
    }

    private static final class Updater<V> implements Processor<String, V, Void, Void> {
        private final String storeName;
        private final BiConsumer<String, V> put;
        private final Consumer<String> remove;
        private KeyValueStore<String, V> store;

        Updater(String storeName, BiConsumer<String, V> put, Consumer<String> remove) {
            this.storeName = storeName;
            this.put = put;
            this.remove = remove;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(storeName);
        }

        @Override
        public void process(Record<String, V> record) {
            String key = record.key();
            if (key == null) {
                return;
            }
            try {
                if (record.value() == null) {
                    remove.accept(key);
                    store.delete(key);
                } else {
                    put.accept(key, record.value());
                    store.put(key, record.value());
                }
            } catch (RuntimeException e) {
                // a catalog entry that cannot be read leaves the rest of the catalog usable
                LOG.warn("ignoring catalog entry {} in {}: {}", key, storeName, e.toString());
            }
        }
    }
}
