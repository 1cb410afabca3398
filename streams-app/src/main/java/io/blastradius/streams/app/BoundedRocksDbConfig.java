package io.blastradius.streams.app;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the memory of every RocksDB store in this JVM together: one shared LRU block cache of
 * {@value #MEMORY_BYTES} bytes, with memtables charged to it through one {@link WriteBufferManager}
 * (taking at most {@value #WRITE_BUFFER_SHARE} of it), and index and filter blocks kept in the
 * cache rather than beside it. Without this each store would size its own cache and buffers,
 * and memory would grow with the number of stores and partitions.
 */
public final class BoundedRocksDbConfig implements RocksDBConfigSetter {
    /** Total bytes for all RocksDB stores of the JVM. */
    public static final String MEMORY_BYTES = "rocksdb.memory.bytes";
    /** Share of it for memtables. */
    public static final String WRITE_BUFFER_SHARE = "rocksdb.write.buffer.share";
    private static final long DEFAULT_BYTES = 64L * 1024 * 1024;

    private static Cache cache;
    private static WriteBufferManager writeBuffers;
    private static long configuredBytes;

    /** The shared cache and buffer manager, created by the first store that asks; later stores share them. */
    private static synchronized void ensureShared(Map<String, Object> configs) {
        if (cache != null) {
            return;
        }
        long bytes = number(configs.get(MEMORY_BYTES), DEFAULT_BYTES);
        double share = configs.get(WRITE_BUFFER_SHARE) == null ? 0.25 : Double.parseDouble(configs.get(WRITE_BUFFER_SHARE).toString());
        cache = new LRUCache(bytes, -1, false, 0.1);
        writeBuffers = new WriteBufferManager((long) (bytes * share), cache);
        configuredBytes = bytes;
    }

    /** Bytes the shared cache was created with, 0 before any store was opened. */
    public static synchronized long configuredBytes() {
        return configuredBytes;
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        ensureShared(configs);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(writeBuffers);
        options.setTableFormatConfig(table);
        options.setMaxWriteBufferNumber(2);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and buffer manager are shared by every store of the JVM: never closed per store
    }

    private static long number(Object value, long fallback) {
        if (value == null) {
            return fallback;
        }
        return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().trim());
    }
}
