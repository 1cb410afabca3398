package io.blastradius.ingest.status.connect;

import io.blastradius.ingest.connect.IngestSourceConnector;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
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
    public void start(Map<String, String> props) {
        super.start(props);
        parse.apply(props);
    }

    @Override
    public Config validate(Map<String, String> props) {
        Config result = super.validate(props);
        boolean defOk = result.configValues().stream().allMatch(v -> v.errorMessages().isEmpty());
        if (defOk) {
            try {
                parse.apply(props);
            } catch (ConfigException e) {
                for (ConfigValue v : result.configValues()) {
                    if (v.name().equals(keyForErrors)) {
                        v.addErrorMessage(e.getMessage());
                    }
                }
            }
        }
        return result;
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> props) {
        return ExactlyOnceSupport.SUPPORTED;
    }
}
