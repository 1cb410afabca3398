package io.blastradius.ingest.social;

import io.blastradius.ingest.connect.IngestSourceConnector;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;

/**
 * Base of the social connectors: one task with the connector's properties, the platform's
 * {@code ConfigDef}, and its typed config built on start and in Connect's validate call, so that
 * what the {@code ConfigDef} cannot check (the salt's length, URLs, at least one feed) fails the
 * connector rather than its task.
 */
public abstract class SocialSourceConnector extends IngestSourceConnector {
    private final ConfigDef definition;
    private final Function<Map<String, String>, ? extends SocialSourceConfig> parse;
    private final Class<? extends Task> task;

    protected SocialSourceConnector(ConfigDef definition, Function<Map<String, String>, ? extends SocialSourceConfig> parse,
            Class<? extends Task> task) {
        this.definition = definition;
        this.parse = parse;
        this.task = task;
    }

    @Override
    public ConfigDef config() {
        return definition;
    }

    @Override
    protected void checkConfig(Map<String, String> props) {
        parse.apply(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return task;
    }
}
