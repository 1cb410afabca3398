package io.blastradius.streams.topology;

import io.blastradius.schemas.ServiceDependency;
import io.blastradius.schemas.ServiceInfo;
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
    static final class Dependencies implements Processor<String, ServiceDependency, Void, Void> {
        private final CatalogView catalog;
        private final String storeName;
        private KeyValueStore<String, ServiceDependency> store;

        Dependencies(CatalogView catalog, String storeName) {
            this.catalog = catalog;
            this.storeName = storeName;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(storeName);
        }

        @Override
        public void process(Record<String, ServiceDependency> record) {
            String key = record.key();
            ServiceDependency d = record.value();
            try {
                if (d == null) {
                    if (key != null && key.indexOf('|') > 0) {
                        catalog.removeEdge(key.substring(0, key.indexOf('|')), key.substring(key.indexOf('|') + 1));
                        store.delete(key);
                    }
                    return;
                }
                catalog.putEdge(d);
                store.put(key != null ? key : d.getService() + "|" + d.getTarget(), d);
            } catch (RuntimeException e) {
                // a catalog entry that cannot be read leaves the rest of the catalog usable
                LOG.warn("ignoring catalog edge {}: {}", key, e.toString());
            }
        }
    }

    /** Applies service facts (organisation, user base); a tombstone removes them. */
    static final class Services implements Processor<String, ServiceInfo, Void, Void> {
        private final CatalogView catalog;
        private final String storeName;
        private KeyValueStore<String, ServiceInfo> store;

        Services(CatalogView catalog, String storeName) {
            this.catalog = catalog;
            this.storeName = storeName;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(storeName);
        }

        @Override
        public void process(Record<String, ServiceInfo> record) {
            if (record.key() == null) {
                return;
            }
            if (record.value() == null) {
                catalog.removeService(record.key());
                store.delete(record.key());
                return;
            }
            catalog.putService(record.value());
            store.put(record.key(), record.value());
        }
    }
}
