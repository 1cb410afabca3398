package io.blastradius.streams.query;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.blastradius.streams.app.BlastRadiusApp;
import io.blastradius.streams.config.StreamsAppConfig;
import io.blastradius.streams.query.api.QueryApi;
import io.blastradius.streams.query.http.HttpService;
import io.blastradius.streams.query.http.Response;
import io.blastradius.streams.query.http.Routes;
import io.blastradius.streams.query.live.LiveEvents;
import io.blastradius.streams.query.ops.Metrics;
import io.blastradius.streams.query.ops.Probes;
import io.blastradius.streams.query.route.Forwarder;
import io.blastradius.streams.query.route.LocalStores;
import io.blastradius.streams.query.route.QueryRouter;
import io.blastradius.streams.query.views.QueryViews;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One streams-app instance with its query service: the correlation topology plus the query views
 * ({@link BlastRadiusApp}), and on one HTTP port the REST API, the live stream of outage changes,
 * the dashboard, health and metrics. The HTTP port is bound first, because Kafka Streams must know
 * it ({@code application.server}) to tell other instances where this one's partitions are queried.
 *
 * <p>Shutdown order: stop the live streams, stop taking requests (those in flight finish within the
 * shutdown timeout), close Kafka Streams (bounded), close the metrics.
 */
public final class QueryService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueryService.class);

    private final QueryConfig config;
    private final Metrics metrics;
    private final HttpService http;
    private final BlastRadiusApp app;
    private final LiveEvents live;
    private final String baseUrl;
    private boolean closed;

    private QueryService(Map<String, ?> properties) throws IOException {
        this.config = new QueryConfig(properties);
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.metrics = new Metrics();
        Routes routes = new Routes();
        this.http = new HttpService(config.host(), config.port(), config.threads(), routes, config.apiToken(),
                metrics.registry(), json, config.shutdownTimeout(), config.retryAfterSeconds());
        HostInfo self = new HostInfo(config.advertisedHost(), http.port());
        this.baseUrl = "http://" + self.host() + ":" + self.port();

        Map<String, Object> streamsProps = new HashMap<>(properties);
        streamsProps.put(StreamsAppConfig.KAFKA_PREFIX + StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        StreamsAppConfig streamsConfig = new StreamsAppConfig(streamsProps);
        this.app = new BlastRadiusApp(streamsConfig, (topology, topics) -> QueryViews.addTo(topology, topics,
                config.signalsRetention(), config.healthHistoryRetention(), metrics::inputRecord));
        metrics.bind(app.streams());

        QueryRouter router = new QueryRouter(app.streams(), self, new Forwarder(config.forwardTimeout(), config.apiToken()),
                json, config.forwardTimeout().toMillis());
        new QueryApi(router, new LocalStores(app.streams()), app.catalog(), json).register(routes);
        new Probes(app::state, json).register(routes);
        metrics.register(routes);
        new StaticFiles().register(routes);
        routes.post(QueryApi.PREFIX + "/session", r -> session(r, json));
        this.live = new LiveEvents(streamsConfig, config, json, metrics);
        http.stream(QueryApi.PREFIX + "/events", live::serve);
    }

    /** Binds the HTTP port, starts Kafka Streams, then serves. */
    public static QueryService start(Map<String, ?> properties) throws IOException {
        QueryService service = new QueryService(properties);
        try {
            service.live.start();
            service.app.start();
            service.http.start();
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        LOG.info("query service and dashboard at {}/", service.baseUrl);
        return service;
    }

    /** {@code http://host:port} of this instance. */
    public String baseUrl() {
        return baseUrl;
    }

    public BlastRadiusApp app() {
        return app;
    }

    /** Blocks until Kafka Streams is RUNNING or {@code timeout} passes. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return app.awaitRunning(timeout);
    }

    /**
     * Exchanges the API token for an HttpOnly, same-site session cookie, so the dashboard's live
     * stream (a browser EventSource cannot send headers) is authorized too.
     */
    private Response session(io.blastradius.streams.query.http.Request r, ObjectMapper json) throws IOException {
        String auth = r.header("Authorization");
        String token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : "";
        if (http.tokenRequired() && !http.matches(token)) {
            throw new io.blastradius.streams.query.http.ApiException(401, "unauthorized", null, "wrong or missing token");
        }
        Response ok = Response.json(200, json.writeValueAsBytes(Map.of("tokenRequired", http.tokenRequired())));
        return http.tokenRequired()
                ? ok.withHeader("Set-Cookie", HttpService.SESSION_COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict")
                : ok;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        live.close();
        http.close();
        app.close();
        metrics.close();
    }

    /** Runs one instance with the properties file given as the only argument, until SIGTERM or Ctrl-C. */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: QueryService <streams-app.properties>");
            System.exit(2);
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            props.load(in);
        }
        Map<String, Object> map = new HashMap<>();
        props.forEach((k, v) -> map.put(k.toString(), v));
        QueryService service = start(map);
        CountDownLatch stopped = new CountDownLatch(1);
        // close inside the hook: the JVM exits as soon as the hooks return
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "blastradius-shutdown"));
        stopped.await();
    }
}
