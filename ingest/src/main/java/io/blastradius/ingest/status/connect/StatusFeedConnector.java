package io.blastradius.ingest.status.connect;

import io.blastradius.ingest.connect.IngestSourceConnector;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.connect.source.ExactlyOnceSupport;

/**
 * Base of the status-feed connectors: validates the whole config (including keys a {@code ConfigDef}
 * cannot declare, such as per-page settings) on start and in Connect's validate call, and declares
 * exactly-once support: every record carries the complete state of its feed as its source offset, so
 * offsets written in the record's transaction are always consistent with what was written.
 */
abstract class StatusFeedConnector<C extends StatusFeedConfig> extends IngestSourceConnector {
    private final Function<Map<String, String>, C> parse;
    private final String keyForErrors;

    StatusFeedConnector(Function<Map<String, String>, C> parse, String keyForErrors) {
        this.parse = parse;
        this.keyForErrors = keyForErrors;
    }

    @Override
    protected void checkConfig(Map<String, String> props) {
        parse.apply(props);
    }

    @Override
    protected String keyForErrors() {
        return keyForErrors;
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> props) {
        return ExactlyOnceSupport.SUPPORTED;
    }
}
