package io.blastradius.streams.query.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blastradius.streams.query.http.Response;
import io.blastradius.streams.query.http.Routes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Liveness and readiness from the Kafka Streams state. Live unless the instance has failed or
 * stopped (ERROR, PENDING_ERROR, NOT_RUNNING, PENDING_SHUTDOWN): a restart can help then. Ready
 * only when RUNNING: while it starts, restores or rebalances, a load balancer should send queries
 * to the other instances (this one would answer many of them with "retry").
 */
public final class Probes {
    private final Supplier<KafkaStreams.State> state;
    private final ObjectMapper json;

    public Probes(Supplier<KafkaStreams.State> state, ObjectMapper json) {
        this.state = state;
        this.json = json;
    }

    public Routes register(Routes routes) {
        return routes
                .get("/health/live", r -> answer(isLive(state.get()), "live"))
                .get("/health/ready", r -> answer(state.get() == KafkaStreams.State.RUNNING, "ready"));
    }

    static boolean isLive(KafkaStreams.State s) {
        return switch (s) {
            case ERROR, PENDING_ERROR, NOT_RUNNING, PENDING_SHUTDOWN -> false;
            default -> true;
        };
    }

    private Response answer(boolean ok, String what) {
        ObjectNode body = json.createObjectNode();
        body.put("status", ok ? "UP" : "DOWN");
        body.put("check", what);
        body.put("streamsState", state.get().name());
        try {
            return Response.json(ok ? 200 : 503, json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
