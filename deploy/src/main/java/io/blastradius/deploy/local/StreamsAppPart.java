package io.blastradius.deploy.local;

import io.blastradius.schemas.serde.AvroSerdeConfig;
import io.blastradius.streams.config.StreamsAppConfig;
import io.blastradius.streams.query.QueryConfig;
import io.blastradius.streams.query.QueryService;
import java.util.HashMap;
import java.util.Map;

/**
 * The streams app (the correlation topology) with its query service: REST API, live stream and
 * dashboard on {@code query.port}, state under {@code <data.dir>/streams}. Starts once the topics
 * exist; ready when Kafka Streams is RUNNING.
 */
final class StreamsAppPart implements StackPart {
    private QueryService service;

    @Override
    public String name() {
        return "streams-app";
    }

    @Override
    public void start(StackContext context) throws Exception {
        LocalStackConfig config = context.config();
        Map<String, Object> props = new HashMap<>();
        props.put(StreamsAppConfig.BOOTSTRAP_SERVERS, context.bootstrapServers());
        props.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, context.registryUrl());
        props.put(StreamsAppConfig.TOPIC_PREFIX, config.getString(LocalStackConfig.TOPICS_PREFIX));
        props.put(StreamsAppConfig.STATE_DIR, config.dataDir().resolve("streams").toString());
        props.put(StreamsAppConfig.CLOSE_TIMEOUT_MS, config.shutdownTimeout().toMillis());
        props.put(QueryConfig.HOST, "127.0.0.1");
        props.put(QueryConfig.PORT, config.queryPort());
        if (!config.queryApiToken().isEmpty()) {
            props.put(QueryConfig.API_TOKEN, config.queryApiToken());
        }
        service = QueryService.start(props);
        if (!service.awaitRunning(config.streamsStartTimeout())) {
            throw new IllegalStateException("the streams app did not reach RUNNING within " + config.streamsStartTimeout()
                    + " (state " + service.app().state() + ")");
        }
        context.addPipelineGroup(String.valueOf(StreamsAppConfig.CONFIG.defaultValues().get(StreamsAppConfig.APPLICATION_ID)));
        context.addEndpoint("dashboard", service.baseUrl() + "/", "open in a browser");
        context.addEndpoint("api", service.baseUrl() + "/api/v1/outages", "REST API (description: /api/openapi.json)");
    }

    @Override
    public void stop() {
        if (service != null) {
            service.close();
            service = null;
        }
    }
}
