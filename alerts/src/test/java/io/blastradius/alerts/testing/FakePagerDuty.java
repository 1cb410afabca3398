package io.blastradius.alerts.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blastradius.alerts.testing.Receiver.Answer;
import io.blastradius.alerts.testing.Receiver.Request;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A PagerDuty-like Events API v2 receiver with PagerDuty's dedup semantics: a trigger opens an
 * incident unless one is open under its dedup key (then it is folded into it); a resolve closes the
 * open one (no-op otherwise); a trigger after a resolve opens a new incident. Events it answers with
 * an injected failure are not applied, as with the real service.
 */
public final class FakePagerDuty implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One incident: the dedup key, the actions applied to it in order, whether it is open. */
    public static final class Incident {
        public final String dedupKey;
        public final List<String> actions = new ArrayList<>();
        public final List<JsonNode> events = new ArrayList<>();
        public boolean open = true;

        Incident(String dedupKey) {
            this.dedupKey = dedupKey;
        }
    }

    private final Receiver receiver;
    private final String routingKey;
    private final List<Incident> incidents = new ArrayList<>();
    private final Map<String, Incident> open = new LinkedHashMap<>();
    private volatile Function<Request, Answer> failures = r -> null;

    public FakePagerDuty(String routingKey) throws IOException {
        this.routingKey = routingKey;
        this.receiver = new Receiver().answer(this::answer);
    }

    /** The enqueue URL. */
    public URI url() {
        return receiver.url("/v2/enqueue");
    }

    public Receiver receiver() {
        return receiver;
    }

    /** Failures to inject: a non-null answer is given instead of applying the event. */
    public FakePagerDuty failWith(Function<Request, Answer> failures) {
        this.failures = failures;
        return this;
    }

    public synchronized List<Incident> incidents() {
        return List.copyOf(incidents);
    }

    /** Incidents under {@code dedupKey}, oldest first. */
    public synchronized List<Incident> incidents(String dedupKey) {
        return incidents.stream().filter(i -> i.dedupKey.equals(dedupKey)).toList();
    }

    private Answer answer(Request request) {
        Answer failure = failures.apply(request);
        if (failure != null) {
            return failure;
        }
        JsonNode event;
        try {
            event = JSON.readTree(request.body());
        } catch (IOException e) {
            return Answer.status(400, "{\"status\":\"invalid event\",\"message\":\"not JSON\"}");
        }
        String action = event.path("event_action").asText();
        String key = event.path("dedup_key").asText();
        if (!routingKey.equals(event.path("routing_key").asText()) || key.isEmpty()
                || !List.of("trigger", "acknowledge", "resolve").contains(action)
                || action.equals("trigger") && (event.path("payload").path("summary").asText().isEmpty()
                        || event.path("payload").path("source").asText().isEmpty()
                        || event.path("payload").path("severity").asText().isEmpty())) {
            return Answer.status(400, "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\"}");
        }
        synchronized (this) {
            Incident incident = open.get(key);
            if (action.equals("trigger") && incident == null) {
                incident = new Incident(key);
                incidents.add(incident);
                open.put(key, incident);
            }
            if (incident != null) {
                incident.actions.add(action);
                incident.events.add(event);
                if (action.equals("resolve")) {
                    incident.open = false;
                    open.remove(key);
                }
            }
        }
        return Answer.status(202, "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"" + key + "\"}");
    }

    @Override
    public void close() {
        receiver.close();
    }
}
